import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { planProgress } from '../../apps/publishing/plan-publisher.js';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { renderMail } from '../../apps/mailer/templates/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import {
  apiClient,
  compileSource,
  scopedPlanSource,
  TASK_PREFIX,
  type ScopedUnit,
} from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { waitFor } from '../support/engine.js';

// Files as evidence, comments and the Home Affairs queue, over HTTP against real PostgreSQL and Temporal.

const SECRET = 'khoa-bi-mat-cho-tep-va-hang-doi-0123456789';
const PASSWORD = 'Mat-khau-2027';
const run = Date.now() % 1_000_000_000;
const issuer = `ubnd_e${run}`;
const tag = `phường E${run}`;
// Tasks MC.01–MC.03 and TN.01 carry the PAR-index criterion 2.1 (their evidence goes into one archive).
const source = scopedPlanSource({ issuer, titleTag: tag }).replace(
  /(nhiệm vụ (?:MC\.0[123]|TN\.01) [^\n]*\n(?: {4}[^\n]*\n)*? {4}sản phẩm: "Báo cáo"\n)/g,
  '$1    tiêu chí: "2.1"\n',
);
const ir: PlanIR = compileSource(source);
const login = (name: string) => `${name}.${issuer}`.replace(/_/g, '-').toLowerCase();
const NOIVU = login('noivu');
const MOT_CUA = login('mot_cua');
const VAN_PHONG = login('van_phong');
const VIEWER = login('xem');
const TIEP_NHAN = login('to_tiep_nhan');
const aid = (unit: ScopedUnit, n: number) =>
  `${ir.plan.code}/${TASK_PREFIX[unit]}.${String(n).padStart(2, '0')}/${unit}`;
const enc = encodeURIComponent;
/** The smallest PDF file-type recognises (its magic bytes), and a 1×1 PNG. */
const pdf = (extra = 0) =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n'),
    Buffer.alloc(extra, 0x20),
    Buffer.from('\n%%EOF\n'),
  ]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface FileItem {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedByName: string | null;
  url: string;
}

describe('evidence files, comments and the Home Affairs queue', () => {
  let stack: ApiStack;
  let api: ReturnType<typeof apiClient>;

  async function upload(
    as: string,
    assignment: string,
    bytes: Buffer,
    name: string,
    headers: Record<string, string> = {},
  ) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${stack.base}/assignments/${enc(assignment)}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.token(as)}`, ...headers },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, json: JSON.parse(text) as FileItem & { code?: string }, text };
  }
  async function download(as: string, url: string) {
    const res = await fetch(`${stack.base}${url.replace(/^\/api/, '')}`, {
      headers: { authorization: `Bearer ${await api.token(as)}` },
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }
  const count = async (sql: string, params: unknown[] = []) =>
    (await stack.tdb.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  beforeAll(async () => {
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `evidence-${run}`,
      secret: SECRET,
      // A small limit, so that "too large" is cheap to test.
      env: { FILE_MAX_MB: '0.5', PUBLIC_URL: 'http://127.0.0.1:1' },
    });
    api = apiClient(stack.base, PASSWORD);
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    const r = await api.call('POST', '/plans', {
      as: NOIVU,
      body: { entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } },
    });
    expect(r.status, r.text).toBe(201);
    await waitFor('the fan-out', async () => {
      const p = await planProgress(stack.client, ir.plan.code).catch(() => undefined);
      return p?.phase === 'running' ? p : undefined;
    });
    await waitFor('27 assignments', async () =>
      (await count(`SELECT count(*)::int AS n FROM assignments WHERE id LIKE $1`, [`${ir.plan.code}/%`])) ===
      27
        ? true
        : undefined,
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.stop([ir]);
  });

  it('stores an upload streamed into PostgreSQL with its hash, and serves it only as an attachment', async () => {
    const bytes = pdf(300_000); // more than one 256 KiB chunk
    const up = await upload(MOT_CUA, aid('mot_cua', 1), bytes, 'Báo cáo kết quả.pdf');
    expect(up.status, up.text).toBe(201);
    expect(up.json).toMatchObject({
      name: 'Báo cáo kết quả.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
    });
    expect(up.json.uploadedByName).toContain('Bộ phận một cửa');
    expect(await count(`SELECT count(*)::int AS n FROM file_chunks WHERE file_id = $1`, [up.json.id])).toBe(
      2,
    );
    const got = await download(NOIVU, up.json.url);
    expect(got.status).toBe(200);
    expect(sha256(got.body)).toBe(sha256(bytes));
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Bao cao ket qua.pdf"; filename\*=UTF-8''B%C3%A1o/,
    );
    const listed = await api.call('GET', `/assignments/${enc(aid('mot_cua', 1))}/files`, { as: VIEWER });
    expect(listed.json).toEqual([expect.objectContaining({ id: up.json.id, name: 'Báo cáo kết quả.pdf' })]);
    const audit = await count(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'file.uploaded' AND target = $1`,
      [`assignment:${aid('mot_cua', 1)}`],
    );
    expect(audit).toBe(1);
  });

  it('takes the type from the content: XLSX and PNG in, text and HTML out whatever their names say', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Số liệu').addRow(['Tỷ lệ', 95]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const x = await upload(MOT_CUA, aid('mot_cua', 2), xlsx, 'so-lieu.xlsx');
    expect(x.status, x.text).toBe(201);
    expect(x.json.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const img = await upload(MOT_CUA, aid('mot_cua', 2), PNG, 'anh-chup.pdf');
    expect(img.status, img.text).toBe(201);
    expect(img.json).toMatchObject({ contentType: 'image/png', name: 'anh-chup.pdf.png' });
    const html = await upload(
      MOT_CUA,
      aid('mot_cua', 2),
      Buffer.from('<html><script>alert(1)</script></html>'),
      'qd.pdf',
    );
    expect(html.status).toBe(415);
    expect(html.json.code).toBe('file_type_not_allowed');
    const text = await upload(MOT_CUA, aid('mot_cua', 2), Buffer.from('chỉ là chữ'), 'ghi-chu.txt');
    expect(text.status).toBe(415);
    const empty = await upload(MOT_CUA, aid('mot_cua', 2), Buffer.alloc(0), 'rong.pdf');
    expect(empty.status).toBe(422);
    expect(empty.json.code).toBe('file_empty');
    const big = await upload(MOT_CUA, aid('mot_cua', 2), pdf(600_000), 'qua-lon.pdf');
    expect(big.status).toBe(413);
    expect(big.json.code).toBe('file_too_large');
    // Nothing of the refused uploads was kept.
    const files = await api.call('GET', `/assignments/${enc(aid('mot_cua', 2))}/files`, { as: MOT_CUA });
    expect((files.json as FileItem[]).map((f) => f.name).sort()).toEqual([
      'anh-chup.pdf.png',
      'so-lieu.xlsx',
    ]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM file_chunks c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = c.file_id)`,
      ),
    ).toBe(0);
  });

  it('takes a Word document as LibreOffice writes it', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-docx-'));
    try {
      writeFileSync(join(dir, 'bao-cao.txt'), 'Báo cáo kết quả thực hiện nhiệm vụ\n');
      execFileSync(
        process.env.SOFFICE_PATH ?? 'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to',
          'docx',
          '--outdir',
          dir,
          join(dir, 'bao-cao.txt'),
        ],
        { stdio: 'ignore', timeout: 150_000 },
      );
      const docx = readFileSync(join(dir, 'bao-cao.docx'));
      const up = await upload(MOT_CUA, aid('mot_cua', 8), docx, 'Báo cáo.DOCX');
      expect(up.status, up.text).toBe(201);
      expect(up.json).toMatchObject({
        name: 'Báo cáo.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        sha256: sha256(docx),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sanitises names: a 1,000-character name, folders, control characters', async () => {
    const long = await upload(MOT_CUA, aid('mot_cua', 3), pdf(), `${'Kết quả '.repeat(125)}.pdf`);
    expect(long.status, long.text).toBe(201);
    expect(Array.from(long.json.name).length).toBeLessThanOrEqual(200);
    expect(long.json.name).toMatch(/^Kết quả .*\.pdf$/);
    const tricky = await upload(MOT_CUA, aid('mot_cua', 3), pdf(), '..\\..\\etc/pass\u0000wd\u202e.pdf');
    expect(tricky.status, tricky.text).toBe(201);
    expect(tricky.json.name).toBe('passwd.pdf');
  });

  it('takes concurrent uploads, and the same key once', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => pdf(1000 * (i + 1)));
    const results = await Promise.all(
      bodies.map((b, i) => upload(MOT_CUA, aid('mot_cua', 4), b, `phu-luc-${i + 1}.pdf`)),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(6);
    results.forEach((r, i) => expect(r.json.sha256).toBe(sha256(bodies[i]!)));
    const key = { 'idempotency-key': `tep-${run}` };
    const first = await upload(MOT_CUA, aid('mot_cua', 5), pdf(10), 'a.pdf', key);
    const again = await upload(MOT_CUA, aid('mot_cua', 5), pdf(20), 'b.pdf', key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.id).toBe(first.json.id);
    const listed = await api.call('GET', `/assignments/${enc(aid('mot_cua', 5))}/files`, { as: MOT_CUA });
    expect((listed.json as FileItem[]).length).toBe(1);
  });

  it('uploads and downloads with the assignment’s authorisation', async () => {
    const up = await upload(MOT_CUA, aid('mot_cua', 6), pdf(), 'quyet-dinh.pdf');
    expect(up.status).toBe(201);
    // Another unit may neither attach to nor read this unit's assignment; a viewer reads, does not attach.
    expect((await upload(VAN_PHONG, aid('mot_cua', 6), pdf(), 'x.pdf')).status).toBe(404);
    expect((await upload(VIEWER, aid('mot_cua', 6), pdf(), 'x.pdf')).status).toBe(403);
    expect((await upload(NOIVU, aid('mot_cua', 6), pdf(), 'x.pdf')).status).toBe(403);
    expect((await download(VAN_PHONG, up.json.url)).status).toBe(404);
    expect((await download(VIEWER, up.json.url)).status).toBe(200);
    const anonymous = await fetch(`${stack.base}/files/${up.json.id}`);
    expect(anonymous.status).toBe(401);
    // A multipart body anywhere else is refused as before.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf())]), 'x.pdf');
    const elsewhere = await fetch(`${stack.base}/assignments/${enc(aid('mot_cua', 6))}/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.token(MOT_CUA)}` },
      body: form,
    });
    expect(elsewhere.status).toBe(415);
  });

  it('packages the evidence of a criterion as a zip named by criterion and unit', async () => {
    const tn = await upload(TIEP_NHAN, aid('to_tiep_nhan', 1), pdf(50), 'Biên bản tổ tiếp nhận.pdf');
    expect(tn.status, tn.text).toBe(201);
    const get = async (as: string, query: string) => {
      const res = await fetch(`${stack.base}/evidence-archive?plan=${ir.plan.code}&criterion=2.1${query}`, {
        headers: { authorization: `Bearer ${await api.token(as)}` },
      });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    };
    const one = await get(NOIVU, '&unit=mot_cua');
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('application/zip');
    expect(decodeURIComponent(one.headers.get('content-disposition')!.split("''")[1]!)).toBe(
      `Minh chứng tiêu chí 2.1 - Bộ phận một cửa ${tag}.zip`,
    );
    const zip = await JSZip.loadAsync(one.body);
    const names = Object.keys(zip.files)
      .filter((n) => !zip.files[n]!.dir)
      .sort();
    const folder = `Bộ phận một cửa ${tag}`;
    expect(names).toHaveLength(6);
    expect(names).toEqual(
      expect.arrayContaining([
        `${folder}/MC.01 Việc 1 của mot cua ${tag}/Báo cáo kết quả.pdf`,
        `${folder}/MC.02 Việc 2 của mot cua ${tag}/anh-chup.pdf.png`,
        `${folder}/MC.02 Việc 2 của mot cua ${tag}/so-lieu.xlsx`,
        `${folder}/MC.03 Việc 3 của mot cua ${tag}/passwd.pdf`,
        expect.stringMatching(new RegExp(`^${folder}/MC\\.03 .*/Kết quả .*\\.pdf$`)),
        'danh-muc.csv',
      ]),
    );
    const report = await zip
      .file(`${folder}/MC.01 Việc 1 của mot cua ${tag}/Báo cáo kết quả.pdf`)!
      .async('nodebuffer');
    expect(sha256(report)).toBe(sha256(pdf(300_000)));
    const list = await zip.file('danh-muc.csv')!.async('string');
    expect(list).toContain('Tệp,Nhiệm vụ,Đơn vị,Kỳ,Tải lên lúc,Người tải lên,SHA-256');
    expect(list).toContain(sha256(pdf(300_000)));
    // Every unit in scope without `unit`; a unit sees only its own subtree, another unit's is not found.
    const all = await JSZip.loadAsync((await get(NOIVU, '')).body);
    expect(Object.keys(all.files).some((n) => n.startsWith(`Tổ tiếp nhận ${tag}/TN.01`))).toBe(true);
    const mine = await JSZip.loadAsync((await get(TIEP_NHAN, '')).body);
    expect(
      Object.keys(mine.files).filter((n) => n.endsWith('.pdf') || n.endsWith('.png') || n.endsWith('.xlsx')),
    ).toEqual([`Tổ tiếp nhận ${tag}/TN.01 Việc 1 của to tiep nhan ${tag}/Biên bản tổ tiếp nhận.pdf`]);
    expect((await get(TIEP_NHAN, '&unit=mot_cua')).status).toBe(404);
    expect((await get(NOIVU, '&criterion=9.9')).status).toBe(400);
    const none = await fetch(`${stack.base}/evidence-archive?plan=${ir.plan.code}&criterion=9.9`, {
      headers: { authorization: `Bearer ${await api.token(NOIVU)}` },
    });
    expect(none.status).toBe(404);
  });

  it('names the files of a completion in the report’s evidence by criterion', async () => {
    // The plan year has not begun on the dev server's clock, so the engine keeps MC.02 "not yet started": its
    // completion is written here as the engine's activity writes it (the event, the state after it, active),
    // so that a report (whose figures stop at the present) counts it.
    const completedAt = new Date(Date.now() - 1000).toISOString();
    const id = aid('mot_cua', 2);
    const { rows } = await stack.tdb.db.query<{ plan_id: string; due_at: Date; due_date: string }>(
      `SELECT plan_id, due_at, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM assignments WHERE id = $1`,
      [id],
    );
    const state = {
      planVersion: 1,
      status: 'done',
      active: true,
      overdue: false,
      progressPercent: 100,
      escalationLevel: 0,
      dueAt: rows[0]!.due_at.toISOString(),
      dueDate: rows[0]!.due_date,
      completedAt,
      completedLate: false,
    };
    await stack.tdb.db.query(
      `INSERT INTO events (id, assignment_id, plan_id, type, actor, occurred_at, payload)
       VALUES ($1, $2, $3, 'completed', $4, $6, $5)`,
      [
        `${id}/test/completed`,
        id,
        rows[0]!.plan_id,
        MOT_CUA,
        { evidence: { documentNumber: '12/BC-MC' }, state },
        completedAt,
      ],
    );
    const report = await api.call('POST', '/reports/generate', {
      as: NOIVU,
      body: { plan: ir.plan.code, report: 'bc_quy', asOf: '2027-05-01', format: 'json' },
    });
    expect(report.status, report.text).toBe(200);
    const content = report.json as {
      criteria: { criterion: string; evidence: { assignmentId: string; files?: { name: string }[] }[] }[];
    };
    expect(content.criteria.find((c) => c.criterion === '2.1')?.evidence).toEqual([
      expect.objectContaining({
        assignmentId: id,
        documentNumber: '12/BC-MC',
        files: [
          expect.objectContaining({ name: 'so-lieu.xlsx' }),
          expect.objectContaining({ name: 'anh-chup.pdf.png' }),
        ],
      }),
    ]);
  });

  it('keeps a comment thread and notifies a unit named in it', async () => {
    const id = aid('mot_cua', 7);
    const units = await api.call('GET', `/assignments/${enc(id)}/mention-units`, { as: MOT_CUA });
    expect(units.json).toEqual(expect.arrayContaining([{ code: 'van_phong', name: `Văn phòng ${tag}` }]));
    const body = { text: `@Văn phòng ${tag} đề nghị gửi số liệu tháng 3.`, mentions: ['van_phong'] };
    const added = await api.call('POST', `/assignments/${enc(id)}/comments`, {
      as: MOT_CUA,
      body,
      headers: { 'idempotency-key': `bl-${run}` },
    });
    expect(added.status, added.text).toBe(201);
    const again = await api.call('POST', `/assignments/${enc(id)}/comments`, {
      as: MOT_CUA,
      body,
      headers: { 'idempotency-key': `bl-${run}` },
    });
    expect(again.status).toBe(200);
    const reply = await api.call('POST', `/assignments/${enc(id)}/comments`, {
      as: NOIVU,
      body: { text: 'Sở Nội vụ đã nắm.' },
    });
    expect(reply.status).toBe(201);
    const thread = await api.call('GET', `/assignments/${enc(id)}/comments`, { as: NOIVU });
    expect(thread.json).toEqual([
      expect.objectContaining({
        text: body.text,
        by: { kind: 'person', name: expect.stringContaining('Bộ phận một cửa') },
        mentions: [{ code: 'van_phong', name: `Văn phòng ${tag}` }],
      }),
      expect.objectContaining({
        text: 'Sở Nội vụ đã nắm.',
        by: { kind: 'person', name: 'Chuyên viên Nội vụ' },
      }),
    ]);
    expect((await api.call('GET', `/assignments/${enc(id)}/comments`, { as: VAN_PHONG })).status).toBe(404);
    expect(
      (await api.call('POST', `/assignments/${enc(id)}/comments`, { as: VIEWER, body: { text: 'Xem' } }))
        .status,
    ).toBe(403);
    const unknown = await api.call('POST', `/assignments/${enc(id)}/comments`, {
      as: MOT_CUA,
      body: { text: 'x', mentions: ['khong_co'] },
    });
    expect(unknown.status).toBe(422);
    // One mail to the unit named, however often the comment was sent.
    const { rows } = await stack.tdb.db.query<{
      key: string;
      kind: string;
      recipient: string;
      payload: Record<string, unknown>;
      due_at: Date;
    }>(
      `SELECT key, kind, recipient, payload, due_at FROM outbox WHERE assignment_id = $1 AND kind = 'comment_mention'`,
      [id],
    );
    expect(rows.map((r) => r.recipient)).toEqual(['unit:van_phong']);
    const mail = renderMail({
      kind: 'comment_mention',
      recipient: 'unit:van_phong',
      recipientName: `Văn phòng ${tag}`,
      at: rows[0]!.due_at,
      payload: rows[0]!.payload,
      requestedByName: 'Cán bộ Bộ phận một cửa',
      assignmentId: id,
      publicUrl: 'https://dondoc.example.gov.vn',
    });
    expect(mail.subject).toContain('Đơn vị được nhắc đến');
    expect(mail.text).toContain('đề nghị gửi số liệu tháng 3');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'comment.added'`)).toBe(2);
  });

  it('searches titles and notes with and without diacritics, filters, sorts and pages on the server', async () => {
    const q = (params: string, as = NOIVU) =>
      api.call('GET', `/queue?includeInactive=true&plan=${ir.plan.code}&${params}`, { as });
    const all = await q('limit=10');
    expect(all.status, all.text).toBe(200);
    expect(all.json).toMatchObject({ total: 27, limit: 10, offset: 0 });
    for (const search of [`Việc 3 của mot cua`, 'viec 3 cua mot cua', 'VIỆC 3', `phuong e${run}`]) {
      const found = await q(`q=${enc(search)}&limit=50`);
      const rows = (found.json as { rows: { id: string }[] }).rows.map((r) => r.id);
      expect(rows, search).toContain(aid('mot_cua', 3));
    }
    // Every word must be found, in any order.
    const words = (await q(`q=${enc('mot cua  viec 3')}`)).json as {
      rows: { unitCode: string; title: string }[];
    };
    expect(words.rows.length).toBeGreaterThan(0);
    expect(words.rows.every((r) => r.unitCode === 'mot_cua' && r.title.includes('3'))).toBe(true);
    // Wildcards are taken literally.
    expect((await q(`q=${enc('%')}`)).json).toMatchObject({ total: 0 });
    const byUnit = await q('unit=van_phong&sort=title&dir=desc&limit=3&offset=1');
    const rows = (byUnit.json as { rows: { title: string; unitName: string }[]; total: number }).rows;
    expect((byUnit.json as { total: number }).total).toBe(9);
    expect(rows.map((r) => r.title)).toEqual([8, 7, 6].map((n) => `Việc ${n} của van phong ${tag}`));
    expect(rows[0]!.unitName).toBe(`Văn phòng ${tag}`);
    const page = await q('task=TN.02');
    expect(page.json).toMatchObject({ total: 1, rows: [{ id: aid('to_tiep_nhan', 2) }] });
    expect((await q('status=done,cancelled')).json).toMatchObject({ total: 0 });
    expect((await q('dueFrom=2027-07-01')).json).toMatchObject({ total: 0 });
    expect((await q('escalation=1')).json).toMatchObject({ total: 0 });
    expect((await q('sort=nonsense')).status).toBe(400);
    // The queue is Home Affairs' page.
    expect((await q('limit=1', MOT_CUA)).status).toBe(403);
  });

  it('exports the current view as CSV and XLSX with Vietnamese headings', async () => {
    const csv = await api.call(
      'GET',
      `/queue/export?format=csv&includeInactive=true&plan=${ir.plan.code}&unit=mot_cua`,
      {
        as: NOIVU,
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="nhiem-vu-/);
    const raw = await fetch(
      `${stack.base}/queue/export?format=csv&includeInactive=true&plan=${ir.plan.code}&unit=mot_cua`,
      { headers: { authorization: `Bearer ${await api.token(NOIVU)}` } },
    );
    // A byte order mark, so that Excel reads UTF-8.
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Nhiệm vụ,Số hiệu,Kỳ,Đơn vị chủ trì,Chuyên viên,Lĩnh vực,Hạn,Trạng thái,Tiến độ (%),Quá hạn,Leo thang (lần)',
    );
    expect(lines.length).toBe(10);
    expect(lines[1]).toContain(`Bộ phận một cửa ${tag}`);
    expect(lines[1]).toContain('30/06/2027');
    const res = await fetch(
      `${stack.base}/queue/export?format=xlsx&includeInactive=true&plan=${ir.plan.code}&unit=van_phong`,
      {
        headers: { authorization: `Bearer ${await api.token(NOIVU)}` },
      },
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('Nhiệm vụ')!;
    expect(sheet.rowCount).toBe(10);
    expect(sheet.getRow(2).getCell(4).value).toBe(`Văn phòng ${tag}`);
  });

  it('saves filters per user', async () => {
    const saved = await api.call('PUT', '/queue/filters', {
      as: NOIVU,
      body: { name: 'Văn phòng quá hạn', query: { unit: 'van_phong', overdue: 'true' } },
    });
    expect(saved.status, saved.text).toBe(200);
    const listed = await api.call('GET', '/queue/filters', { as: NOIVU });
    expect(listed.json).toEqual([
      expect.objectContaining({ name: 'Văn phòng quá hạn', query: { unit: 'van_phong', overdue: 'true' } }),
    ]);
    expect(
      (
        await api.call('PUT', '/queue/filters', {
          as: NOIVU,
          body: { name: 'Sai', query: { sort: 'nonsense' } },
        })
      ).status,
    ).toBe(400);
    const id = (saved.json as { id: string }).id;
    expect((await api.call('DELETE', `/queue/filters/${id}`, { as: NOIVU })).status).toBe(204);
    expect((await api.call('DELETE', `/queue/filters/${id}`, { as: NOIVU })).status).toBe(404);
  });

  it('bulk actions: a reason, the count confirmed, once per key, each one through the engine and audited', async () => {
    const ids = [aid('van_phong', 1), aid('van_phong', 2)];
    const cancel = {
      action: 'cancel',
      ids,
      reason: 'Trùng lặp với kế hoạch chuyên đề',
      requestId: `huy-${run}`,
    };
    const wrong = await api.call('POST', '/queue/bulk', { as: NOIVU, body: { ...cancel, confirmCount: 3 } });
    expect(wrong.status).toBe(409);
    expect((wrong.json as { code: string }).code).toBe('confirm_count');
    expect((wrong.json as { message: { vi: string } }).message.vi).toContain('2 nhiệm vụ');
    const noReason = await api.call('POST', '/queue/bulk', {
      as: NOIVU,
      body: { ...cancel, reason: ' ', confirmCount: 2 },
    });
    expect(noReason.status).toBe(400);
    const done = await api.call('POST', '/queue/bulk', { as: NOIVU, body: { ...cancel, confirmCount: 2 } });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toMatchObject({
      action: 'cancel',
      count: 2,
      items: ids.map((id) => ({ id, outcome: 'done', status: 'cancelled' })),
    });
    const again = await api.call('POST', '/queue/bulk', { as: NOIVU, body: { ...cancel, confirmCount: 2 } });
    expect(again.json).toMatchObject({
      items: ids.map((id) => ({ id, outcome: 'done', status: 'cancelled' })),
    });
    await waitFor('the cancellations recorded', async () =>
      (await count(
        `SELECT count(*)::int AS n FROM events WHERE assignment_id = ANY($1) AND type LIKE '%cancel%'`,
        [ids],
      )) >= 2
        ? true
        : undefined,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM events WHERE assignment_id = ANY($1) AND type LIKE '%cancel%'`,
        [ids],
      ),
    ).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'queue.bulk_cancel'`)).toBe(
      2,
    );
    // The reason is a note of the assignment: found by the search, without diacritics.
    const found = await api.call(
      'GET',
      `/queue?includeInactive=true&plan=${ir.plan.code}&q=${enc('trung lap voi ke hoach')}`,
      {
        as: NOIVU,
      },
    );
    expect((found.json as { rows: { id: string }[] }).rows.map((r) => r.id).sort()).toEqual([...ids].sort());

    const extend = await api.call('POST', '/queue/bulk', {
      as: NOIVU,
      body: {
        action: 'extend',
        ids: [aid('van_phong', 3), aid('van_phong', 1)],
        confirmCount: 2,
        newDueDate: '2027-07-30',
        reason: 'Chờ hướng dẫn của tỉnh',
        requestId: `gh-${run}`,
      },
    });
    expect(extend.status, extend.text).toBe(200);
    expect(extend.json).toMatchObject({
      items: [
        { id: aid('van_phong', 3), outcome: 'done' },
        { id: aid('van_phong', 1), outcome: 'refused', code: 'ASSIGNMENT_CANCELLED' },
      ],
    });
    const extended = await api.call('GET', `/assignments/${enc(aid('van_phong', 3))}`, { as: NOIVU });
    expect((extended.json as { dueDate: string }).dueDate).toBe('2027-07-30');

    const remind = {
      action: 'remind',
      ids: [aid('van_phong', 4)],
      confirmCount: 1,
      reason: 'Sắp đến hạn báo cáo quý',
      requestId: `nh-${run}`,
    };
    expect((await api.call('POST', '/queue/bulk', { as: NOIVU, body: remind })).json).toMatchObject({
      items: [{ outcome: 'done' }],
    });
    await api.call('POST', '/queue/bulk', { as: NOIVU, body: remind });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE assignment_id = $1 AND kind = 'manual_reminder'`,
        [aid('van_phong', 4)],
      ),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'assignment.reminded'`)).toBe(
      2,
    );
    // Only Home Affairs; an id of another issuer is simply not found.
    expect((await api.call('POST', '/queue/bulk', { as: MOT_CUA, body: remind })).status).toBe(403);
    const foreign = await api.call('POST', '/queue/bulk', {
      as: NOIVU,
      body: { ...remind, ids: ['cchc-2027-khac/MC.01/mot_cua'], requestId: `nh2-${run}` },
    });
    expect(foreign.json).toMatchObject({ items: [{ outcome: 'not_found' }] });
  });
});
