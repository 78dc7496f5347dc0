import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../apps/cli/program.js';
import { localDateOfInstant } from '../../dsl/calendar/local-time.js';
import { planIrSchema } from '../../dsl/ir/schema.js';

const DISTRICT = 'plans/huyen-krong-nang-2023/ke-hoach.dondoc';

/** Runs `dondoc …` in process and captures what it prints and its exit code. */
async function dondoc(...args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  process.exitCode = 0;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'dondoc', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = process.exitCode;
  process.exitCode = 0;
  // Colours follow the environment (CI, FORCE_COLOR); the assertions are about the text.
  return { out: stripVTControlCharacters(out), err: stripVTControlCharacters(err), code };
}

const tmp = mkdtempSync(join(tmpdir(), 'dondoc-cli-'));
const BAD = join(tmp, 'bad.dondoc');
writeFileSync(
  BAD,
  'kế hoạch "x":\n  cơ quan ban hành: ubnd\n  năm: 2027\nđơn vị ubnd "UBND":\n  loại: xã\n  thư điện tử: "a@b.vn"\nlĩnh vực thể chế "a":\n  nhiệm vụ A "b":\n    chủ trì: ubnd_x\n    thời hạn: ngày 31/02/2027\n',
);

describe('dondoc CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('check: exit 0 on a clean plan', async () => {
    const r = await dondoc('check', DISTRICT, '--no-info');
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 lỗi/errors');
  });

  it('check: every error with file:line:column, code, both languages, a code frame and a hint; exit 1', async () => {
    const r = await dondoc('check', BAD);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`${BAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:14 lỗi DD3001`));
    expect(r.out).toMatch(/did you mean/i);
    expect(r.out).toMatch(/:10:\d+ lỗi DD4003/);
    expect(r.out).toContain('> 10 |     thời hạn: ngày 31/02/2027');
  });

  it('check --json gives the diagnostics as data', async () => {
    const r = await dondoc('check', BAD, '--json');
    const diags = JSON.parse(r.out) as { code: string; range: { start: { line: number } } }[];
    expect(diags.map((d) => d.code)).toEqual(expect.arrayContaining(['DD3001', 'DD4003']));
  });

  it('compile: a valid IR on stdout, the same bytes twice', async () => {
    const a = await dondoc('compile', DISTRICT);
    const b = await dondoc('compile', DISTRICT);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(planIrSchema.safeParse(JSON.parse(a.out)).success).toBe(true);
  });

  it('compile refuses a plan with errors (exit 1, nothing on stdout)', async () => {
    const r = await dondoc('compile', BAD);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('DD4003');
  });

  it('calendar: one unit, one month, as a table and as ICS', async () => {
    const table = await dondoc(
      'calendar',
      DISTRICT,
      '--unit',
      'phong_noi_vu',
      '--from',
      '2023-03-01',
      '--to',
      '2023-03-31',
    );
    expect(table.out).toContain('08:00 ngày 07/03/2023');
    expect(table.out).not.toContain('/04/2023');
    const ics = await dondoc('calendar', DISTRICT, '--unit', 'phong_noi_vu', '--format', 'ics');
    expect(ics.out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.out.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect((ics.out.match(/BEGIN:VEVENT/g) ?? []).length).toBeGreaterThan(50);
    // Read back: the plan's title, one UID per event, instants in UTC, the table's first event first.
    const calendar = new ICAL.Component(ICAL.parse(ics.out) as unknown[]);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toMatch(/Krông Năng năm 2023/);
    const events = calendar.getAllSubcomponents('vevent');
    expect(new Set(events.map((e) => e.getFirstPropertyValue('uid'))).size).toBe(events.length);
    // Instants in UTC, except deadlines without a time of day: those are their last day, all day.
    const json = (await dondoc('calendar', DISTRICT, '--unit', 'phong_noi_vu', '--format', 'json')).out;
    const planned = JSON.parse(json) as { at: string; deadline?: { lastDay: string; time?: string } }[];
    expect(events).toHaveLength(planned.length);
    events.forEach((e, i) => {
      const start = e.getFirstProperty('dtstart')!;
      const p = planned[i]!;
      if (p.deadline && !p.deadline.time)
        expect(start.toICALString()).toBe(`DTSTART;VALUE=DATE:${p.deadline.lastDay.replace(/-/g, '')}`);
      else expect((start.getFirstValue() as ICAL.Time).toJSDate().toISOString()).toBe(p.at);
    });
    expect(planned.some((p) => p.deadline)).toBe(true);
  });

  it('calendar: a deadline reads as its last day, never as the midnight that ends it', async () => {
    const ir = planIrSchema.parse(JSON.parse((await dondoc('compile', DISTRICT)).out));
    const a = ir.assignments.find((x) => x.unit === 'phong_noi_vu' && x.kind === 'deadline')!;
    const r = await dondoc('calendar', DISTRICT, '--unit', 'phong_noi_vu', '--format', 'table');
    const day = a.dueDate.split('-').reverse().join('/');
    const next = localDateOfInstant(a.dueAt);
    const line = r.out.split('\n').find((l) => l.includes('đến hạn') && l.includes(a.taskId))!;
    expect(line).toContain(`hết ngày ${day}`);
    // The instant is 00:00 of the next date; that date is not what people read.
    expect(line).not.toContain(next.split('-').reverse().join('/'));
    const ics = (await dondoc('calendar', DISTRICT, '--unit', 'phong_noi_vu', '--format', 'ics')).out;
    const vevents = new ICAL.Component(ICAL.parse(ics) as unknown[]).getAllSubcomponents('vevent');
    const due = vevents.find((e) => String(e.getFirstPropertyValue('uid')).startsWith(`deadline/${a.id}/`))!;
    expect(due.getFirstProperty('dtstart')!.toICALString()).toBe(
      `DTSTART;VALUE=DATE:${a.dueDate.replace(/-/g, '')}`,
    );
  });

  it('calendar rejects an unknown unit', async () => {
    await expect(dondoc('calendar', DISTRICT, '--unit', 'khong_co')).rejects.toThrow(/khong_co/);
  });

  it('fmt --lang en rewrites the keywords; fmt keeps an English file English', async () => {
    const en = join(tmp, 'en.dondoc');
    writeFileSync(en, (await dondoc('fmt', 'plans/xa-ea-kar-2027/ke-hoach.dondoc', '--lang', 'en')).out);
    expect(readFileSync(en, 'utf8')).toMatch(/^\s*task /m);
    const check = await dondoc('fmt', en, '--check');
    expect(check.code).toBe(0);
  });

  it('diff: what an amendment changes', async () => {
    const before = join(tmp, 'before.dondoc');
    const after = join(tmp, 'after.dondoc');
    const text = readFileSync(DISTRICT, 'utf8');
    writeFileSync(before, text);
    writeFileSync(after, text.replace('thời hạn: ngày 31/07/2023', 'thời hạn: ngày 15/08/2023'));
    const r = await dondoc('diff', before, after);
    expect(r.out).toMatch(/~ 1 thay đổi \/ changed/);
    expect(r.out).toContain('dueDate: 2023-07-31 → 2023-08-15');
  });
});
