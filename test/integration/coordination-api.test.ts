// The blocking policy over HTTP, against the real stack: a plan with `chờ đơn vị phối hợp: có` (set on the IR
// here; the header is the plan language's) refuses the lead's completion with a Vietnamese reason naming the
// coordinating unit, until that unit has reported its part through the API.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { hashIr } from '../../dsl/compile/hash.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { apiClient } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry, publishForTest, waitFor } from '../support/engine.js';
import { wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

const SECRET = 'khoa-bi-mat-cho-kiem-thu-chinh-sach-phoi-hop-0123';
const PASSWORD = 'Mat-khau-2027';

describe('the coordination policy over HTTP (API, worker, Temporal dev server, PostgreSQL)', () => {
  let stack: ApiStack;
  let users: SeededUser[];
  let ir: PlanIR;
  const taskQueue = `coord-api-${Date.now()}`;
  const issuer = `ubnd_p${Date.now() % 1_000_000_000}`;
  const planCode = wardPlanCode(issuer);
  const tt02 = encodeURIComponent(`${planCode}/TT.02/mot_cua`);
  const loginOf = (unit: string) => users.find((u) => u.role === 'unit_member' && u.unit === unit)!.login;

  beforeAll(async () => {
    stack = await startApiStack({ temporalAddress: inject('temporalAddress'), taskQueue, secret: SECRET });
    const decided = new Date(Date.now() + 7 * 3_600_000 - 2 * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .split('-')
      .reverse()
      .join('/');
    const plan = compileEntry(WARD_FIXTURE, () =>
      wardPlanSource(issuer).replace('ngày 11/01/2027', `ngày ${decided}`),
    );
    const { hash: _hash, irVersion, ...rest } = plan.ir;
    const body = { irVersion, ...rest, plan: { ...rest.plan, coordinatorsMustReport: true } };
    ir = { ...body, hash: hashIr(body) } as PlanIR;
    users = await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    await publishForTest(stack.tdb.db, stack.client, taskQueue, { source: plan.source, ir });
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, planCode).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
  });

  afterAll(async () => {
    await stack?.stop([ir]);
  });

  it('refuses completion naming the coordinator, then completes once it has reported', async () => {
    const api = apiClient(stack.base, PASSWORD);
    const lead = loginOf('mot_cua');
    const office = loginOf('van_phong');
    const evidence = { evidence: { documentNumber: '52/BC-UBND' } };
    const refused = await api.call('POST', `/assignments/${tt02}/complete`, { as: lead, body: evidence });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      code: 'COORDINATORS_NOT_REPORTED',
      message: { vi: expect.stringContaining('chưa báo cáo: Văn phòng HĐND và UBND phường') },
    });
    // What the page shows: the policy and the coordinator not yet reported.
    const page = await api.call('GET', `/assignments/${tt02}`, { as: lead });
    expect(page.json).toMatchObject({
      plan: { coordinatorsMustReport: true, decisionNumber: '05/KH-UBND', output: 'Báo cáo rà soát' },
      coordinators: [{ unitCode: 'van_phong', contributions: 0 }],
      yourPart: { lead: true, coordinatorFor: [] },
    });
    // The lead cannot report for the coordinator; the coordinator's note is required.
    expect(
      (
        await api.call('POST', `/assignments/${tt02}/coordination/contributions`, {
          as: lead,
          body: { note: 'x' },
        })
      ).status,
    ).toBe(403);
    const empty = await api.call('POST', `/assignments/${tt02}/coordination/contributions`, {
      as: office,
      body: { note: '   ' },
    });
    expect(empty.status).toBe(400);
    const reported = await api.call('POST', `/assignments/${tt02}/coordination/contributions`, {
      as: office,
      body: { note: 'Đã rà soát 8 TTHC lĩnh vực văn phòng', evidence: { documentNumber: '45/VP-UBND' } },
      headers: { 'idempotency-key': 'vp-1' },
    });
    expect(reported.status, reported.text).toBe(200);
    const done = await api.call('POST', `/assignments/${tt02}/complete`, { as: lead, body: evidence });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({ status: 'done' });
    const after = await api.call('GET', `/assignments/${tt02}`, { as: office });
    expect(after.json).toMatchObject({
      status: 'done',
      coordinators: [{ unitCode: 'van_phong', contributions: 1 }],
      contributions: [{ unitCode: 'van_phong', note: 'Đã rà soát 8 TTHC lĩnh vực văn phòng' }],
      yourPart: { lead: false, coordinatorFor: ['van_phong'] },
    });
    const audit = await stack.tdb.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target = $1 ORDER BY id`,
      [`assignment:${planCode}/TT.02/mot_cua`],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'assignment.contribution_reported',
      'assignment.completed',
    ]);
  });

  it("lets the coordinating unit read and write the assignment's comments and see its files", async () => {
    const api = apiClient(stack.base, PASSWORD);
    const office = loginOf('van_phong');
    const said = await api.call('POST', `/assignments/${tt02}/comments`, {
      as: office,
      body: { text: 'Văn phòng đã gửi số liệu phần phối hợp.', mentions: [] },
      headers: { 'idempotency-key': `coord-comment-${issuer}` },
    });
    expect(said.status, said.text).toBe(201);
    const thread = await api.call('GET', `/assignments/${tt02}/comments`, { as: loginOf('mot_cua') });
    expect(thread.status).toBe(200);
    expect(JSON.stringify(thread.json)).toContain('Văn phòng đã gửi số liệu phần phối hợp.');
    // …and attaches the evidence of its part.
    const form = new FormData();
    form.append(
      'file',
      new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }),
      'gop-y.pdf',
    );
    const uploaded = await fetch(`${stack.base}/assignments/${tt02}/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await api.token(office)}`,
        'idempotency-key': `coord-file-${issuer}`,
      },
      body: form,
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const files = await api.call('GET', `/assignments/${tt02}/files`, { as: loginOf('mot_cua') });
    expect(files.status).toBe(200);
    expect(JSON.stringify(files.json)).toContain('gop-y.pdf');
  });
});
