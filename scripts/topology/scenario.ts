// The scenario driven through a running topology: Home Affairs publishes a plan of the current year through the
// API; every assignment's `assigned` event and its mail are read back; one assignment is acknowledged by its
// unit (the same request twice, one Idempotency-Key) and completed, all through the API; both workers are seen
// polling the task queue.
import { Connection } from '@temporalio/client';
import { createPool } from '../../apps/database/pool.js';
import { buildPlan, compilePlanText, dueOn } from '../../apps/dev-stack/plan-builder.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { secs, type Log } from './supervisor.js';

const PASSWORD = 'Mat-khau-2026';
const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A small plan of the current year, decided a few days ago so that every assignment starts (and is mailed) at
 * once; every task due two weeks ahead (within the year). Five units: three departments, two communes.
 */
export function scenarioPlan(issuer: string, tasks: number, today = new Date()): string {
  const year = today.getUTCFullYear();
  return buildPlan({
    tasks,
    issuer,
    year,
    title: `Kế hoạch CCHC năm ${year} (kiểm tra cấu hình ${issuer})`,
    decidedOn: new Date(Date.UTC(year, today.getUTCMonth(), today.getUTCDate() - 3)),
    departments: 3,
    communes: 2,
    reminders: ['trước 1 ngày làm việc'],
    escalationLevels: 1,
    deadline: dueOn(new Date(Math.min(today.getTime() + 14 * DAY_MS, Date.UTC(year, 11, 31)))),
  });
}

export interface ScenarioInput {
  /** The API's base URL, ending in /api. */
  api: string;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  tasks: number;
  /** Mails the SMTP server has received so far. */
  mailsReceived: () => number;
  log: Log;
}

export interface ScenarioFigures {
  tasks: number;
  scenarioMs: Record<string, number>;
  pollers: string[];
  /** Events of the acknowledged and completed assignment, by type. */
  events: Record<string, number>;
  /** Outbox rows of the plan's assignments recorded as sent. */
  mailsSent: number;
  duplicateAcknowledge: { firstStatus: number; againStatus: number; sameBody: boolean };
}

interface AssignmentView {
  status: string;
  events: { type: string }[];
  notifications: { sentAt: string | null }[];
}

export async function runScenario(o: ScenarioInput): Promise<ScenarioFigures> {
  const scenarioMs: Record<string, number> = {};
  const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const v = await fn();
    scenarioMs[what] = Date.now() - started;
    o.log(`  ✓ ${what} (${secs(scenarioMs[what])})`);
    return v;
  };
  const issuer = `tinh_${Date.now().toString(36)}`;
  const { source, ir } = compilePlanText(scenarioPlan(issuer, o.tasks), 'ke-hoach.dondoc');
  const db = createPool(o.databaseUrl, 4);
  try {
    o.log(`▸ scenario: plan ${ir.plan.code}, ${ir.assignments.length} assignments`);
    const users = await seedUsers(db, ir, PASSWORD);
    const http = async (
      method: string,
      path: string,
      token?: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${o.api}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, text, json: (text ? JSON.parse(text) : undefined) as unknown };
    };
    const login = async (name: string) => {
      const r = await http('POST', '/auth/login', undefined, { login: name, password: PASSWORD });
      if (r.status !== 200) throw new Error(`login ${name}: HTTP ${r.status} ${r.text}`);
      return (r.json as { token: string }).token;
    };
    const homeAffairs = await login(users.find((u) => u.role === 'home_affairs')!.login);
    await step('publish through the API', async () => {
      const r = await http('POST', '/plans', homeAffairs, {
        entry: 'ke-hoach.dondoc',
        files: { 'ke-hoach.dondoc': source },
      });
      if (r.status !== 201) throw new Error(`publish: HTTP ${r.status} ${r.text}`);
    });
    const view = async (id: string) => {
      const r = await http('GET', `/assignments/${encodeURIComponent(id)}`, homeAffairs);
      return r.status === 200 ? (r.json as AssignmentView) : undefined;
    };
    await step('every assignment assigned and its notice mailed (read through the API)', async () => {
      for (const deadline = Date.now() + 180_000; ; await sleep(500)) {
        const views = await Promise.all(ir.assignments.map((a) => view(a.id)));
        const done = views.filter(
          (v) => v?.events.some((e) => e.type === 'assigned') && v.notifications.every((n) => n.sentAt),
        ).length;
        if (done === ir.assignments.length && o.mailsReceived() >= ir.assignments.length) return;
        if (Date.now() > deadline)
          throw new Error(`${done}/${ir.assignments.length} assigned and mailed, ${o.mailsReceived()} mails`);
      }
    });
    const first = ir.assignments[0]!;
    const unitUser = users.find((u) => u.role === 'unit_member' && u.unit === first.unit)!;
    const unitToken = await login(unitUser.login);
    const firstPath = `/assignments/${encodeURIComponent(first.id)}`;
    const ack = { firstStatus: 0, againStatus: 0, sameBody: false };
    await step('acknowledge through the API (and the same request again)', async () => {
      const key = { 'idempotency-key': `topology-ack-${issuer}` };
      const a = await http('POST', `${firstPath}/acknowledge`, unitToken, {}, key);
      const b = await http('POST', `${firstPath}/acknowledge`, unitToken, {}, key);
      Object.assign(ack, { firstStatus: a.status, againStatus: b.status, sameBody: a.text === b.text });
      if (a.status !== 200) throw new Error(`acknowledge: HTTP ${a.status} ${a.text}`);
    });
    await step('complete through the API', async () => {
      const r = await http(
        'POST',
        `${firstPath}/complete`,
        unitToken,
        { evidence: { documentNumber: '12/BC-UBND', note: 'Đã rà soát' } },
        { 'idempotency-key': `topology-complete-${issuer}` },
      );
      if (r.status !== 200) throw new Error(`complete: HTTP ${r.status} ${r.text}`);
    });
    const finalView = await step('events read back through the API', async () => {
      for (const deadline = Date.now() + 60_000; ; await sleep(300)) {
        const v = await view(first.id);
        if (v && v.status === 'done' && v.events.some((e) => e.type === 'completed')) return v;
        if (Date.now() > deadline) throw new Error(`assignment not done: ${JSON.stringify(v)}`);
      }
    });
    const events: Record<string, number> = {};
    for (const e of finalView.events) events[e.type] = (events[e.type] ?? 0) + 1;

    const connection = await Connection.connect({ address: o.temporalAddress });
    const pollers = await connection.workflowService
      .describeTaskQueue({ namespace: o.namespace, taskQueue: { name: o.taskQueue } })
      .then((r) => [...new Set((r.pollers ?? []).map((p) => p.identity ?? ''))].sort())
      .finally(() => connection.close());
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE assignment_id = ANY($1) AND status = 'sent'`,
      [ir.assignments.map((a) => a.id)],
    );
    return {
      tasks: ir.assignments.length,
      scenarioMs,
      pollers,
      events,
      mailsSent: rows[0]!.n,
      duplicateAcknowledge: ack,
    };
  } finally {
    await db.end();
  }
}
