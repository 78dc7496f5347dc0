import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hashPassword } from '../../apps/credentials/password.js';
import { newInvitationToken } from '../../apps/credentials/invitation.js';
import { createAcknowledgeLink } from '../../apps/credentials/one-click.js';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { engineActivities } from '../../apps/worker/worker.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import {
  apiClient,
  compileSource,
  scopedPlanSource,
  TASK_PREFIX,
  TASKS_PER_UNIT,
  taskTitle,
  UNITS,
  type Reply,
  type ScopedUnit,
} from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { waitFor } from '../support/engine.js';

// The authorisation matrix: every route of every controller × every role × whose resource it is.
//
// Who (columns, in this order): anonymous, admin, home_affairs, chairperson, unit_member, viewer, unit_head,
// officer. The scoped roles (chairperson, unit_member, viewer, unit_head, officer) are held on the unit `mot_cua`; admin and home_affairs act for the
// whole issuer.
// Whose resource (variants): own = of mot_cua, child = of to_tiep_nhan (under mot_cua), other = of van_phong
// (a sibling of mot_cua in the same issuer), foreign = of another issuer. Plan-wide resources have own/foreign
// only; public credential routes have their own variants (valid, rotated, expired, …).
// Expectation tokens: a status (200, 201, 204, 400, 401, 403, 404, 410); `eng` = the request passed
// authorisation and reached the engine (200, or its refusal 409/422 because of the assignment's state);
// `Y`/`N` = 200 and the variant's item is listed / not listed. One token stands for every variant of the row.

const SECRET = 'khoa-bi-mat-cho-ma-tran-quyen-0123456789';
const PASSWORD = 'Mat-khau-2027';
const WHO = [
  'anonymous',
  'admin',
  'home_affairs',
  'chairperson',
  'unit_member',
  'viewer',
  'unit_head',
  'officer',
] as const;
type Who = (typeof WHO)[number];
const OWN4 = ['own', 'child', 'other', 'foreign'] as const;
const OWN2 = ['own', 'foreign'] as const;
const NONE = ['-'] as const;

interface Req {
  method: string;
  path: string;
  body?: unknown;
  /** Sent as a multipart/form-data upload of a small PDF instead of JSON. */
  upload?: boolean;
}
interface Row {
  route: string;
  variants: readonly string[];
  expect: string;
  request: (v: string, who: Who) => Req | Promise<Req>;
  /** List rows: is the variant's item in the answer? */
  seen?: (r: Reply, v: string) => boolean;
}

const run = Date.now() % 1_000_000_000;
const issuer = `ubnd_m${run}`;
const foreignIssuer = `ubnd_n${run}`;
const source = scopedPlanSource({ issuer, titleTag: `phường M${run}`, coordinated: true });
const foreignSource = scopedPlanSource({
  issuer: foreignIssuer,
  suffix: '_x',
  titleTag: `phường N${run}`,
  coordinated: true,
});
const ir: PlanIR = compileSource(source);
const foreignIr: PlanIR = compileSource(foreignSource);
const sources = (text: string) => ({ entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': text } });
const UNIT_OF = { own: 'mot_cua', child: 'to_tiep_nhan', other: 'van_phong' } as const;
const enc = encodeURIComponent;
const login = (name: string, of = issuer) => `${name}.${of}`.replace(/_/g, '-').toLowerCase();
const LOGIN: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: login('quan_tri'),
  home_affairs: login('noivu'),
  chairperson: login('truong_mot_cua'),
  unit_member: login('mot_cua'),
  viewer: login('xem_mot_cua'),
  unit_head: login('truong_phong_mot_cua'),
  officer: login('chuyen_vien_mot_cua'),
};
const FOREIGN_NOIVU = login('noivu', foreignIssuer);
const FOREIGN_MEMBER = login('mot_cua_x', foreignIssuer);

/** Assignment `n` of the variant's unit (the foreign one is mot_cua_x of the other issuer). */
function aid(v: string, n: number): string {
  const nn = String(n).padStart(2, '0');
  if (v === 'foreign') return `${foreignIr.plan.code}/MC.${nn}/mot_cua_x`;
  const unit = UNIT_OF[v as keyof typeof UNIT_OF];
  return `${ir.plan.code}/${TASK_PREFIX[unit]}.${nn}/${unit}`;
}
/** The task of van_phong that mot_cua coordinates (VP.10), ours or the other issuer's. */
const coordinated = (v: string) =>
  v === 'foreign' ? `${foreignIr.plan.code}/VP.10/van_phong_x` : `${ir.plan.code}/VP.10/van_phong`;
const unitOf = (v: string) => (v === 'foreign' ? 'mot_cua_x' : UNIT_OF[v as keyof typeof UNIT_OF]);
const planOf = (v: string) => (v === 'foreign' ? foreignIr.plan.code : ir.plan.code);

/** Text of every assignment of a unit (ids and titles): must not appear where that unit is out of scope. */
function fingerprints(unit: ScopedUnit, foreign: boolean): string[] {
  const plan = foreign ? foreignIr : ir;
  const tag = foreign ? `phường N${run}` : `phường M${run}`;
  const out: string[] = [];
  for (let n = 1; n <= TASKS_PER_UNIT; n++) {
    const nn = String(n).padStart(2, '0');
    out.push(`${plan.plan.code}/${TASK_PREFIX[unit]}.${nn}/${unit}${foreign ? '_x' : ''}`);
    out.push(taskTitle(tag, unit, n));
  }
  return out;
}
const FOREIGN_PRINTS = [
  ...UNITS.flatMap((u) => fingerprints(u, true)),
  foreignIr.plan.code,
  foreignIr.plan.title,
];
/** What each caller must never see, in any answer. */
const FORBIDDEN: Record<Who, string[]> = {
  anonymous: [...fingerprints('van_phong', false), ...FOREIGN_PRINTS],
  admin: FOREIGN_PRINTS,
  home_affairs: FOREIGN_PRINTS,
  chairperson: [...fingerprints('van_phong', false), ...FOREIGN_PRINTS],
  unit_member: [...fingerprints('van_phong', false), ...FOREIGN_PRINTS],
  viewer: [...fingerprints('van_phong', false), ...FOREIGN_PRINTS],
  unit_head: [...fingerprints('van_phong', false), ...FOREIGN_PRINTS],
  officer: [...fingerprints('van_phong', false), ...FOREIGN_PRINTS],
};

const ACTIONS: [string, number, unknown][] = [
  ['acknowledge', 1, {}],
  ['progress', 2, { percent: 10 }],
  ['complete', 3, { evidence: { documentNumber: '01/BC-MC' } }],
  ['extension-requests', 4, { newDueDate: '2027-07-15', reason: 'Cần thêm thời gian' }],
  ['extension-decision', 5, { approve: false, note: 'Chưa đồng ý' }],
  ['reopen', 6, { reason: 'Làm lại' }],
  ['cancel', 7, { reason: 'Không còn cần' }],
];
const UNIT_ACTION =
  '401 | eng eng eng 404 | 403 403 403 404 | 403 403 404 404 | eng eng 404 404 | 403 403 404 404 | eng eng 404 404 | 403 403 404 404';
const HA_ACTION =
  '401 | eng eng eng 404 | eng eng eng 404 | 403 403 404 404 | 403 403 404 404 | 403 403 404 404 | 403 403 404 404 | 403 403 404 404';

describe('authorisation matrix: every route × role × ownership', () => {
  let stack: ApiStack;
  let client: Client;
  let api: ReturnType<typeof apiClient>;
  const taskQueue = `authz-${run}`;
  const feeds: Record<string, string> = {};
  let reportKey = '';
  /** An evidence file on task 1 of each variant's unit. */
  const files: Record<string, string> = {};
  let savedFilterOfAnother = '';
  let foreignReportKey = '';
  const results: { route: string; who: Who; variant: string; expected: string; status: number }[] = [];

  const as = (who: Who) => (who === 'anonymous' ? {} : { as: LOGIN[who] });
  const listed = (r: Reply, needles: string[]) => needles.some((n) => r.text.includes(n));

  const ROWS: Row[] = [
    // anonymous | admin | home_affairs | chairperson | unit_member | viewer | unit_head | officer
    // ---- public ----
    {
      route: 'GET /health',
      variants: NONE,
      expect: '200 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => get('/health'),
    },
    {
      route: 'GET /health/ready',
      variants: NONE,
      expect: '200 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => get('/health/ready'),
    },
    {
      route: 'GET /metrics',
      variants: NONE,
      expect: '200 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => get('/metrics'),
    },
    {
      route: 'GET /docs/openapi.json',
      variants: NONE,
      expect: '200 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => get('/docs/openapi.json'),
    },
    // The feed URL's secret is the credential: valid, rotated away, well-formed but unknown, malformed.
    {
      route: 'GET /ical/:secret',
      variants: ['valid', 'rotated', 'unknown', 'malformed'],
      expect:
        '200 404 404 400 | 200 404 404 400 | 200 404 404 400 | 200 404 404 400 | 200 404 404 400 | 200 404 404 400 | 200 404 404 400 | 200 404 404 400',
      request: (v) => get(`/ical/${feeds[v]}.ics`),
    },
    // One-click links: a fresh link, one already spent, one past its expiry, one with a changed signature, one
    // signed with another secret (both 404: well formed, unknown). GET only shows the confirmation page, POST spends the link; a spent link
    // answers 200 with who acknowledged the task and when (the person clicked twice), nothing is done again.
    {
      route: 'GET /one-click/:token',
      variants: ['valid', 'reused', 'expired', 'tampered', 'forged'],
      expect:
        '200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404',
      request: async (v) => get(`/one-click/${await oneClick(v)}`),
    },
    {
      route: 'POST /one-click/:token',
      variants: ['valid', 'reused', 'expired', 'tampered', 'forged'],
      expect:
        '200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404 | 200 200 410 404 404',
      request: async (v) => ({ method: 'POST', path: `/one-click/${await oneClick(v)}` }),
    },
    // ---- sessions ----
    {
      route: 'GET /auth/me',
      variants: NONE,
      expect: '401 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => get('/auth/me'),
    },
    // Everyone signed in sets their own language (there is no way to name another user).
    {
      route: 'PUT /me/preferences',
      variants: NONE,
      expect: '401 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => ({ method: 'PUT', path: '/me/preferences', body: { language: 'vi' } }),
    },
    // ---- plans (Home Affairs) ----
    {
      route: 'POST /plans/check',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => post('/plans/check', sources(source)),
    },
    {
      route: 'POST /plans/preview',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => post('/plans/preview', sources(source)),
    },
    {
      route: 'POST /plans/format',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => post('/plans/format', { text: source }),
    },
    {
      route: 'POST /plans/import',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () =>
        post('/plans/import', {
          fileName: 'ke-hoach.docx',
          content: readFileSync('test/fixtures/import/ke-hoach-tinh-2027.docx').toString('base64'),
        }),
    },
    {
      // Every signed-in user lists the plans of their issuer (to pick one for the dashboard or indicators).
      route: 'GET /plans',
      variants: OWN2,
      expect: '401 | Y N | Y N | Y N | Y N | Y N | Y N | Y N',
      request: () => get('/plans'),
      seen: (r, v) => listed(r, [`"${planOf(v)}"`]),
    },
    {
      route: 'GET /plans/:code',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 403 | 403 | 403 | 403 | 403',
      request: (v) => get(`/plans/${planOf(v)}`),
    },
    {
      route: 'GET /plans/:code/versions/:version',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 403 | 403 | 403 | 403 | 403',
      request: (v) => get(`/plans/${planOf(v)}/versions/1`),
    },
    {
      route: 'POST /plans/:code/amendments/preview',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 403 | 403 | 403 | 403 | 403',
      request: (v) =>
        post(`/plans/${planOf(v)}/amendments/preview`, sources(v === 'own' ? source : foreignSource)),
    },
    // Publishing the same text again is `unchanged`; another issuer's text is refused.
    {
      route: 'POST /plans',
      variants: OWN2,
      expect: '401 | 201 403 | 201 403 | 403 | 403 | 403 | 403 | 403',
      request: (v) => post('/plans', sources(v === 'own' ? source : foreignSource)),
    },
    {
      route: 'POST /plans/:code/amendments',
      variants: OWN2,
      expect: '401 | 201 404 | 201 404 | 403 | 403 | 403 | 403 | 403',
      request: (v) => post(`/plans/${planOf(v)}/amendments`, sources(v === 'own' ? source : foreignSource)),
    },
    // ---- assignments: reads ----
    {
      route: 'GET /assignments',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | Y Y N N | Y Y N N | Y Y N N | Y Y N N | Y Y N N',
      request: () => get('/assignments?includeInactive=true&limit=500'),
      seen: (r, v) => listed(r, [`"${aid(v, 1)}"`]),
    },
    {
      route: 'GET /assignments?unit=',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | Y Y N N | Y Y N N | Y Y N N | Y Y N N | Y Y N N',
      request: (v) => get(`/assignments?includeInactive=true&unit=${unitOf(v)}`),
      seen: (r, v) => listed(r, [`"${aid(v, 1)}"`]),
    },
    {
      route: 'GET /assignments?plan=',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | Y Y N N | Y Y N N | Y Y N N | Y Y N N | Y Y N N',
      request: (v) => get(`/assignments?includeInactive=true&limit=500&plan=${planOf(v)}`),
      seen: (r, v) => listed(r, [`"${aid(v, 1)}"`]),
    },
    {
      route: 'GET /assignments/:id',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404',
      request: (v) => get(`/assignments/${enc(aid(v, 1))}`),
    },
    {
      route: 'GET /extension-requests',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | 403 | 403 | 403 | 403 | 403',
      request: () => get('/extension-requests'),
      seen: (r, v) => listed(r, [`"${aid(v, 8)}"`]),
    },
    // Incidents are the issuer's Home Affairs office's: none here, so a retry or a dismissal finds nothing (404).
    {
      route: 'GET /incidents',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => get('/incidents'),
    },
    {
      route: 'POST /incidents/:id/retry',
      variants: NONE,
      expect: '401 | 404 | 404 | 403 | 403 | 403 | 403 | 403',
      request: () => post(`/incidents/${enc(aid('own', 1))}%2Faction%2Fx/retry`, undefined),
    },
    {
      route: 'POST /incidents/:id/dismiss',
      variants: NONE,
      expect: '401 | 404 | 404 | 403 | 403 | 403 | 403 | 403',
      request: () =>
        post(`/incidents/${enc(aid('own', 1))}%2Faction%2Fx/dismiss`, { note: 'Không cần ghi lại' }),
    },
    // Digests are addressed: to unit:mot_cua, unit:to_tiep_nhan, unit:van_phong, and one of the other issuer.
    {
      route: 'GET /digests',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | Y N N N | Y N N N | Y N N N | Y N N N | Y N N N',
      request: () => get('/digests'),
      seen: (r, v) => listed(r, [`"unit:${unitOf(v)}"`]),
    },
    {
      route: 'GET /digests/current',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | Y N N N | Y N N N | Y N N N | Y N N N | Y N N N',
      request: () => get('/digests/current'),
      seen: (r, v) => listed(r, [`"unit:${unitOf(v)}"`]),
    },
    // One digest as a Decree 30 document: only to those who see it in their list.
    {
      route: 'GET /digests/:key',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 404 404 404 | 200 404 404 404 | 200 404 404 404 | 200 404 404 404 | 200 404 404 404',
      request: (v) =>
        get(`/digests/${enc(`digest/${planOf(v)}/unit:${unitOf(v)}/2027-03-08T00:30:00.000Z`)}?format=pdf`),
    },
    // The dashboard of our plan lists the units in scope; the other issuer's plan does not exist.
    {
      route: 'GET /dashboard',
      variants: OWN4,
      expect: '401 | Y Y Y 404 | Y Y Y 404 | Y Y N 404 | Y Y N 404 | Y Y N 404 | Y Y N 404 | Y Y N 404',
      request: (v) => get(`/dashboard?plan=${planOf(v)}`),
      seen: (r, v) => listed(r, [`"code":"${unitOf(v)}"`]),
    },
    {
      route: 'GET /reports',
      variants: OWN2,
      // Only the runs the caller may open: a report covers every unit, beyond a scoped caller's units.
      expect: '401 | Y N | Y N | N N | 403 | N N | 403 | 403',
      request: () => get('/reports'),
      seen: (r, v) => listed(r, [v === 'own' ? reportKey : foreignReportKey]),
    },
    // What can be generated (report ids, titles, periods): plan-level facts, no unit's figures.
    {
      route: 'GET /reports/definitions',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 200 404 | 403 | 200 404 | 403 | 403',
      request: (v) => get(`/reports/definitions?plan=${planOf(v)}`),
    },
    // A report covers every unit of the plan: a caller scoped to mot_cua may not read it.
    {
      route: 'GET /reports/:key',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 403 404 | 403 | 403 404 | 403 | 403',
      request: (v) => get(`/reports/${enc(v === 'own' ? reportKey : foreignReportKey)}?format=html`),
    },
    {
      route: 'POST /reports/generate',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 403 404 | 403 | 403 404 | 403 | 403',
      request: (v) => post('/reports/generate', { plan: planOf(v), report: 'bc_quy', asOf: '2027-05-01' }),
    },
    {
      route: 'GET /indicators',
      variants: OWN4,
      expect: '401 | Y Y Y 404 | Y Y Y 404 | Y Y N 404 | Y Y N 404 | Y Y N 404 | Y Y N 404 | Y Y N 404',
      request: (v) => get(`/indicators?plan=${planOf(v)}`),
      seen: (r, v) => listed(r, [`"unitCode":"${unitOf(v)}"`]),
    },
    {
      route: 'GET /units/:code/calendar',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404',
      request: (v) => get(`/units/${unitOf(v)}/calendar`),
    },
    // ---- evidence files, comments (the assignment's own authorisation) ----
    {
      route: 'GET /assignments/:id/files',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404',
      request: (v) => get(`/assignments/${enc(aid(v, 1))}/files`),
    },
    {
      route: 'GET /files/:fileId',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404',
      request: (v) => get(`/files/${files[v]}`),
    },
    // The evidence of a criterion ("": the tasks without one, here all of them) as a zip of the units in scope;
    // its entry names (unit, task) are checked for leaks like any answer.
    {
      route: 'GET /evidence-archive',
      variants: OWN2,
      expect: '401 | 200 404 | 200 404 | 200 404 | 200 404 | 200 404 | 200 404 | 200 404',
      request: (v) => get(`/evidence-archive?plan=${planOf(v)}`),
    },
    // Only the unit doing the task (and an administrator) attaches evidence.
    {
      route: 'POST /assignments/:id/files',
      variants: OWN4,
      expect:
        '401 | 201 201 201 404 | 403 403 403 404 | 403 403 404 404 | 201 201 404 404 | 403 403 404 404 | 201 201 404 404 | 403 403 404 404',
      request: (v) => ({ method: 'POST', path: `/assignments/${enc(aid(v, 2))}/files`, upload: true }),
    },
    {
      route: 'GET /assignments/:id/comments',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404',
      request: (v) => get(`/assignments/${enc(aid(v, 1))}/comments`),
    },
    {
      route: 'GET /assignments/:id/mention-units',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404 | 200 200 404 404',
      request: (v) => get(`/assignments/${enc(aid(v, 1))}/mention-units`),
    },
    // Whoever sees the assignment comments on it, except a viewer.
    {
      route: 'POST /assignments/:id/comments',
      variants: OWN4,
      expect:
        '401 | 201 201 201 404 | 201 201 201 404 | 201 201 404 404 | 201 201 404 404 | 403 403 404 404 | 201 201 404 404 | 201 201 404 404',
      request: (v) => post(`/assignments/${enc(aid(v, 1))}/comments`, { text: 'Đã xem' }),
    },
    // ---- the Home Affairs queue ----
    {
      route: 'GET /queue',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | 403 | 403 | 403 | 403 | 403',
      request: () => get('/queue?includeInactive=true&limit=200'),
      seen: (r, v) => listed(r, [`"${aid(v, 1)}"`]),
    },
    {
      route: 'GET /queue/export',
      variants: OWN4,
      expect: '401 | Y Y Y N | Y Y Y N | 403 | 403 | 403 | 403 | 403',
      request: () => get('/queue/export?format=csv&includeInactive=true'),
      seen: (r, v) =>
        listed(r, [fingerprints(unitOf(v).replace(/_x$/, '') as ScopedUnit, v === 'foreign')[1]!]),
    },
    {
      route: 'GET /queue/options',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => get('/queue/options'),
    },
    // An id out of scope is answered "not_found" inside a 200, never acted on.
    {
      route: 'POST /queue/bulk',
      variants: OWN4,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: (v) =>
        post('/queue/bulk', { action: 'remind', ids: [aid(v, 9)], confirmCount: 1, reason: 'Nhắc kiểm tra' }),
    },
    {
      route: 'GET /queue/filters',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => get('/queue/filters'),
    },
    {
      route: 'PUT /queue/filters',
      variants: NONE,
      expect: '401 | 200 | 200 | 403 | 403 | 403 | 403 | 403',
      request: () => ({
        method: 'PUT',
        path: '/queue/filters',
        body: { name: 'Một cửa', query: { unit: 'mot_cua' } },
      }),
    },
    // Saved filters are each user's own: another's (or none) is not found.
    {
      route: 'DELETE /queue/filters/:id',
      variants: NONE,
      expect: '401 | 404 | 404 | 403 | 403 | 403 | 403 | 403',
      request: () => ({ method: 'DELETE', path: `/queue/filters/${savedFilterOfAnother}` }),
    },
    // ---- changes ----
    ...ACTIONS.map(([action, n, body]): Row => ({
      route: `POST /assignments/:id/${action}`,
      variants: OWN4,
      expect: ['extension-decision', 'reopen', 'cancel'].includes(action) ? HA_ACTION : UNIT_ACTION,
      request: (v) => post(`/assignments/${enc(aid(v, n))}/${action}`, body),
    })),
    {
      route: 'POST /indicators/values',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 403 403 403 404 | 200 200 403 404 | 403 403 403 404 | 200 200 403 404 | 403 403 403 404',
      request: (v) =>
        post('/indicators/values', {
          plan: planOf(v),
          indicator: 'ho_so_dung_han',
          unit: unitOf(v),
          period: '2027-02',
          value: 90,
        }),
    },
    {
      route: 'POST /units/:code/calendar/rotate',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 403 403 404 404 | 200 200 404 404 | 403 403 404 404 | 200 200 404 404 | 403 403 404 404',
      request: (v) => ({ method: 'POST', path: `/units/${unitOf(v)}/calendar/rotate` }),
    },
    // ---- coordinating units: mot_cua coordinates VP.10 of van_phong; MC.01 has no coordinator ----
    {
      route: 'GET /assignments (coordinated)',
      variants: ['coord'],
      expect: '401 | Y | Y | Y | Y | Y | Y | Y',
      request: () => get('/assignments?includeInactive=true&limit=500'),
      seen: (r) => listed(r, [`"${coordinated('own')}"`]),
    },
    {
      route: 'GET /assignments?coordinator=',
      variants: ['coord'],
      expect: '401 | Y | Y | Y | Y | Y | Y | Y',
      request: () => get('/assignments?includeInactive=true&coordinator=mot_cua'),
      seen: (r) => listed(r, [`"${coordinated('own')}"`]),
    },
    ...['acknowledge', 'contributions'].map((what): Row => ({
      route: `POST /assignments/:id/coordination/${what}`,
      variants: ['coord', 'own', 'foreign'],
      expect:
        '401 | eng 403 404 | 403 403 404 | 403 403 404 | eng 403 404 | 403 403 404 | eng 403 404 | 403 403 404',
      request: (v) =>
        post(
          `/assignments/${enc(v === 'own' ? aid('own', 1) : coordinated(v))}/coordination/${what}`,
          what === 'acknowledge' ? {} : { note: 'Đã góp ý dự thảo' },
        ),
    })),
    // ---- officers inside a unit: MC.06 is given to mot_cua's officer before the table runs ----
    {
      route: 'POST /assignments/:id/officer',
      variants: OWN4,
      expect:
        '401 | eng eng eng 404 | 403 403 403 404 | 403 403 404 404 | eng eng 404 404 | 403 403 404 404 | eng eng 404 404 | 403 403 404 404',
      request: (v) => post(`/assignments/${enc(aid(v, 6))}/officer`, { login: LOGIN.officer }),
    },
    {
      route: 'GET /assignments?mine=',
      variants: ['own'],
      expect: '401 | N | N | N | N | N | N | Y',
      request: () => get('/assignments?includeInactive=true&mine=true'),
      seen: (r) => listed(r, [`"${aid('own', 6)}"`]),
    },
    {
      route: 'GET /units/:code/people',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 200 200 200 404 | 403 403 404 404 | 200 200 404 404 | 403 403 404 404 | 200 200 404 404 | 403 403 404 404',
      request: (v) => get(`/units/${unitOf(v)}/people`),
    },
    {
      route: 'POST /units/:code/people/invitations',
      variants: OWN4,
      expect:
        '401 | 201 201 201 404 | 403 403 403 404 | 403 403 404 404 | 403 403 404 404 | 403 403 404 404 | 201 403 404 404 | 403 403 404 404',
      request: (v, who) =>
        post(`/units/${unitOf(v)}/people/invitations`, {
          email: `moi.${who.replace(/_/g, '-')}.${v}@example.gov.vn`,
          displayName: 'Chuyên viên mới',
        }),
    },
    {
      route: 'POST /units/:code/people/:login/deactivate',
      variants: OWN4,
      expect:
        '401 | 200 200 200 404 | 403 403 403 404 | 403 403 404 404 | 403 403 404 404 | 403 403 404 404 | 200 403 404 404 | 403 403 404 404',
      request: (v, who) => ({
        method: 'POST',
        path: `/units/${unitOf(v)}/people/${toDeactivate(who, v)}/deactivate`,
      }),
    },
    // Invitation links: a fresh one, one already accepted, one that never was.
    {
      route: 'GET /invitations/:token',
      variants: ['valid', 'used', 'unknown'],
      expect:
        '200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404',
      request: async (v) => get(`/invitations/${await invitation(v)}`),
    },
    {
      route: 'POST /invitations/:token/accept',
      variants: ['valid', 'used', 'unknown'],
      expect:
        '200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404 | 200 410 404',
      request: async (v) =>
        post(`/invitations/${await invitation(v)}/accept`, { password: 'Mat-khau-moi-2027' }),
    },
    // ---- last: the sign-in that gave each role its session (anonymous: a wrong password), then sign-out ----
    {
      route: 'POST /auth/login',
      variants: NONE,
      expect: '401 | 200 | 200 | 200 | 200 | 200 | 200 | 200',
      request: () => ({ method: 'LOGIN', path: '' }),
    },
    {
      route: 'POST /auth/logout',
      variants: NONE,
      expect: '401 | 204 | 204 | 204 | 204 | 204 | 204 | 204',
      request: () => post('/auth/logout'),
    },
    // The same token after signing out.
    {
      route: 'GET /auth/me (after logout)',
      variants: NONE,
      expect: '401 | 401 | 401 | 401 | 401 | 401 | 401 | 401',
      request: () => get('/auth/me'),
    },
  ];

  function get(path: string): Req {
    return { method: 'GET', path };
  }
  function post(path: string, body?: unknown): Req {
    return { method: 'POST', path, ...(body !== undefined ? { body } : {}) };
  }

  /** An active officer of the variant's unit for each caller's deactivate cell. */
  const toDeactivate = (who: Who, v: string) => `bi-khoa.${who.replace(/_/g, '-')}.${v}`;
  let invitationSeq = 0;
  /** An invitation token of the variant: fresh (one per cell), accepted already, or never issued. */
  async function invitation(v: string): Promise<string> {
    if (v === 'unknown') return 'A'.repeat(43);
    const { people } = stack.repositories;
    const db = stack.tdb.db;
    const { token, id } = newInvitationToken();
    const unitId = (await stack.repositories.units.findByCode(db, issuer, 'mot_cua'))!.id;
    const userId = await people.createInvited(db, {
      issuerId: issuer,
      login: `moi-${invitationSeq++}.${run}@example.gov.vn`,
      displayName: 'Người được mời',
      email: `moi-${invitationSeq}.${run}@example.gov.vn`,
      unitId,
    });
    await people.insertInvitation(db, {
      id,
      userId: userId!,
      unitId,
      invitedBy: LOGIN.unit_head,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    if (v === 'used') expect(await people.accept(db, id, 'x', new Date())).toBeDefined();
    return token;
  }

  const spent: string[] = [];
  async function oneClick(v: string): Promise<string> {
    const link = (o: { now?: Date; ttlDays?: number; secret?: string } = {}) =>
      createAcknowledgeLink(stack.tdb.db, stack.repositories.oneClick, {
        assignmentId: aid('own', 9),
        publicUrl: 'http://127.0.0.1:1',
        secret: o.secret ?? SECRET,
        ttlDays: o.ttlDays ?? 14,
        ...(o.now ? { now: o.now } : {}),
      }).then((l) => l.slice(l.lastIndexOf('/') + 1));
    if (v === 'valid') {
      const t = await link();
      spent.push(t);
      return t;
    }
    if (v === 'reused') {
      // A link already spent by a click.
      const t = await link();
      expect((await fetch(`${stack.base}/one-click/${t}`, { method: 'POST' })).status).toBe(200);
      return t;
    }
    if (v === 'expired') return link({ now: new Date(Date.now() - 3 * 86_400_000), ttlDays: 1 });
    if (v === 'forged') return link({ secret: 'une-autre-cle-secrete-0123456789abcdef' });
    const t = await link();
    const last = t.at(-2) === 'A' ? 'B' : 'A';
    return `${t.slice(0, -2)}${last}${t.at(-1)}`;
  }

  beforeAll(async () => {
    stack = await startApiStack({ temporalAddress: inject('temporalAddress'), taskQueue, secret: SECRET });
    client = stack.client;
    api = apiClient(stack.base, PASSWORD);
    const db = stack.tdb.db;
    await seedUsers(db, ir, PASSWORD, stack.repositories);
    await seedUsers(db, foreignIr, PASSWORD, stack.repositories);
    const hash = await hashPassword(PASSWORD);
    const { users } = stack.repositories;
    const add = (
      l: string,
      role: 'admin' | 'chairperson' | 'viewer' | 'unit_head' | 'officer',
      unitCode?: string,
    ) =>
      users.upsert(db, {
        issuerId: issuer,
        login: l,
        displayName: l,
        passwordHash: hash,
        roles: [{ role, ...(unitCode ? { unitCode } : {}) }],
      });
    await add(LOGIN.admin, 'admin');
    await add(LOGIN.chairperson, 'chairperson', 'mot_cua');
    await add(LOGIN.viewer, 'viewer', 'mot_cua');
    await add(LOGIN.unit_head, 'unit_head', 'mot_cua');
    await add(LOGIN.officer, 'officer', 'mot_cua');
    // An active officer to deactivate in each cell of the deactivate row.
    for (const who of WHO)
      for (const v of OWN4)
        await users.upsert(db, {
          issuerId: v === 'foreign' ? foreignIssuer : issuer,
          login: toDeactivate(who, v),
          displayName: 'Chuyên viên sẽ bị khóa',
          passwordHash: hash,
          roles: [{ role: 'officer', unitCode: unitOf(v) }],
        });

    // Both plans published through the API by their issuers' Home Affairs.
    for (const [who, text, code] of [
      [LOGIN.home_affairs, source, ir.plan.code],
      [FOREIGN_NOIVU, foreignSource, foreignIr.plan.code],
    ] as const) {
      const r = await api.call('POST', '/plans', { as: who, body: sources(text) });
      expect(r.status, r.text).toBe(201);
      await waitFor(`the fan-out of ${code}`, async () => {
        const p = await planProgress(client, code).catch(() => undefined);
        return p?.phase === 'running' ? p : undefined;
      });
    }

    // Something of each unit in every list: pending extension requests (task 8), indicator values, digests,
    // an issued report per plan, feed URLs.
    const ask = { newDueDate: '2027-07-20', reason: 'Chờ hướng dẫn' };
    for (const [who, v] of [
      [LOGIN.unit_member, 'own'],
      // The member of mot_cua acts for the unit under it: one sign-in fewer (ten a minute from one address).
      [LOGIN.unit_member, 'child'],
      [LOGIN.admin, 'other'],
      [FOREIGN_MEMBER, 'foreign'],
    ] as const) {
      const r = await api.call('POST', `/assignments/${enc(aid(v, 8))}/extension-requests`, {
        as: who,
        body: ask,
      });
      expect(r.status, r.text).toBe(200);
      const value = {
        plan: planOf(v),
        indicator: 'ho_so_dung_han',
        unit: unitOf(v),
        period: '2027-01',
        value: 91,
      };
      const entered = await api.call('POST', '/indicators/values', { as: who, body: value });
      expect(entered.status, entered.text).toBe(200);
    }
    const activities = engineActivities({ db, client, taskQueue, repositories: stack.repositories });
    for (const v of OWN4) {
      const plan = v === 'foreign' ? foreignIr : ir;
      const unit = unitOf(v);
      await activities.sendDigest({
        key: `digest/${plan.plan.code}/unit:${unit}/2027-03-08T00:30:00.000Z`,
        planCode: plan.plan.code,
        recipient: { kind: 'unit', id: unit, name: unit },
        at: '2027-03-08T00:30:00.000Z',
        units: [
          {
            unit: { code: unit, name: unit },
            rag: 'amber',
            items: [
              {
                assignmentId: aid(v, 1),
                taskId: aid(v, 1).split('/')[1]!,
                title: 'Việc trong bản tổng hợp',
                occurrence: '',
                dueAt: '2027-02-26T17:00:00.000Z',
                daysOverdue: 9,
                level: 1,
              },
            ],
          },
        ],
        rollUp: { red: 0, amber: 1, green: 0, openEscalations: 1 },
      });
    }
    for (const plan of [ir, foreignIr]) {
      const { key } = await activities.compileReport({
        planCode: plan.plan.code,
        reportId: 'bc_quy',
        at: '2027-03-14T17:00:00.000Z',
        runId: 'authz',
      });
      if (plan === ir) reportKey = key!;
      else foreignReportKey = key!;
    }
    const feedUrl = async (who: string, unit: string) => {
      const r = await api.call('GET', `/units/${unit}/calendar`, { as: who });
      return new URL((r.json as { url: string }).url).pathname
        .split('/')
        .pop()!
        .replace(/\.ics$/, '');
    };
    feeds.valid = await feedUrl(LOGIN.unit_member, 'mot_cua');
    feeds.rotated = await feedUrl(LOGIN.unit_member, 'to_tiep_nhan');
    expect(
      (await api.call('POST', '/units/to_tiep_nhan/calendar/rotate', { as: LOGIN.unit_member })).status,
    ).toBe(200);
    // The work MC.06 given to mot_cua's officer by the unit's clerk ("Việc của tôi").
    const given = await api.call('POST', `/assignments/${enc(aid('own', 6))}/officer`, {
      as: LOGIN.unit_member,
      body: { login: LOGIN.officer },
    });
    expect(given.status, given.text).toBe(200);
    feeds.unknown = 'A'.repeat(43);
    feeds.malformed = 'ngan-qua';
    // An evidence file on task 1 of each unit, attached by someone who may.
    for (const [who, v] of [
      [LOGIN.unit_member, 'own'],
      [LOGIN.unit_member, 'child'],
      [LOGIN.admin, 'other'],
      [FOREIGN_MEMBER, 'foreign'],
    ] as const) {
      const r = await uploadAs(who, `/assignments/${enc(aid(v, 1))}/files`);
      expect(r.status, r.text).toBe(201);
      files[v] = (r.json as { id: string }).id;
    }
    const other = await api.call('PUT', '/queue/filters', {
      as: FOREIGN_NOIVU,
      body: { name: 'Của người khác', query: {} },
    });
    expect(other.status, other.text).toBe(200);
    savedFilterOfAnother = (other.json as { id: string }).id;
    await waitFor('four pending extension requests', async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM extension_requests WHERE status = 'pending'`,
      );
      return rows[0]!.n === 4 ? true : undefined;
    });
  });

  afterAll(async () => {
    await stack?.stop([ir, foreignIr]);
  });

  it('covers every route the controllers declare', () => {
    const declared = controllerRoutes();
    const covered = new Set(ROWS.map((r) => r.route.replace(/\?.*$/, '').replace(/ \(.*\)$/, '')));
    expect(declared.filter((r) => !covered.has(r))).toEqual([]);
    expect(declared.length).toBeGreaterThanOrEqual(38);
  });

  it('answers each cell as the table says and leaks nothing out of scope', { timeout: 120_000 }, async () => {
    const started = performance.now();
    const failures: string[] = [];
    for (const row of ROWS) {
      const perWho = row.expect.split('|').map((s) => s.trim().split(/\s+/));
      expect(perWho, row.route).toHaveLength(WHO.length);
      for (const [w, who] of WHO.entries()) {
        const tokens = perWho[w]!;
        expect([1, row.variants.length], `${row.route} ${who}`).toContain(tokens.length);
        for (const [i, variant] of row.variants.entries()) {
          const expected = tokens.length === 1 ? tokens[0]! : tokens[i]!;
          const req = await row.request(variant, who);
          const reply = await send(req, who);
          results.push({ route: row.route, who, variant, expected, status: reply.status });
          const cell = `${row.route} [${who}, ${variant}] expected ${expected}, got ${reply.status}`;
          if (!matches(expected, reply, row, variant)) failures.push(`${cell}: ${reply.text.slice(0, 200)}`);
          // What the request itself names (an id in the path, a text in the body) may come back in the answer.
          const echoed = decodeURIComponent(req.path) + JSON.stringify(req.body ?? '');
          const leaked = FORBIDDEN[who].filter((s) => reply.text.includes(s) && !echoed.includes(s));
          if (leaked.length) failures.push(`${cell}: leaks ${leaked.slice(0, 3).join(', ')}`);
          if (reply.status >= 400 && !reply.type.includes('html'))
            if (!isProblem(reply.json)) failures.push(`${cell}: the refusal is not a problem with a reason`);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `authorisation matrix: ${results.length} cells (${ROWS.length} rows × ${WHO.length} callers × variants) ` +
        `in ${seconds.toFixed(1)} s, ${failures.length} failing`,
    );
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThan(600);
  });

  it('no refused action reached the engine: events only from the callers the table allows', async () => {
    const { rows } = await stack.tdb.db.query<{ actor: string; type: string; assignmentId: string }>(
      `SELECT actor, type, assignment_id AS "assignmentId" FROM events WHERE actor <> 'system'`,
    );
    const by = (l: string) => rows.filter((r) => r.actor === l);
    expect(by(LOGIN.chairperson)).toEqual([]);
    expect(by(LOGIN.viewer)).toEqual([]);
    const haTypes = new Set(by(LOGIN.home_affairs).map((r) => r.type));
    expect([...haTypes].filter((t) => !['extension_refused', 'reopened', 'cancelled'].includes(t))).toEqual(
      [],
    );
    expect(by(LOGIN.officer)).toEqual([]);
    // Outside its units, mot_cua acts only as the coordinator of VP.10.
    const coordination = ['coordination_acknowledged', 'contribution_reported'];
    const memberOutside = [...by(LOGIN.unit_member), ...by(LOGIN.unit_head)].filter(
      (r) =>
        !/\/(mot_cua|to_tiep_nhan)$/.test(r.assignmentId) &&
        !(r.assignmentId === coordinated('own') && coordination.includes(r.type)),
    );
    expect(memberOutside).toEqual([]);
    expect(by(LOGIN.unit_member).length).toBeGreaterThan(0);
    // Nothing in the other issuer's plan from anyone of ours.
    const ours = new Set(Object.values(LOGIN));
    expect(rows.filter((r) => r.assignmentId.startsWith(foreignIr.plan.code) && ours.has(r.actor))).toEqual(
      [],
    );
  });

  /** A small PDF as a multipart upload. */
  async function uploadAs(who: string | undefined, path: string): Promise<Reply> {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'bien-ban.pdf');
    const res = await fetch(`${stack.base}${path}`, {
      method: 'POST',
      headers: who ? { authorization: `Bearer ${await api.token(who)}` } : {},
      body: form,
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      type,
      text,
      json: type.includes('json') ? JSON.parse(text) : undefined,
      headers: res.headers,
    };
  }

  async function send(req: Req, who: Who): Promise<Reply> {
    if (req.method === 'LOGIN') {
      // The sign-in cell: anonymous tries a wrong password; a role's cell is the sign-in its session came from.
      if (who === 'anonymous')
        return api.call('POST', '/auth/login', { body: { login: LOGIN.viewer, password: 'sai-mat-khau' } });
      await api.token(LOGIN[who]);
      const status = api.signIns.get(LOGIN[who])!;
      return { status, type: '', text: '', json: undefined, headers: new Headers() };
    }
    if (req.upload) return uploadAs(who === 'anonymous' ? undefined : LOGIN[who], req.path);
    return api.call(req.method, req.path, {
      ...as(who),
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
  }
});

function matches(expected: string, reply: Reply, row: Row, variant: string): boolean {
  if (expected === 'eng') return [200, 409, 422].includes(reply.status);
  if (expected === 'Y' || expected === 'N')
    return reply.status === 200 && row.seen!(reply, variant) === (expected === 'Y');
  return reply.status === Number(expected);
}

function isProblem(body: unknown): boolean {
  const p = body as { code?: unknown; message?: { vi?: unknown; en?: unknown } } | undefined;
  return typeof p?.code === 'string' && typeof p.message?.vi === 'string' && typeof p.message.en === 'string';
}

/** `METHOD /path` of every handler of every controller under apps/api. */
function controllerRoutes(): string[] {
  const routes: string[] = [];
  const files = readdirSync('apps/api', { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.controller.ts'),
  );
  for (const f of files) {
    const text = readFileSync(join('apps/api', f), 'utf8');
    const prefix = /@Controller\(\s*'([^']*)'\s*\)/.exec(text)?.[1] ?? '';
    for (const m of text.matchAll(/@(Get|Post|Put|Patch|Delete)\(\s*(?:'([^']*)')?\s*\)/g)) {
      const path = ['', prefix, m[2] ?? ''].filter((s, i) => i === 0 || s).join('/');
      routes.push(`${m[1]!.toUpperCase()} ${path || '/'}`);
    }
  }
  // Served by the OpenAPI module rather than a controller.
  routes.push('GET /docs/openapi.json');
  return [...new Set(routes)].sort();
}
