// The demo's units at work: after the demo plan is published, seeded unit members sign in to the API and
// acknowledge, report progress and complete assignments as people would (one completes after its deadline), the
// chairperson's digest is awaited and a report is generated as of now. Everything goes through HTTP, so the
// events, e-mails, digests and report are the engine's own. Used by `npm start` and its integration test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { epochMsToLocalDateTime } from '../../dsl/calendar/local-time.js';
import { DEMO_CHAIRPERSON, DEMO_REPORT, DEMO_TASKS, type DemoPlan } from './demo-plan.js';

export interface DemoActor {
  apiUrl: string;
  password: string;
  /** The seeded login of a unit's member, of Home Affairs and of a person (chairperson). */
  loginOf: {
    unit(code: string): string;
    homeAffairs: string;
    person(code: string): string;
    /** The head and the officer of the unit that gives its work to an officer; absent: the unit does it. */
    head?(code: string): string;
    officer?(code: string): string;
  };
  /** One line per thing that happened. */
  log(line: string): void;
  /** Stops the waiting (Ctrl-C). */
  signal?: AbortSignal;
  /** Where the generated report is written (HTML and PDF); none when absent. */
  outDir?: string;
  /** Clock (epoch ms); tests may not move it, the engine runs on real time. */
  now?: () => number;
  /** Stop waiting for the deadline and the digest after this instant (epoch ms); the report is still made. */
  waitUntil?: number;
}

export interface DemoOutcome {
  acknowledged: string[];
  progressed: string[];
  doneOnTime?: string;
  doneLate?: string;
  /** Whether the chairperson's digest arrived (it follows the escalations, which wait for 08:00). */
  digest?: { key: string; recipient: string; dueAt: string };
  report?: { html: string; files: string[] };
}

interface AssignmentView {
  id: string;
  status: string;
  overdue: boolean;
  progressClass?: string;
}

const hhmm = (ms: number) => epochMsToLocalDateTime(ms).time.slice(0, 5);

class DemoApi {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly o: DemoActor) {}

  private async token(login: string): Promise<string> {
    const known = this.tokens.get(login);
    if (known) return known;
    const res = await fetch(`${this.o.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: this.o.password }),
    });
    if (!res.ok) throw new Error(`sign-in of ${login} failed: HTTP ${res.status}`);
    const { token } = (await res.json()) as { token: string };
    this.tokens.set(login, token);
    return token;
  }

  async call<T>(login: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.o.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(login)}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path} as ${login}: HTTP ${res.status} ${await res.text()}`);
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as T;
  }
}

/** Waits until `check` answers something, polling; gives up at `until` (epoch ms) or when aborted. */
async function poll<T>(
  o: DemoActor,
  until_: number,
  check: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const now = o.now ?? Date.now;
  const until = o.waitUntil === undefined ? until_ : Math.min(until_, o.waitUntil);
  for (;;) {
    if (o.signal?.aborted) return undefined;
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    if (now() > until) return undefined;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

const assignmentId = (ir: PlanIR, task: string, unit: string) =>
  ir.assignments.find((a) => a.taskId === task && a.unit === unit)!.id;

/**
 * Plays the demo: the units act at once, one completes late after its deadline, then the chairperson's digest
 * and a report. Resolves when the story is over (a few minutes after `demo.at.digest`) or when aborted.
 */
export async function playDemo(demo: DemoPlan, ir: PlanIR, o: DemoActor): Promise<DemoOutcome> {
  const api = new DemoApi(o);
  const now = o.now ?? Date.now;
  const out: DemoOutcome = { acknowledged: [], progressed: [] };
  const path = (id: string) => `/assignments/${encodeURIComponent(id)}`;
  const view = (login: string, id: string) => api.call<AssignmentView>(login, 'GET', path(id));
  const unit = (code: string) => o.loginOf.unit(code);
  // Idempotency keys: letters, digits and "_.:-" only; one per action and assignment.
  const key = (what: string) => `demo.${what}`.replace(/[^\w.:-]/g, '.').slice(0, 100);

  // The assignments reach PostgreSQL as the plan workflow starts them.
  const ids = {
    onTime: assignmentId(ir, DEMO_TASKS.onTime.task, DEMO_TASKS.onTime.unit),
    overdue: assignmentId(ir, DEMO_TASKS.overdue.task, DEMO_TASKS.overdue.unit),
    late: assignmentId(ir, DEMO_TASKS.late.task, DEMO_TASKS.late.unit),
    inProgress: assignmentId(ir, DEMO_TASKS.inProgress.task, DEMO_TASKS.inProgress.unit),
    week: assignmentId(ir, DEMO_TASKS.week.task, DEMO_TASKS.week.unit),
  };
  for (const [k, id] of Object.entries(ids)) {
    const code = ir.assignments.find((a) => a.id === id)!.unit;
    const seen = await poll(o, now() + 60_000, () => view(unit(code), id));
    if (!seen) {
      if (o.signal?.aborted) return out;
      throw new Error(`the demo assignment ${k} (${id}) did not reach the API`);
    }
  }

  const acknowledge = async (code: string, id: string, note: string) => {
    await api.call(unit(code), 'POST', `${path(id)}/acknowledge`, { note, requestId: key(`ack-${id}`) });
    out.acknowledged.push(id);
  };
  const progress = async (code: string, id: string, percent: number, note: string) => {
    await api.call(unit(code), 'POST', `${path(id)}/progress`, {
      percent,
      note,
      requestId: key(`progress-${id}`),
    });
    out.progressed.push(id);
  };
  const complete = (code: string, id: string, documentNumber: string, note: string) =>
    api.call<{ progressClass: string }>(unit(code), 'POST', `${path(id)}/complete`, {
      evidence: { documentNumber, documentDate: epochMsToLocalDateTime(now()).date, note },
      requestId: key(`complete-${id}`),
    });

  // 1. At once: one unit finishes before the deadline, two acknowledge and report progress, one acknowledges
  //    the week-long task; the one-stop centre does nothing.
  const vp = DEMO_TASKS.onTime.unit;
  await acknowledge(vp, ids.onTime, 'Văn phòng đã nhận, đang tổng hợp.');
  const onTime = await complete(vp, ids.onTime, '01/BC-VP', 'Báo cáo rà soát đã gửi Chủ tịch.');
  out.doneOnTime = ids.onTime;
  o.log(`${vp} acknowledged and completed ${DEMO_TASKS.onTime.task} (${onTime.progressClass})`);
  const kt = DEMO_TASKS.late.unit;
  await acknowledge(kt, ids.late, 'Phòng Kinh tế tiếp nhận.');
  await progress(kt, ids.late, 60, 'Đã số hóa 60% hồ sơ.');
  o.log(`${kt} acknowledged ${DEMO_TASKS.late.task} and reported 60%`);
  const vh = DEMO_TASKS.inProgress.unit;
  await acknowledge(vh, ids.inProgress, 'Phòng Văn hóa - Xã hội tiếp nhận.');
  const { head, officer } = o.loginOf;
  if (head && officer) {
    // The unit's head gives the work to an officer, who reports the progress.
    await api.call(head(vh), 'POST', `${path(ids.inProgress)}/officer`, {
      login: officer(vh),
      note: 'Giao chuyên viên phụ trách chuyên mục.',
      requestId: key(`officer-${ids.inProgress}`),
    });
    await api.call(officer(vh), 'POST', `${path(ids.inProgress)}/progress`, {
      percent: 30,
      note: 'Đang biên tập chuyên mục.',
      requestId: key(`progress-${ids.inProgress}`),
    });
    out.progressed.push(ids.inProgress);
    o.log(
      `${vh} acknowledged ${DEMO_TASKS.inProgress.task}; its head gave it to an officer, who reported 30%`,
    );
  } else {
    await progress(vh, ids.inProgress, 30, 'Đang biên tập chuyên mục.');
    o.log(`${vh} acknowledged ${DEMO_TASKS.inProgress.task} and reported 30%`);
  }
  await acknowledge(DEMO_TASKS.week.unit, ids.week, 'Sẽ tự kiểm tra trong tuần.');
  o.log(
    `${DEMO_TASKS.week.unit} acknowledged ${DEMO_TASKS.week.task}; ` +
      `${DEMO_TASKS.overdue.unit} does nothing with ${DEMO_TASKS.overdue.task}`,
  );

  // 2. After the deadline: the late one is flagged overdue by the engine, then completed.
  o.log(`waiting for the deadline at ${hhmm(demo.at.due)}…`);
  const overdue = await poll(o, demo.at.due + 120_000, async () => {
    if (now() < demo.at.due) return undefined;
    const v = await view(unit(kt), ids.late);
    return v.overdue ? v : undefined;
  });
  if (o.signal?.aborted) return out;
  if (overdue) {
    o.log(
      `${DEMO_TASKS.late.task} and ${DEMO_TASKS.overdue.task} are overdue (deadline ${hhmm(demo.at.due)})`,
    );
    const late = await complete(kt, ids.late, '02/BC-KT', 'Hoàn thành muộn: hồ sơ đã số hóa đủ.');
    out.doneLate = ids.late;
    o.log(`${kt} completed ${DEMO_TASKS.late.task} after its deadline (${late.progressClass})`);
  } else o.log(`${DEMO_TASKS.late.task} was not flagged overdue by ${hhmm(now())}`);

  // 3. The chairperson's digest lists the escalated assignment.
  o.log(`waiting for the chairperson's digest at ${hhmm(demo.at.digest)}…`);
  const chair = o.loginOf.person(DEMO_CHAIRPERSON);
  const digest = await poll(o, demo.at.digest + 120_000, async () => {
    if (now() < demo.at.digest) return undefined;
    const list = await api.call<{ key: string; recipient: string; dueAt: string }[]>(
      chair,
      'GET',
      `/digests?plan=${demo.planCode}`,
    );
    return list.find((d) => d.recipient === `person:${DEMO_CHAIRPERSON}`);
  });
  if (digest) {
    out.digest = digest;
    o.log(`the chairperson's digest was sent (${chair} sees it under Bản tin / Digests)`);
  } else if (!o.signal?.aborted) o.log(`no digest for the chairperson by ${hhmm(now())}`);
  if (o.signal?.aborted) return out;

  // 4. A report as of now, as Home Affairs would generate it.
  const asOf = new Date(now()).toISOString();
  const body = { plan: demo.planCode, report: DEMO_REPORT, asOf };
  const html = (
    await api.call<Buffer>(o.loginOf.homeAffairs, 'POST', '/reports/generate', { ...body, format: 'html' })
  ).toString('utf8');
  const files: string[] = [];
  if (o.outDir) {
    mkdirSync(o.outDir, { recursive: true });
    const pdf = await api.call<Buffer>(o.loginOf.homeAffairs, 'POST', '/reports/generate', {
      ...body,
      format: 'pdf',
    });
    for (const [name, content] of [
      ['bao-cao.html', html],
      ['bao-cao.pdf', pdf],
    ] as const) {
      const file = join(o.outDir, name);
      writeFileSync(file, content);
      files.push(file);
    }
  }
  out.report = { html, files };
  o.log(`report "${DEMO_REPORT}" as of ${hhmm(now())}${files.length ? `: ${files.join(', ')}` : ''}`);
  return out;
}
