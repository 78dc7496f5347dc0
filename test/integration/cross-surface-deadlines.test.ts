// One deadline, every surface. For every assignment of an example plan (as published, and with "tính cả ngày hạn:
// không", which moves "trước ngày X" one day earlier), the last day people read — in the assignment mail, the inbox
// API, the extension queue, the report in each format, the unit's iCal feed and the CLI's calendar — is the day the
// plan language computed (the IR's dueDate), or, after an extension is granted, the new day. Deadlines are kept as
// the instant they pass (24:00 of the last day = 00:00 of the next date); no surface may show that next date.
// The plan is moved to the current year so that its first deadlines have passed on the dev server's real clock:
// the workflows record them overdue, and the report lists them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildProgram } from '../../apps/cli/program.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { renderMail } from '../../apps/mailer/templates/index.js';
import { formatDate, formatDeadline, readDeadline } from '../../apps/presentation/index.js';
import { planProgress, publishPlan } from '../../apps/publishing/plan-publisher.js';
import type { ReportContent } from '../../apps/reports/report-model.js';
import { addDays } from '../../dsl/calendar/local-date.js';
import { vietnamCalendar } from '../../dsl/calendar/calendar.js';
import { endOfLocalDay, localDateOfInstant } from '../../dsl/calendar/local-time.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry, waitFor, type CompiledPlan } from '../support/engine.js';

const ENTRY = 'plans/xa-ea-kar-2027/ke-hoach.dondoc';
const TODAY = localDateOfInstant(Date.now());
const YEAR = TODAY.slice(0, 4);
const thisYear = (text: string) => text.replace(/2027/g, YEAR);
const PASSWORD = 'mat-khau-thu';
const NOIVU = 'noivu.ubnd-xa';
const MOT_CUA = 'bo-phan-mot-cua.ubnd-xa';
/** The assignment that gets an extension. */
const EXTENDED_TASK = 'X.TT.01';

/** X.TT.01 due "trước ngày 31/03": with the header's "tính cả ngày hạn: không", 31/03 itself is late. */
const BEFORE = (text: string) => text.replace('thời hạn: ngày 31/03/', 'thời hạn: trước ngày 31/03/');
const EXCLUDE_DAY = (text: string) =>
  BEFORE(text).replace(/^(\s*năm: \d{4}\n)/m, '$1  tính cả ngày hạn: không\n');

interface InboxRow {
  id: string;
  dueAt: string | null;
  dueDate: string | null;
  kind: string;
}

/** What the plan language says: the IR's last day, and the time when the plan gives one. */
const expected = (a: PlanIR['assignments'][number]) => ({ ...readDeadline(a.dueAt), lastDay: a.dueDate });
const dmy = (d: string) => formatDate(d);

async function dondoc(...args: string[]): Promise<string> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'dondoc', ...args]);
  } finally {
    o.mockRestore();
  }
  return stripVTControlCharacters(out);
}

async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n').replace(/[ \u00a0]+/g, ' ');
}

describe.each([
  { name: 'as published', edit: undefined, suffix: 'a' },
  { name: 'with "tính cả ngày hạn: không"', edit: EXCLUDE_DAY, suffix: 'b' },
])('the deadline of every assignment reads the same on every surface ($name)', ({ edit, suffix }) => {
  let stack: ApiStack;
  let plan: CompiledPlan;
  let api: ReturnType<typeof apiClient>;
  let file: string;
  const taskQueue = `xs-${suffix}-${Date.now()}`;
  const planCode = `xs-${suffix}-${Date.now()}`;
  /** id → the last day people must read (the IR's, or the extension's). */
  const lastDay = new Map<string, string>();
  const times = new Map<string, string | undefined>();
  let extendedId = '';
  let NEW_DAY = '';

  beforeAll(async () => {
    // The plan and the province template it extends, moved to this year, in files (the CLI reads files).
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-xs-'));
    for (const folder of ['tinh-dak-lak-2027', 'xa-ea-kar-2027']) {
      mkdirSync(join(dir, thisYear(folder)));
      for (const name of readdirSync(join('plans', folder)))
        writeFileSync(
          join(dir, thisYear(folder), name),
          thisYear(readFileSync(join('plans', folder, name), 'utf8')),
        );
    }
    file = join(dir, thisYear('xa-ea-kar-2027'), 'ke-hoach.dondoc');
    if (edit) writeFileSync(file, edit(readFileSync(file, 'utf8')));
    plan = compileEntry(file, undefined, { planCode });
    for (const a of plan.ir.assignments) {
      if (a.kind !== 'deadline') continue;
      const e = expected(a);
      lastDay.set(a.id, e.lastDay);
      times.set(a.id, e.time);
    }
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue,
      secret: 'x'.repeat(32),
    });
    api = apiClient(stack.base, PASSWORD);
    await publishPlan(stack.tdb.db, stack.client, taskQueue, {
      source: plan.source,
      ir: plan.ir,
      author: 'noivu',
    });
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    await seedUsers(stack.tdb.db, plan.ir, PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop([plan?.ir]);
  });

  it('the plan language: the IR keeps the last day and the instant that ends it', () => {
    expect(lastDay.size).toBe(23); // X.CĐ.02 is four reports a year (581/BNV-CCHC), not seven
    for (const a of plan.ir.assignments.filter((x) => x.kind === 'deadline'))
      expect(a.dueAt, a.id).toBe(endOfLocalDay(a.dueDate));
    if (edit) {
      // "trước ngày X" without X: the same plan's bound deadlines are a day earlier.
      const base = compileEntry(
        join(file, '..', '..', thisYear('xa-ea-kar-2027'), 'ke-hoach.dondoc'),
        () => BEFORE(thisYear(readFileSync(ENTRY, 'utf8'))),
        { planCode },
      );
      const moved = plan.ir.assignments.filter(
        (a) => base.ir.assignments.find((b) => b.id === a.id)?.dueDate !== a.dueDate,
      );
      // Only "trước ngày X" moves: "chậm nhất ngày 05 tháng cuối kỳ" and "hằng tháng ngày 15" keep their day.
      expect(moved.length).toBeGreaterThan(0);
      expect([...new Set(moved.map((a) => a.taskId))]).toEqual([EXTENDED_TASK]);
      expect(moved.map((a) => [a.taskId, a.dueDate])).toContainEqual([EXTENDED_TASK, `${YEAR}-03-30`]);
    }
  });

  it('the assignment mail names the last day', async () => {
    // Every assignment whose period has begun has had its notice.
    const begun = plan.ir.assignments.filter((a) => Date.parse(a.startsAt) <= Date.now()).length;
    const { rows } = await waitFor('an assignment notice per assignment', async () => {
      const r = await stack.tdb.db.query<{
        assignmentId: string;
        kind: string;
        recipient: string;
        dueAt: Date;
        payload: Record<string, unknown>;
      }>(
        `SELECT assignment_id AS "assignmentId", kind, recipient, due_at AS "dueAt", payload
           FROM outbox WHERE kind = 'assigned'`,
      );
      return new Set(r.rows.map((x) => x.assignmentId)).size >= begun ? r : undefined;
    });
    let checked = 0;
    for (const row of rows) {
      const day = lastDay.get(row.assignmentId);
      if (!day) continue;
      const mail = renderMail({
        kind: row.kind,
        recipient: row.recipient,
        at: row.dueAt,
        payload: row.payload,
        assignmentId: row.assignmentId,
      });
      const time = times.get(row.assignmentId);
      expect(mail.subject, row.assignmentId).toContain(time ? `${time} ngày ${dmy(day)}` : dmy(day));
      expect(mail.subject, row.assignmentId).not.toContain(dmy(addDays(day, 1)));
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('the inbox API gives the last day and an instant that reads as it', async () => {
    const r = await api.call('GET', `/assignments?plan=${planCode}&limit=500&includeInactive=true`, {
      as: NOIVU,
    });
    expect(r.status).toBe(200);
    const rows = (r.json as { rows: InboxRow[] }).rows.filter((x) => x.kind === 'deadline');
    expect(rows).toHaveLength(lastDay.size);
    for (const row of rows) {
      const day = lastDay.get(row.id)!;
      expect(row.dueDate, row.id).toBe(day);
      expect(readDeadline(row.dueAt!).lastDay, row.id).toBe(day);
      expect(formatDeadline(row.dueAt!), row.id).toBe(dmy(day));
    }
  });

  it('an extension: the queue shows the new day, and once granted every surface reads it', async () => {
    const a = plan.ir.assignments.find((x) => x.taskId === EXTENDED_TASK)!;
    extendedId = a.id;
    // A working day after today and a week after the plan's day.
    const after = [addDays(TODAY, 3), addDays(a.dueDate, 7)].sort()[1]!;
    NEW_DAY = vietnamCalendar.moveToWorkingDay(after);
    const enc = encodeURIComponent(a.id);
    const asked = await api.call('POST', `/assignments/${enc}/extension-requests`, {
      as: MOT_CUA,
      headers: { 'idempotency-key': `xs-${suffix}-ask` },
      body: { newDueDate: NEW_DAY, reason: 'Chờ hướng dẫn của tỉnh' },
    });
    expect(asked.status, asked.text).toBeLessThan(300);
    const queue = await api.call('GET', `/extension-requests?plan=${planCode}`, { as: NOIVU });
    const pending = (queue.json as { assignmentId: string; newDueDate: string; currentDueAt: string }[]).find(
      (x) => x.assignmentId === a.id,
    )!;
    expect(pending.newDueDate).toBe(NEW_DAY);
    expect(formatDeadline(pending.currentDueAt)).toBe(dmy(a.dueDate));
    const decided = await api.call('POST', `/assignments/${enc}/extension-decision`, {
      as: NOIVU,
      headers: { 'idempotency-key': `xs-${suffix}-grant` },
      body: { approve: true, note: 'Đồng ý' },
    });
    expect(decided.status, decided.text).toBeLessThan(300);
    lastDay.set(a.id, NEW_DAY);
    const row = await waitFor('the new deadline in the projection', async () => {
      const r = await api.call('GET', `/assignments/${enc}`, { as: NOIVU });
      const body = r.json as InboxRow;
      return body.dueAt && readDeadline(body.dueAt).lastDay === NEW_DAY ? body : undefined;
    });
    expect(row.dueDate).toBe(NEW_DAY);
    // The mail that tells the unit names the new day, not the midnight after it.
    const { rows } = await waitFor('the decision mail', async () => {
      const r = await stack.tdb.db.query<{ kind: string; recipient: string; dueAt: Date; payload: object }>(
        `SELECT kind, recipient, due_at AS "dueAt", payload FROM outbox
          WHERE assignment_id = $1 AND kind = 'extension_decided'`,
        [a.id],
      );
      return r.rows.length ? r : undefined;
    });
    const mail = renderMail({
      kind: rows[0]!.kind,
      recipient: rows[0]!.recipient,
      at: rows[0]!.dueAt,
      payload: rows[0]!.payload as Record<string, unknown>,
      assignmentId: a.id,
    });
    expect(mail.text).toContain(dmy(NEW_DAY));
    expect(mail.text).not.toContain(dmy(addDays(NEW_DAY, 1)));
  });

  it('the report lists overdue work by its last day, in JSON, HTML, PDF and XLSX, and says it is an interim', async () => {
    // The period of the first cut-off after the extended day; nothing is done, so everything started and due by
    // the time the figures are taken is overdue.
    const report = plan.ir.reports[0]!;
    const last =
      report.occurrences.find((o) => o.cutOffAt >= endOfLocalDay(NEW_DAY)) ?? report.occurrences.at(-1)!;
    const { rows: started } = await stack.tdb.db.query<{ id: string }>(
      `SELECT DISTINCT assignment_id AS id FROM events`,
    );
    const hasStarted = new Set(started.map((r) => r.id));
    const generate = (format: string) =>
      api.call('POST', '/reports/generate', {
        as: NOIVU,
        body: { plan: planCode, report: report.id, period: last.period, format },
      });
    const download = async (format: string) => {
      const res = await fetch(`${stack.base}/reports/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token(NOIVU)}` },
        body: JSON.stringify({ plan: planCode, report: report.id, period: last.period, format }),
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const json = (await generate('json')).json as ReportContent;
    expect(json.interim?.label).toMatch(/^Tạm tính đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(json.periodLabel).toBe(
      `Tháng ${Number(last.period.slice(5))}/${YEAR} (${dmy(last.windowFrom).slice(0, 5)} – ${dmy(last.windowTo)})`,
    );
    // The figures of a period still running are taken as of the moment of computing: work is overdue once its
    // deadline has passed by then, never because of a cut-off still to come.
    const figuresAt = Math.min(Date.parse(last.cutOffAt), Date.parse(json.generatedAt));
    const passed = (d: string) => Date.parse(endOfLocalDay(d)) <= figuresAt;
    const dueByCutOff = [...lastDay].filter(([id, d]) => hasStarted.has(id) && passed(d));
    expect(dueByCutOff.length).toBeGreaterThan(3);
    expect(json.overdue.map((o) => [o.assignmentId, o.dueDate]).sort()).toEqual(dueByCutOff.sort());
    if (passed(NEW_DAY))
      expect(json.overdue.find((o) => o.assignmentId === extendedId)?.dueDate).toBe(NEW_DAY);

    const html = (await generate('html')).text.replace(/\s+/g, ' ');
    const INTERIM = /Tạm tính đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/;
    expect(html).toMatch(INTERIM);
    const rowsOf = html.split('<tr>').filter((r) => r.includes('<td class="num">'));
    for (const o of json.overdue) {
      const detail = `${o.task.id}${o.occurrence ? ` · ${o.occurrence}` : ''} · `;
      const row = rowsOf.find((r) => r.includes(detail) && r.includes(`<td>${o.unit.name}</td>`));
      expect(row, o.assignmentId).toBeDefined();
      expect(row, o.assignmentId).toContain(`<td class="num">${dmy(lastDay.get(o.assignmentId)!)}</td>`);
    }

    const pdf = await pdfText(await download('pdf'));
    expect(pdf).toMatch(/Số liệu tạm tính đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    for (const [, d] of dueByCutOff) expect(pdf).toContain(dmy(d));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await download('xlsx')).buffer);
    const sheet = wb.getWorksheet('Quá hạn')!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').split('\n')[0]);
    // A row is a task, an occurrence and a unit by name (the worksheet shows no codes).
    const [taskCol, occurrenceCol, unitCol, dueCol] = [
      'Mã nhiệm vụ',
      'Lượt',
      'Đơn vị thực hiện',
      'Hạn hoàn thành',
    ].map((label) => header.indexOf(label)) as [number, number, number, number];
    let seen = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = (col: number) => String(row.getCell(col).value ?? '');
      const id = json.overdue.find(
        (o) =>
          o.task.id === cell(taskCol) &&
          o.occurrence === cell(occurrenceCol) &&
          o.unit.name === cell(unitCol),
      )!.assignmentId;
      const [y, m, d] = lastDay.get(id)!.split('-').map(Number) as [number, number, number];
      expect(row.getCell(dueCol).value, id).toEqual(new Date(Date.UTC(y, m - 1, d)));
      seen++;
    });
    expect(seen).toBe(dueByCutOff.length);
    expect(String(wb.getWorksheet('Tổng hợp')!.getRow(2).getCell(2).value)).toMatch(INTERIM);

    // The CSV is the per-unit table (no due dates); each row says what it is.
    const csv = (await generate('csv')).text;
    expect(csv.split('\r\n')[1]!.startsWith(`${json.periodLabel},Tạm tính đến `)).toBe(true);
  });

  it('the unit iCal feeds put each deadline on its last day', async () => {
    const units = [...new Set(plan.ir.assignments.filter((a) => a.kind === 'deadline').map((a) => a.unit))];
    let seen = 0;
    for (const unit of units) {
      const link = await api.call('GET', `/units/${unit}/calendar`, { as: NOIVU });
      const url = new URL((link.json as { url: string }).url);
      const ics = await (await fetch(`${stack.base}${url.pathname.replace(/^\/api/, '')}`)).text();
      const events = new ICAL.Component(ICAL.parse(ics) as unknown[]).getAllSubcomponents('vevent');
      for (const e of events) {
        const id = String(e.getFirstPropertyValue('uid')).replace(/@dondoc$/, '');
        if (!lastDay.has(id)) continue;
        const start = e.getFirstPropertyValue('dtstart') as ICAL.Time;
        expect(start.isDate, id).toBe(true);
        expect(start.toString(), id).toBe(lastDay.get(id));
        seen++;
      }
    }
    expect(seen).toBe(lastDay.size);
  });

  it('the CLI calendar prints and exports the last day the plan computed', async () => {
    const events = JSON.parse(await dondoc('calendar', file, '--format', 'json')) as {
      kind: string;
      assignmentId?: string;
    }[];
    const table = (await dondoc('calendar', file)).split('\n').slice(2);
    const ics = new ICAL.Component(
      ICAL.parse(await dondoc('calendar', file, '--format', 'ics')) as unknown[],
    );
    const vevents = ics.getAllSubcomponents('vevent');
    let seen = 0;
    events.forEach((e, i) => {
      if (e.kind !== 'deadline') return;
      // The dry run is the plan as written: the IR's day, before any extension.
      const a = plan.ir.assignments.find((x) => x.id === e.assignmentId!.replace(/^[^/]+/, planCode))!;
      expect(table[i], a.id).toMatch(new RegExp(`^hết ngày ${dmy(a.dueDate)} `));
      const start = vevents[i]!.getFirstPropertyValue('dtstart') as ICAL.Time;
      expect(start.toString(), a.id).toBe(a.dueDate);
      seen++;
    });
    expect(seen).toBe(lastDay.size);
  });
});
