import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { compileSources, readPlanFiles } from '../../apps/publishing/plan-files.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { waitFor } from '../support/engine.js';

// A plan's identity through the API: a new plan never amends another, an amendment says which plan it amends and
// cancelling many assignments needs their count typed; every file of a published multi-file plan comes back for
// editing, and the unchanged plan then changes nothing.

const SECRET = 'khoa-bi-mat-cho-ma-ke-hoach-0123456789';
const PASSWORD = 'Mat-khau-2027';
const ENTRY = 'plans/xa-ea-kar-2027/ke-hoach.dondoc';
const run = Date.now() % 1_000_000_000;
const code = `xa-ea-kar-${run}`;
const NOIVU = 'noivu.ubnd-xa';

interface Files {
  entry: string;
  files: Record<string, string>;
}
interface Problem {
  code: string;
  message: { vi: string; en: string };
  details?: Record<string, unknown>;
}

/** The example commune plan (it extends the province's template, which includes the shared policies). */
const disk = readPlanFiles(ENTRY);
const withCode = (f: Files, planCode: string): Files => ({
  entry: f.entry,
  files: {
    ...f.files,
    [f.entry]: f.files[f.entry]!.replace(/^(kế hoạch "[^"]*":\n)/m, `$1  mã: "${planCode}"\n`),
  },
});
const edit = (f: Files, fn: (entryText: string) => string): Files => ({
  entry: f.entry,
  files: { ...f.files, [f.entry]: fn(f.files[f.entry]!) },
});
const plan = withCode(disk, code);
const ir: PlanIR = compileSources(plan).ir!;
/** The commune drops its monthly communication task: eleven assignments cancelled. */
const dropMonthly = (t: string) => t.replace(/lĩnh vực tuyên truyền[^\n]*\n(?: {2,}[^\n]*\n)+/, '');

describe('plan identity and amendments through the API', () => {
  let stack: ApiStack;
  let api: ReturnType<typeof apiClient>;
  let earlyIr: PlanIR | undefined;
  const taskQueue = `identity-${run}`;

  const counts = async () => {
    const { rows } = await stack.tdb.db.query<{ versions: number; cancelled: number; assignments: number }>(
      `SELECT (SELECT count(*)::int FROM plan_versions) AS versions,
              (SELECT count(*)::int FROM assignments WHERE status = 'cancelled') AS cancelled,
              (SELECT count(*)::int FROM assignments) AS assignments`,
    );
    return rows[0]!;
  };
  /** Waits until the worker has written every assignment of a plan (the fan-out starts them in batches). */
  const settled = (planCode: string, expected: number) =>
    waitFor(`the assignments of ${planCode}`, async () => {
      const { rows } = await stack.tdb.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assignments WHERE id LIKE $1`,
        [`${planCode}/%`],
      );
      return rows[0]!.n === expected ? rows[0] : undefined;
    });

  beforeAll(async () => {
    expect(Object.keys(plan.files).length).toBe(3);
    stack = await startApiStack({ temporalAddress: inject('temporalAddress'), taskQueue, secret: SECRET });
    api = apiClient(stack.base, PASSWORD);
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    const published = await api.call('POST', '/plans', { as: NOIVU, body: plan });
    expect(published.status, published.text).toBe(201);
    expect(published.json).toMatchObject({ planCode: code, action: 'started', version: 1 });
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, code).catch(() => undefined);
      return p?.phase === 'running' && p.started === ir.assignments.length ? p : undefined;
    });
    await settled(code, ir.assignments.length);
  });

  afterAll(async () => {
    await stack?.stop([ir, earlyIr]);
  });

  it('gives the plan the identity its header names', () => {
    expect(ir.plan.code).toBe(code);
    expect(ir.assignments.every((a) => a.id.startsWith(`${code}/`))).toBe(true);
  });

  it('returns every file of the published multi-file plan, and the unchanged plan changes nothing', async () => {
    const v = await api.call('GET', `/plans/${code}/versions/1`, { as: NOIVU });
    expect(v.status, v.text).toBe(200);
    const stored = v.json as Files & { startOn: string | null };
    expect(stored.entry).toBe(plan.entry);
    expect(stored.files).toEqual(plan.files);
    expect(stored.startOn).toBeNull();

    const diff = await api.call('POST', `/plans/${code}/amendments/preview`, {
      as: NOIVU,
      body: { entry: stored.entry, files: stored.files },
    });
    expect(diff.status, diff.text).toBe(200);
    expect(diff.json).toMatchObject({
      added: [],
      removed: [],
      changed: [],
      unchanged: ir.assignments.length,
    });
    expect((diff.json as { startOn: string }).startOn).toBe('2027-01-20'); // the header's date, not today
  });

  it('starts tracking on an explicit day when asked, and amends from that same day', async () => {
    const early = withCode(disk, `${code}-som`);
    const r = await api.call('POST', '/plans', { as: NOIVU, body: { ...early, startOn: '2026-12-01' } });
    expect(r.status, r.text).toBe(201);
    earlyIr = compileSources(early, { startOn: '2026-12-01' }).ir!;
    expect(r.json).toMatchObject({ assignments: earlyIr.assignments.length });
    // January's monthly task (on the 15th, before the header's 20/01) is assigned only when tracking starts early.
    expect(earlyIr.assignments.length).toBe(ir.assignments.length + 1);
    // Its assignments are all written before the next test counts rows.
    await settled(`${code}-som`, earlyIr.assignments.length);
    const v = await api.call('GET', `/plans/${code}-som/versions/1`, { as: NOIVU });
    expect((v.json as { startOn: string }).startOn).toBe('2026-12-01');
    const diff = await api.call('POST', `/plans/${code}-som/amendments/preview`, { as: NOIVU, body: early });
    expect(diff.json).toMatchObject({ added: [], removed: [], changed: [], startOn: '2026-12-01' });
    const outside = await api.call('POST', '/plans', {
      as: NOIVU,
      body: { ...early, startOn: '2030-01-01' },
    });
    expect(outside.status).toBe(422);
    expect((outside.json as Problem).code).toBe('start_outside_plan');
  });

  it('refuses a different plan published as new under a taken identity, and cancels nothing', async () => {
    const before = await counts();
    const other = edit(plan, (t) =>
      t.replace('Kế hoạch cải cách hành chính năm 2027 của UBND xã Ea Kar', 'Một kế hoạch khác'),
    );
    const r = await api.call('POST', '/plans', { as: NOIVU, body: other });
    expect(r.status, r.text).toBe(409);
    expect(r.type).toContain('application/problem+json');
    const p = r.json as Problem;
    expect(p.code).toBe('plan_exists');
    expect(p.message.vi).toContain(code);
    expect(p.message.en).toContain('Nothing was changed');
    // A smaller plan under the same code (most of its tasks gone) is refused the same way.
    const smaller = await api.call('POST', '/plans', { as: NOIVU, body: edit(plan, dropMonthly) });
    expect((smaller.json as Problem).code).toBe('plan_exists');
    expect(await counts()).toEqual(before);
    expect(before.cancelled).toBe(0);
    expect((await planProgress(stack.client, code)).version).toBe(1);
  });

  it('publishing the very same plan again as new changes nothing', async () => {
    const r = await api.call('POST', '/plans', { as: NOIVU, body: plan });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ action: 'unchanged', version: 1 });
  });

  it('refuses an amendment whose text is another plan', async () => {
    const r = await api.call('POST', `/plans/${code}/amendments`, {
      as: NOIVU,
      body: withCode(disk, `${code}-khac`),
    });
    expect(r.status, r.text).toBe(422);
    expect((r.json as Problem).code).toBe('plan_code_mismatch');
    const preview = await api.call('POST', `/plans/${code}/amendments/preview`, {
      as: NOIVU,
      body: withCode(disk, `${code}-khac`),
    });
    expect((preview.json as Problem).code).toBe('plan_code_mismatch');
  });

  it('asks for the count, typed, before an amendment cancels more than five assignments', async () => {
    const body = edit(plan, dropMonthly);
    const monthly = ir.assignments.filter((a) => a.taskId === 'EK.TTR.01').length;
    expect(monthly).toBeGreaterThan(5);
    const diff = await api.call('POST', `/plans/${code}/amendments/preview`, { as: NOIVU, body });
    expect((diff.json as { removed: unknown[] }).removed).toHaveLength(monthly);

    const before = await counts();
    for (const confirmRemovals of [undefined, monthly - 1]) {
      const r = await api.call('POST', `/plans/${code}/amendments`, {
        as: NOIVU,
        body: confirmRemovals === undefined ? body : { ...body, confirmRemovals },
      });
      expect(r.status, r.text).toBe(409);
      const p = r.json as Problem;
      expect(p.code).toBe('confirm_removals');
      expect(p.message.vi).toContain(String(monthly));
      expect(p.message.en).toContain(`cancels ${monthly} assignments`);
      expect(p.details).toMatchObject({ removed: monthly });
    }
    expect(await counts()).toEqual(before);

    const applied = await api.call('POST', `/plans/${code}/amendments`, {
      as: NOIVU,
      body: { ...body, confirmRemovals: monthly },
    });
    expect(applied.status, applied.text).toBe(201);
    expect(applied.json).toMatchObject({ action: 'amended', version: 2 });
    const progress = await waitFor('the amendment', async () => {
      const p = await planProgress(stack.client, code);
      return p.version === 2 && p.phase === 'running' ? p : undefined;
    });
    expect(progress.amendments.at(-1)).toMatchObject({ removed: monthly, added: 0, changed: 0 });
  });
});
