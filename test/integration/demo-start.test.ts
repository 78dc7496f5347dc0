import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { compileDemo, DEMO_CHAIRPERSON, DEMO_TASKS, demoPlan } from '../../apps/dev-stack/demo-plan.js';
import { playDemo, type DemoOutcome } from '../../apps/dev-stack/demo.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { publishPlan } from '../../apps/publishing/plan-publisher.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';

const PASSWORD = 'dondoc-2027';

// What `npm start` does with its demo, on real parts: the demo plan written now (deadline a minute or two away),
// published to the Temporal dev server, its units acting through the API; then the inbox, the dashboard, the
// chairperson's digest and a report have content.
describe('the demo of npm start (Temporal dev server + worker + API)', () => {
  let stack: ApiStack;
  let ir: PlanIR | undefined;
  let outcome: DemoOutcome;
  const started = Date.now();
  // The shortest story the language allows: minutes, the reminder at T, the deadline at T+1.
  const demo = demoPlan(started, {
    minutes: { reminder: 0, due: 1, digest: 2, later: 10 },
    marginSeconds: 20,
  });
  const login = (name: string) => `${name}.${'ubnd_hoa_phu'}`.replace(/_/g, '-');
  // The escalation (and so the digest) waits for 08:00 when the deadline falls at night.
  const digestExpected = demo.at.digest < started + 6 * 60_000;

  beforeAll(async () => {
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `demo-${started}`,
      secret: 'd'.repeat(32),
    });
    const compiled = compileDemo(demo);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    ir = compiled.ir!;
    const published = await publishPlan(stack.tdb.db, stack.client, `demo-${started}`, {
      source: demo.files[demo.entry]!,
      ir,
      author: 'dondoc dev',
    });
    expect(published.action).toBe('started');
    // As `dondoc dev` seeds them: one unit works with a head and an officer.
    const users = await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories, [
      DEMO_TASKS.inProgress.unit,
    ]);
    expect(users.map((u) => u.login)).toEqual(
      expect.arrayContaining([login('noivu'), login(DEMO_CHAIRPERSON), login(DEMO_TASKS.overdue.unit)]),
    );
    const lines: string[] = [];
    outcome = await playDemo(demo, ir, {
      apiUrl: stack.base,
      password: PASSWORD,
      loginOf: {
        unit: login,
        person: login,
        homeAffairs: login('noivu'),
        head: (code) => login(`truong_${code}`),
        officer: (code) => login(`chuyen_vien_${code}`),
      },
      log: (l) => lines.push(l),
      waitUntil: started + 6 * 60_000,
    });
  }, 420_000);

  afterAll(async () => {
    await stack?.stop([ir]);
  });

  const of = (t: { task: string; unit: string }) =>
    ir!.assignments.find((a) => a.taskId === t.task && a.unit === t.unit)!.id;

  it('the units acted: one done on time, one done late, two in progress', async () => {
    expect(outcome.doneOnTime).toBe(of(DEMO_TASKS.onTime));
    expect(outcome.doneLate).toBe(of(DEMO_TASKS.late));
    expect(outcome.acknowledged).toHaveLength(4);
    expect(outcome.progressed).toHaveLength(2);
  });

  it("the unit's head gave its work to an officer: the officer's own list, the queue's officer filter", async () => {
    const api = apiClient(stack.base, PASSWORD);
    const officer = login(`chuyen_vien_${DEMO_TASKS.inProgress.unit}`);
    const mine = await api.call('GET', `/assignments?plan=${demo.planCode}&mine=true`, { as: officer });
    expect(mine.status, mine.text).toBe(200);
    expect((mine.json as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([
      of(DEMO_TASKS.inProgress),
    ]);
    const options = await api.call('GET', '/queue/options', { as: login('noivu') });
    expect((options.json as { officers: unknown[] }).officers).toEqual([
      { login: officer, name: 'Nguyễn Thị Lan', unitName: expect.any(String) },
    ]);
    const queue = await api.call('GET', `/queue?plan=${demo.planCode}&officer=${officer}`, {
      as: login('noivu'),
    });
    expect(queue.json).toMatchObject({
      total: 1,
      rows: [{ id: of(DEMO_TASKS.inProgress), officerLogin: officer, progressPercent: 30 }],
    });
  });

  it("the unit that did nothing has an overdue assignment at the top of its inbox, with the engine's events", async () => {
    const api = apiClient(stack.base, PASSWORD);
    const inbox = await api.call('GET', `/assignments?plan=${demo.planCode}`, {
      as: login(DEMO_TASKS.overdue.unit),
    });
    expect(inbox.status).toBe(200);
    const items = (inbox.json as { rows: { id: string; overdue: boolean; status: string }[] }).rows;
    expect(items[0]).toMatchObject({ id: of(DEMO_TASKS.overdue), overdue: true, status: 'assigned' });
    const one = await api.call('GET', `/assignments/${encodeURIComponent(of(DEMO_TASKS.overdue))}`, {
      as: login('noivu'),
    });
    const types = (one.json as { events: { type: string }[] }).events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['assigned', 'reminder', 'overdue']));
    if (digestExpected) expect(types).toContain('escalated');
  });

  it('the dashboard counts what happened: done on time, done late, overdue, open', async () => {
    const api = apiClient(stack.base, PASSWORD);
    const res = await api.call('GET', `/dashboard?plan=${demo.planCode}`, { as: login('noivu') });
    expect(res.status).toBe(200);
    const d = res.json as {
      totals: { doneOnTime: number; doneLate: number; openOverdue: number };
      overdue: { assignmentId: string }[];
    };
    expect(d.totals).toMatchObject({ doneOnTime: 1, doneLate: 1 });
    expect(d.totals.openOverdue).toBeGreaterThanOrEqual(1);
    expect(d.overdue.map((o) => o.assignmentId)).toContain(of(DEMO_TASKS.overdue));
  });

  it("the chairperson's digest lists the escalated assignment (by day), and a report is generated", async () => {
    if (digestExpected) {
      expect(outcome.digest?.recipient).toBe(`person:${DEMO_CHAIRPERSON}`);
      const api = apiClient(stack.base, PASSWORD);
      const res = await api.call('GET', `/digests?plan=${demo.planCode}`, { as: login(DEMO_CHAIRPERSON) });
      expect(JSON.stringify(res.json)).toContain(of(DEMO_TASKS.overdue));
    } else expect(outcome.digest).toBeUndefined();
    expect(outcome.report?.html).toContain('<html');
    expect(outcome.report?.html).toContain('Trung tâm Phục vụ hành chính công xã');
  });
});
