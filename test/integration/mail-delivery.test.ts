// Delivery of the outbox by e-mail against the real PostgreSQL of the test run and a real SMTP server on
// loopback (smtp-server on port 0): what arrives is parsed with postal-mime.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MailDispatcher, type MailDispatcherOptions, messageIdFor } from '../../apps/mailer/dispatcher.js';
import { createAcknowledgeLink, verifyOneClickToken } from '../../apps/credentials/one-click.js';
import type { Client } from '@temporalio/client';
import { OneClickService } from '../../apps/api/one-click/one-click.service.js';
import { createRepositories } from '../../apps/database/repositories/index.js';
import type { NewOutboxEntry } from '../../apps/database/repositories/outbox.repository.js';
import { startMailCatcher, type CaughtMessage } from '../../apps/dev-stack/mail-catcher.js';
import { buildDigest } from '../../workflows/digest-content.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const SECRET = 'bí-mật-kiểm-thử-dài-hơn-ba-mươi-hai-ký-tự-0123456789';
const PUBLIC_URL = 'https://dondoc.example.gov.vn';
const NOW = new Date('2027-03-01T01:00:00.000Z'); // 08:00 in Hà Nội
const MINUTE = 60_000;
const ISSUER = 'ubnd_phuong';

interface Received {
  raw: Buffer;
  rcpt: string[];
  mail: Email;
}

/** Answer for one DATA command: undefined accepts, otherwise an SMTP error code and text. */
type Policy = (n: number, rcpt: string[]) => { code: number; message: string } | undefined;

describe('mail delivery of the outbox (PostgreSQL + SMTP on loopback)', () => {
  let tdb: TestDatabase;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let received: Received[] = [];
  let dataCommands = 0;
  let policy: Policy = () => undefined;
  const repositories = createRepositories();
  const { outbox, deliveries, assignments, oneClick } = repositories;
  let unitWithMail: number;
  let unitWithoutMail: number;

  const created: MailDispatcher[] = [];
  const dispatcher = (o: Partial<Omit<MailDispatcherOptions, 'repositories'>> = {}) => {
    const d = new MailDispatcher({
      db: tdb.db,
      repositories,
      smtpUrl,
      from: 'Đôn Đốc <dondoc@example.gov.vn>',
      publicUrl: PUBLIC_URL,
      oneClick: { secret: SECRET, ttlDays: 14 },
      now: () => NOW,
      random: () => 0.5,
      logger: { info() {}, warn() {}, error() {} },
      ...o,
    });
    created.push(d);
    return d;
  };

  const assignment = async (id: string, title: string, unitId = unitWithMail) => {
    await assignments.ensure(tdb.db, {
      assignmentId: id,
      taskId: id.split('/')[1] ?? 'T',
      occurrence: '',
      unitId,
      title,
      dueAt: '2027-03-10T17:00:00.000Z',
    });
  };

  const notice = (o: Partial<NewOutboxEntry> & { key: string; assignmentId: string; title: string }) => {
    const { title, ...rest } = o;
    return {
      kind: 'assigned',
      recipient: 'unit:van_phong',
      recipientName: 'Văn phòng HĐND và UBND phường',
      recipientEmail: 'vanphong.tanlap@daklak.gov.vn',
      dueAt: new Date(NOW.getTime() - MINUTE).toISOString(),
      payload: {
        planCode: 'kh-2027',
        task: { id: 'CĐ.01', title, area: 'direction', output: 'Kế hoạch CCHC năm 2027' },
        occurrence: '',
        unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
        dueAt: '2027-03-10T17:00:00.000Z',
        schedule: { acknowledgeBy: '2027-03-03T10:00:00.000Z' },
      },
      ...rest,
    } satisfies NewOutboxEntry;
  };

  const waitFor = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const { units } = repositories;
    await units.ensureIssuer(tdb.db, ISSUER, 'Ủy ban nhân dân phường Tân Lập');
    unitWithMail = (
      await units.upsert(tdb.db, {
        issuerId: ISSUER,
        code: 'van_phong',
        name: 'Văn phòng HĐND và UBND phường',
        kind: 'phòng',
        email: 'vanphong.tanlap@daklak.gov.vn',
      })
    ).id;
    unitWithoutMail = (
      await units.upsert(tdb.db, {
        issuerId: ISSUER,
        code: 'mot_cua',
        name: 'Bộ phận một cửa phường',
        kind: 'phòng',
      })
    ).id;

    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const rcpt = session.envelope.rcptTo.map((a: SMTPServerAddress) => a.address);
          const refusal = policy(++dataCommands, rcpt);
          if (refusal) {
            const err = new Error(refusal.message) as Error & { responseCode: number };
            err.responseCode = refusal.code;
            return callback(err);
          }
          const raw = Buffer.concat(chunks);
          PostalMime.parse(raw).then(
            (mail) => {
              received.push({ raw, rcpt, mail });
              callback();
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const address = smtp.server.address();
    smtpUrl = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await tdb?.drop();
  });

  // Stopping closes each dispatcher's pooled SMTP connections.
  afterEach(async () => {
    await Promise.all(created.splice(0).map((d) => d.stop()));
  });

  beforeEach(async () => {
    // Each test starts with an empty outbox (test-only clean-up).
    await tdb.db.query('TRUNCATE deliveries, one_click_tokens, outbox');
    received = [];
    dataCommands = 0;
    policy = () => undefined;
  });

  it('sends an assignment notice once: Vietnamese subject, the unit as recipient, a one-click link that verifies', async () => {
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    const row = notice({
      key: 'k/assigned',
      assignmentId: 'kh-2027/CĐ.01/van_phong',
      title: 'Ban hành Kế hoạch CCHC năm 2027 của phường',
    });
    await outbox.enqueue(tdb.db, [row]);

    const result = await dispatcher().runOnce();
    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(received).toHaveLength(1);
    const { mail, rcpt } = received[0]!;
    expect(mail.subject).toBe(
      '[Đôn Đốc] Giao nhiệm vụ: Ban hành Kế hoạch CCHC năm 2027 của phường (hạn 10/03/2027)',
    );
    expect(rcpt).toEqual(['vanphong.tanlap@daklak.gov.vn']);
    expect(mail.to?.[0]).toMatchObject({
      address: 'vanphong.tanlap@daklak.gov.vn',
      name: 'Văn phòng HĐND và UBND phường',
    });
    expect(mail.messageId).toBe(messageIdFor('k/assigned'));
    expect(mail.text).toContain('Kính gửi: Văn phòng HĐND và UBND phường');
    // Vietnamese only, the plan by name, a link to the assignment itself.
    expect(mail.text).not.toContain('Dear');
    expect(mail.text).toContain(`${PUBLIC_URL}/assignments/kh-2027%2FC%C4%90.01%2Fvan_phong`);
    expect(mail.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-generated');

    // The link is in both parts, verifies with the secret, names the assignment, and works once.
    const link = /https:\/\/dondoc\.example\.gov\.vn\/api\/one-click\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(
      mail.text!,
    );
    expect(link).not.toBeNull();
    expect(mail.html).toContain(`href="${link![0]}"`);
    const v = verifyOneClickToken(link![1]!, SECRET, NOW);
    expect(v).toMatchObject({ ok: true, assignmentId: 'kh-2027/CĐ.01/van_phong' });
    if (!v.ok) throw new Error('unreachable');
    expect(v.expiresAt.getTime()).toBe(NOW.getTime() + 14 * 24 * 60 * MINUTE);
    expect(await oneClick.spend(tdb.db, v.id, NOW)).toBe('spent');
    expect(await oneClick.spend(tdb.db, v.id, NOW)).toBe('already_used');

    const stored = await outbox.findByKey(tdb.db, 'k/assigned');
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, claimedUntil: null, lastError: null });
    expect(stored!.sentAt).toEqual(NOW);
    expect(await deliveries.listByOutboxKey(tdb.db, 'k/assigned')).toMatchObject([
      { attempt: 1, status: 'sent', messageId: messageIdFor('k/assigned'), error: null },
    ]);

    // Nothing is left to send.
    expect((await dispatcher().runOnce()).claimed).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('puts no acknowledge link in a reminder once the assignment is acknowledged', async () => {
    const id = 'kh-2027/CĐ.02/van_phong';
    await assignment(id, 'Báo cáo CCHC hằng quý gửi Sở Nội vụ');
    await assignments.applyProjection(
      tdb.db,
      id,
      {
        planVersion: 1,
        status: 'acknowledged',
        overdue: false,
        progressPercent: 0,
        escalationLevel: 0,
        dueAt: '2027-03-10T17:00:00.000Z',
        dueDate: '2027-03-10',
        acknowledgedAt: NOW.toISOString(),
        active: true,
      },
      NOW.toISOString(),
    );
    const row = notice({
      key: 'k/reminder',
      kind: 'reminder',
      assignmentId: id,
      title: 'Báo cáo CCHC hằng quý gửi Sở Nội vụ',
    });
    row.payload = { ...row.payload, label: 'trước 5 ngày làm việc / 5 working days before', when: 'before' };
    await outbox.enqueue(tdb.db, [row]);
    await dispatcher().runOnce();
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.subject).toBe(
      '[Đôn Đốc] Nhắc hạn (trước 5 ngày làm việc): Báo cáo CCHC hằng quý gửi Sở Nội vụ – hạn 10/03/2027',
    );
    expect(received[0]!.mail.text).not.toContain('/api/one-click/');
    expect(received[0]!.mail.html).not.toContain('/api/one-click/');
  });

  it('sends a row only once its instant has passed', async () => {
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    await outbox.enqueue(tdb.db, [
      notice({
        key: 'k/future',
        kind: 'overdue',
        assignmentId: 'kh-2027/CĐ.01/van_phong',
        title: 'Ban hành Kế hoạch CCHC năm 2027 của phường',
        dueAt: new Date(NOW.getTime() + 60 * MINUTE).toISOString(),
      }),
    ]);
    expect((await dispatcher().runOnce()).claimed).toBe(0);
    expect(received).toHaveLength(0);
    expect(await outbox.findByKey(tdb.db, 'k/future')).toMatchObject({ status: 'pending', attempts: 0 });

    const later = new Date(NOW.getTime() + 61 * MINUTE);
    expect(await dispatcher({ now: () => later }).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(received[0]!.mail.subject).toContain('Nhiệm vụ quá hạn');
  });

  it('sends every row exactly once with two dispatchers polling side by side', async () => {
    const N = 40;
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    await outbox.enqueue(
      tdb.db,
      Array.from({ length: N }, (_, i) =>
        notice({
          key: `k/many/${String(i).padStart(2, '0')}`,
          kind: 'check_in',
          assignmentId: 'kh-2027/CĐ.01/van_phong',
          title: `Nhiệm vụ số ${i}`,
        }),
      ),
    );
    const started = performance.now();
    const a = dispatcher({ batchSize: 5, concurrency: 2, pollIntervalMs: 10 });
    const b = dispatcher({ batchSize: 5, concurrency: 2, pollIntervalMs: 10 });
    a.start();
    b.start();
    await waitFor('all rows sent', async () => (await outbox.countByStatus(tdb.db)).sent === N, 15_000);
    await Promise.all([a.stop(), b.stop()]);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[mail-delivery] ${N} messages through two dispatchers in ${seconds.toFixed(2)} s (${(N / seconds).toFixed(0)}/s)`,
    );

    expect(received).toHaveLength(N);
    expect(new Set(received.map((r) => r.mail.messageId)).size).toBe(N);
    expect(new Set(received.map((r) => r.mail.subject)).size).toBe(N);
    expect(await deliveries.countByStatus(tdb.db)).toEqual({ sent: N, failed: 0, skipped: 0 });
    expect(await outbox.countByStatus(tdb.db)).toMatchObject({ sent: N, pending: 0, sending: 0 });
  });

  it('retries after a 451 with backoff, one deliveries row per attempt, under the same Message-ID', async () => {
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    await outbox.enqueue(tdb.db, [
      notice({
        key: 'k/retry',
        assignmentId: 'kh-2027/CĐ.01/van_phong',
        title: 'Ban hành Kế hoạch CCHC năm 2027 của phường',
      }),
    ]);
    policy = (n) => (n === 1 ? { code: 451, message: 'Thử lại sau / try again later' } : undefined);
    const backoff = { baseMs: 60_000, maxMs: 3_600_000 };

    expect(await dispatcher({ backoff }).runOnce()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const waiting = await outbox.findByKey(tdb.db, 'k/retry');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, claimedUntil: null });
    expect(waiting!.lastError).toMatch(/451/);
    // Equal jitter: between half and all of baseMs after the failed attempt (random() = 0.5 gives 3/4).
    expect(waiting!.nextAttemptAt!.getTime() - NOW.getTime()).toBe(45_000);

    // Not before its time …
    const early = new Date(NOW.getTime() + 30_000);
    expect((await dispatcher({ backoff, now: () => early }).runOnce()).claimed).toBe(0);
    // … and then sent.
    const later = new Date(NOW.getTime() + 46_000);
    expect(await dispatcher({ backoff, now: () => later }).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.messageId).toBe(messageIdFor('k/retry'));
    expect(await outbox.findByKey(tdb.db, 'k/retry')).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
    const attempts = await deliveries.listByOutboxKey(tdb.db, 'k/retry');
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 'failed'],
      [2, 'sent'],
    ]);
    expect(attempts[0]!.error).toMatch(/451/);
  });

  it('gives up after the last attempt, and at once on a permanent refusal', async () => {
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    await outbox.enqueue(tdb.db, [
      notice({ key: 'k/busy', assignmentId: 'kh-2027/CĐ.01/van_phong', title: 'Hộp thư bận' }),
      notice({
        key: 'k/unknown-user',
        assignmentId: 'kh-2027/CĐ.01/van_phong',
        title: 'Người nhận không tồn tại',
        recipientEmail: 'khong-ton-tai@daklak.gov.vn',
      }),
    ]);
    policy = (_n, rcpt) =>
      rcpt.includes('khong-ton-tai@daklak.gov.vn')
        ? { code: 550, message: 'Hộp thư không tồn tại / no such mailbox' }
        : { code: 451, message: 'Bận / busy' };
    const backoff = { baseMs: 1_000, maxMs: 1_000 };
    let t = NOW.getTime();
    for (let i = 0; i < 3; i++) {
      await dispatcher({ backoff, maxAttempts: 3, now: () => new Date(t) }).runOnce();
      t += 2_000;
    }
    expect(await outbox.findByKey(tdb.db, 'k/busy')).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await deliveries.listByOutboxKey(tdb.db, 'k/busy')).map((d) => d.status)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    expect(await outbox.findByKey(tdb.db, 'k/unknown-user')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await deliveries.listByOutboxKey(tdb.db, 'k/unknown-user')).toHaveLength(1);
    expect((await dispatcher({ now: () => new Date(t + 3_600_000) }).runOnce()).claimed).toBe(0);
    expect(received).toHaveLength(0);
  });

  it('skips a row with no e-mail address, and records why', async () => {
    await assignment('kh-2027/TT.01/mot_cua', 'Niêm yết công khai TTHC tại Bộ phận một cửa', unitWithoutMail);
    const row = notice({
      key: 'k/no-mail',
      assignmentId: 'kh-2027/TT.01/mot_cua',
      title: 'Niêm yết công khai TTHC',
    });
    delete (row as Partial<NewOutboxEntry>).recipientEmail;
    row.recipient = 'unit:mot_cua';
    await outbox.enqueue(tdb.db, [row]);
    expect(await dispatcher().runOnce()).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
    expect(received).toHaveLength(0);
    expect(await outbox.findByKey(tdb.db, 'k/no-mail')).toMatchObject({
      status: 'skipped',
      lastError: 'no e-mail address',
    });
    expect(await deliveries.listByOutboxKey(tdb.db, 'k/no-mail')).toMatchObject([
      { attempt: 1, status: 'skipped', error: 'no e-mail address' },
    ]);
  });

  it('escapes a task title that holds HTML', async () => {
    const title = 'Rà soát <script>alert("xss")</script> & <b>TTHC</b>';
    await assignment('kh-2027/TT.02/van_phong', title);
    await outbox.enqueue(tdb.db, [notice({ key: 'k/xss', assignmentId: 'kh-2027/TT.02/van_phong', title })]);
    await dispatcher().runOnce();
    const { mail } = received[0]!;
    expect(mail.subject).toContain(title);
    expect(mail.text).toContain(title);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>TTHC');
    expect(mail.html).toContain(
      'Rà soát &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &amp; &lt;b&gt;TTHC&lt;/b&gt;',
    );
  });

  it('sends an invitation to the invited officer and the handed-over task to the officer, by their addresses', async () => {
    await assignment('kh-2027/TT.04/van_phong', 'Cập nhật cơ sở dữ liệu quốc gia về TTHC');
    await outbox.enqueue(tdb.db, [
      {
        key: 'invitation/abc',
        kind: 'invitation',
        recipient: 'person:lan@tanlap.gov.vn',
        recipientName: 'Nguyễn Thị Lan',
        recipientEmail: 'lan@tanlap.gov.vn',
        dueAt: new Date(NOW.getTime() - MINUTE).toISOString(),
        payload: {
          url: `${PUBLIC_URL}/invitations/tok`,
          unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
          invitedByName: 'Lê Văn Hùng',
          expiresAt: '2027-03-08T01:00:00.000Z',
        },
      },
      {
        ...notice({
          key: 'k/officer',
          assignmentId: 'kh-2027/TT.04/van_phong',
          title: 'Cập nhật cơ sở dữ liệu quốc gia về TTHC',
        }),
        kind: 'officer_assigned',
        recipient: 'person:lan@tanlap.gov.vn',
        recipientName: 'Nguyễn Thị Lan',
        recipientEmail: 'lan@tanlap.gov.vn',
      },
    ]);
    expect(await dispatcher().runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    const bySubject = Object.fromEntries(received.map((r) => [r.mail.subject, r]));
    const invitation =
      bySubject['[Đôn Đốc] Mời tham gia theo dõi nhiệm vụ của Văn phòng HĐND và UBND phường']!;
    expect(invitation.rcpt).toEqual(['lan@tanlap.gov.vn']);
    expect(invitation.mail.text).toContain(`${PUBLIC_URL}/invitations/tok`);
    expect(invitation.mail.text).toContain('Kính gửi: Nguyễn Thị Lan');
    const given = received.find((r) => r.mail.subject?.startsWith('[Đôn Đốc] Giao cho đồng chí nhiệm vụ'))!;
    expect(given.rcpt).toEqual(['lan@tanlap.gov.vn']);
    expect(given.mail.text).toContain('các thư nhắc việc của nhiệm vụ sẽ gửi đến đồng chí');
  });

  it('sends again, under the same Message-ID, a row whose dispatcher died after claiming it', async () => {
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    await outbox.enqueue(tdb.db, [
      notice({
        key: 'k/crash',
        assignmentId: 'kh-2027/CĐ.01/van_phong',
        title: 'Ban hành Kế hoạch CCHC năm 2027 của phường',
      }),
    ]);
    // A dispatcher claims the row (and may have sent it) and dies before marking it.
    expect(await outbox.claimDue(tdb.db, { now: NOW, limit: 10, leaseMs: 2 * MINUTE })).toHaveLength(1);
    const during = new Date(NOW.getTime() + MINUTE);
    expect((await dispatcher({ now: () => during }).runOnce()).claimed).toBe(0);
    const after = new Date(NOW.getTime() + 3 * MINUTE);
    expect(await dispatcher({ now: () => after }).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(received[0]!.mail.messageId).toBe(messageIdFor('k/crash'));
    expect(await deliveries.listByOutboxKey(tdb.db, 'k/crash')).toMatchObject([
      { attempt: 2, status: 'sent' },
    ]);
  });

  it('sends a digest grouped by unit with days overdue, level and the roll-up', async () => {
    const recipient = {
      kind: 'person' as const,
      id: 'chu_tich',
      name: 'Chủ tịch UBND phường',
      email: 'chutich.tanlap@daklak.gov.vn',
    };
    const entry = (
      unit: string,
      name: string,
      task: string,
      title: string,
      level: number,
      dueAt: string,
    ) => ({
      assignmentId: `kh-2027/${task}/${unit}`,
      planCode: 'kh-2027',
      unit: { code: unit, name },
      task: { id: task, title },
      occurrence: '',
      dueAt,
      level,
      escalatedAt: dueAt,
    });
    const content = buildDigest(
      'kh-2027',
      recipient,
      NOW.toISOString(),
      [
        entry(
          'van_phong',
          'Văn phòng HĐND và UBND phường',
          'CĐ.01',
          'Ban hành Kế hoạch CCHC',
          2,
          '2027-02-19T17:00:00.000Z',
        ),
        entry(
          'mot_cua',
          'Bộ phận một cửa phường',
          'TT.01',
          'Niêm yết công khai TTHC',
          1,
          '2027-02-26T17:00:00.000Z',
        ),
      ],
      ['van_phong', 'mot_cua', 'cong_an'],
    );
    await outbox.enqueue(tdb.db, [
      {
        key: content.key,
        kind: 'digest',
        recipient: 'person:chu_tich',
        recipientName: recipient.name,
        recipientEmail: recipient.email,
        dueAt: content.at,
        payload: { ...content },
      },
    ]);
    await dispatcher().runOnce();
    const { mail } = received[0]!;
    expect(mail.subject).toBe('[Đôn Đốc] Tổng hợp nhiệm vụ quá hạn ngày 01/03/2027: 1 đỏ, 1 vàng');
    expect(mail.text).toContain(
      'Đỏ (cần chỉ đạo ngay): 1 đơn vị · Vàng: 1 đơn vị · Xanh (đã xử lý từ lần trước): 1 đơn vị',
    );
    expect(mail.text).toContain('[Đỏ] Văn phòng HĐND và UBND phường');
    expect(mail.text).toContain('Ban hành Kế hoạch CCHC: hạn 19/02/2027, quá hạn 10 ngày, cấp 2');
    expect(mail.text).toContain('[Vàng] Bộ phận một cửa phường');
    expect(mail.text!.indexOf('[Đỏ]')).toBeLessThan(mail.text!.indexOf('[Vàng]'));
    expect(mail.html).toContain('Bộ phận một cửa phường');
  });

  it('sends a report with its figures, its link, and the PDF and XLSX attached', async () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../fixtures/reports/monthly-report.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const planId = await repositories.plans.ensurePlan(tdb.db, {
      issuerId: ISSUER,
      code: 'kh-2027',
      title: 'Kế hoạch CCHC 2027',
      year: 2027,
    });
    const key = 'report/kh-2027/bc-thang/2027-03';
    await repositories.reports.insertRun(tdb.db, {
      key,
      planId,
      reportId: 'bc-thang',
      period: '2027-03',
      cutOffAt: '2027-03-14T16:59:59.999Z',
      content: fixture,
    });
    await outbox.enqueue(tdb.db, [
      {
        key: `${key}/unit:noi_vu`,
        kind: 'report',
        recipient: 'unit:noi_vu',
        recipientName: 'Phòng Nội vụ',
        recipientEmail: 'noivu@daklak.gov.vn',
        dueAt: '2027-02-28T16:59:59.999Z',
        payload: {
          reportKey: key,
          recipient: { kind: 'unit', id: 'noi_vu', name: 'Phòng Nội vụ' },
          title: 'Báo cáo tiến độ hằng tháng',
          period: '2027-03',
        },
      },
    ]);
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 1 });
    const { mail } = received[0]!;
    expect(mail.subject).toBe('[Đôn Đốc] Báo cáo: Báo cáo tiến độ hằng tháng – Tháng 3/2027');
    expect(mail.text).toContain('Tỷ lệ hoàn thành: 92,5 %');
    expect(mail.text).toContain(`${PUBLIC_URL}/api/reports/${encodeURIComponent(key)}`);
    expect(mail.attachments.map((a) => a.mimeType).sort()).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    const pdf = mail.attachments.find((a) => a.mimeType === 'application/pdf')!;
    expect(
      Buffer.from(pdf.content as ArrayBuffer)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('sends an extension request to the Home Affairs users, by name, with the requester named', async () => {
    const id = 'kh-2027/CĐ.05/van_phong';
    await assignment(id, 'Rà soát thủ tục hành chính');
    // The assignment's issuer is found through its plan: give it one.
    const plan = await tdb.db.query<{ id: string }>(
      `INSERT INTO plans (issuer_id, code, title, year) VALUES ($1, 'kh-2027-gia-han', $2, 2027) RETURNING id`,
      [ISSUER, 'Kế hoạch cải cách hành chính năm 2027 của UBND phường Tân Lập'],
    );
    await tdb.db.query(
      `INSERT INTO plan_versions (plan_id, version, source, ir, ir_hash, author)
       VALUES ($1, 1, '', $2, 'h-ext', 'test')`,
      [
        plan.rows[0]!.id,
        JSON.stringify({ plan: { decision: { number: '25/KH-UBND', date: '2026-12-25' } } }),
      ],
    );
    await tdb.db.query(`UPDATE assignments SET plan_id = $2, plan_version = 1 WHERE id = $1`, [
      id,
      plan.rows[0]!.id,
    ]);
    const users = await tdb.db.query<{ id: string; login: string }>(
      `INSERT INTO users (issuer_id, login, display_name, email, password_hash) VALUES
         ($1, 'noivu.tanlap', 'Trần Thị Nội Vụ', 'noivu.tanlap@daklak.gov.vn', 'x'),
         ($1, 'nguyenvana', 'Nguyễn Văn A', 'nguyenvana@daklak.gov.vn', 'x')
       RETURNING id, login`,
      [ISSUER],
    );
    await tdb.db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'home_affairs')`, [
      users.rows.find((u) => u.login === 'noivu.tanlap')!.id,
    ]);
    const row = notice({
      key: 'k/extension',
      kind: 'extension_requested',
      assignmentId: id,
      title: 'Rà soát thủ tục hành chính',
    });
    await outbox.enqueue(tdb.db, [
      {
        ...row,
        recipient: 'role:home_affairs',
        recipientName: 'Cơ quan Nội vụ',
        // The issuer's mailbox: only the fallback when no Home Affairs user has an address.
        recipientEmail: 'tanlap@daklak.gov.vn',
        payload: {
          ...row.payload,
          newDueDate: '2027-03-20',
          reason: 'Chờ số liệu',
          requestedBy: 'nguyenvana',
        },
      },
    ]);
    expect(await dispatcher().runOnce()).toMatchObject({ sent: 1 });
    const { mail, rcpt } = received[0]!;
    expect(rcpt).toEqual(['noivu.tanlap@daklak.gov.vn']);
    expect(mail.text).toContain('Kính gửi: Cơ quan Nội vụ');
    expect(mail.text).toContain('Người đề nghị: Nguyễn Văn A');
    expect(mail.text).toContain(
      'Kế hoạch: Kế hoạch cải cách hành chính năm 2027 của UBND phường Tân Lập (25/KH-UBND)',
    );
    expect(mail.text).toContain('đến hết ngày 20/03/2027 (thời hạn hiện tại: 10/03/2027)');
    expect(mail.text).not.toMatch(/kh-2027 |nguyenvana\b|role:/);
    // The Date header is the dispatcher's instant of sending, the one recorded as sent_at.
    expect(new Date(mail.date!).toISOString()).toBe(NOW.toISOString());
    expect((await outbox.findByKey(tdb.db, 'k/extension'))!.sentAt).toEqual(NOW);
  });

  it("writes each mail in its recipient's language: the unit's, the person's, each Home Affairs user's", async () => {
    const { users, units } = repositories;
    const id = 'kh-2027/CĐ.07/van_phong';
    const title = 'Công khai thủ tục hành chính';
    await assignment(id, title);
    const plan = await tdb.db.query<{ id: string }>(
      `INSERT INTO plans (issuer_id, code, title, year) VALUES ($1, 'kh-2027-ngon-ngu', $2, 2027) RETURNING id`,
      [ISSUER, 'Kế hoạch cải cách hành chính năm 2027 (ngôn ngữ)'],
    );
    await tdb.db.query(`UPDATE assignments SET plan_id = $2 WHERE id = $1`, [id, plan.rows[0]!.id]);
    // A chairperson who reads English (a person of the plan by code), and Home Affairs users of both languages.
    const people = await tdb.db.query<{ id: string; login: string }>(
      `INSERT INTO users (issuer_id, login, display_name, email, person_code, password_hash) VALUES
         ($1, 'chutich.en', 'Chairperson Le', 'chutich.en@daklak.gov.vn', 'chu_tich_en', 'x'),
         ($1, 'noivu.en', 'Home Affairs Pham', 'noivu.en@daklak.gov.vn', NULL, 'x'),
         ($1, 'noivu.vi', 'Phạm Thị Nội Vụ', 'noivu.vi@daklak.gov.vn', NULL, 'x')
       RETURNING id, login`,
      [ISSUER],
    );
    const userId = (login: string) => people.rows.find((u) => u.login === login)!.id;
    for (const login of ['noivu.en', 'noivu.vi'])
      await tdb.db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'home_affairs')`, [
        userId(login),
      ]);
    expect(await users.setLanguage(tdb.db, userId('chutich.en'), 'en')).toBe('en');
    expect(await users.setLanguage(tdb.db, userId('noivu.en'), 'en')).toBe('en');
    // (Only this test's users decide this plan's extensions: the earlier test's Home Affairs user is moved away.)
    await tdb.db.query(`UPDATE users SET active = false WHERE issuer_id = $1 AND login = 'noivu.tanlap'`, [
      ISSUER,
    ]);

    const toUnit = notice({ key: 'k/lang-unit', assignmentId: id, title });
    const request = notice({ key: 'k/lang-extension', kind: 'extension_requested', assignmentId: id, title });
    const digest = buildDigest(
      'kh-2027-ngon-ngu',
      { kind: 'person', id: 'chu_tich_en', name: 'Chairperson Le', email: 'chutich.en@daklak.gov.vn' },
      NOW.toISOString(),
      [
        {
          assignmentId: id,
          planCode: 'kh-2027-ngon-ngu',
          unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
          task: { id: 'CĐ.07', title },
          occurrence: '',
          dueAt: '2027-02-19T17:00:00.000Z',
          level: 1,
          escalatedAt: '2027-02-19T17:00:00.000Z',
        },
      ],
      ['van_phong'],
    );
    await outbox.enqueue(tdb.db, [
      toUnit,
      {
        ...request,
        recipient: 'role:home_affairs',
        recipientName: 'Cơ quan Nội vụ',
        recipientEmail: 'tanlap@daklak.gov.vn',
        payload: { ...request.payload, newDueDate: '2027-03-20', reason: 'Chờ số liệu' },
      },
      {
        key: digest.key,
        kind: 'digest',
        recipient: 'person:chu_tich_en',
        recipientName: 'Chairperson Le',
        recipientEmail: 'chutich.en@daklak.gov.vn',
        dueAt: digest.at,
        payload: { ...digest },
      },
    ]);
    try {
      expect(await dispatcher().runOnce()).toMatchObject({ claimed: 3, sent: 3 });
      const to = (address: string) => received.filter((r) => r.rcpt.includes(address));

      // The unit keeps the default: Vietnamese.
      const [unitMail] = to('vanphong.tanlap@daklak.gov.vn');
      expect(unitMail!.mail.subject).toBe(`[Đôn Đốc] Giao nhiệm vụ: ${title} (hạn 10/03/2027)`);
      expect(unitMail!.mail.text).not.toContain('Dear');

      // The person who reads English gets the digest in English (found by person code through the plan's issuer).
      const [digestMail] = to('chutich.en@daklak.gov.vn');
      expect(digestMail!.mail.subject).toBe('[Đôn Đốc] Overdue digest 01/03/2027: 0 red, 1 amber');
      expect(digestMail!.mail.text).toContain('Dear Chairperson Le,');

      // One extension request, two languages: one message each, the row's Message-ID on the Vietnamese one.
      const [vi] = to('noivu.vi@daklak.gov.vn');
      const [en] = to('noivu.en@daklak.gov.vn');
      expect(vi!.rcpt).toEqual(['noivu.vi@daklak.gov.vn']);
      expect(en!.rcpt).toEqual(['noivu.en@daklak.gov.vn']);
      expect(vi!.mail.subject).toContain('[Đôn Đốc] Đề nghị gia hạn: Văn phòng HĐND và UBND phường');
      expect(en!.mail.subject).toContain('[Đôn Đốc] Extension requested: Văn phòng HĐND và UBND phường');
      expect(vi!.mail.messageId).toBe(messageIdFor('k/lang-extension'));
      expect(en!.mail.messageId).toBe(messageIdFor('k/lang-extension#en'));
      expect(await deliveries.listByOutboxKey(tdb.db, 'k/lang-extension')).toMatchObject([
        {
          status: 'sent',
          messageId: `${messageIdFor('k/lang-extension')} ${messageIdFor('k/lang-extension#en')}`,
        },
      ]);
      expect(received).toHaveLength(4);

      // A unit that reads English gets its mail in English, under the row's own Message-ID.
      expect(await units.setLanguage(tdb.db, ISSUER, 'van_phong', 'en')).toBe(true);
      await outbox.enqueue(tdb.db, [notice({ key: 'k/lang-unit-en', assignmentId: id, title })]);
      received = [];
      expect(await dispatcher().runOnce()).toMatchObject({ sent: 1 });
      expect(received[0]!.mail.subject).toBe(`[Đôn Đốc] New task: ${title} (due 10/03/2027)`);
      expect(received[0]!.mail.messageId).toBe(messageIdFor('k/lang-unit-en'));
    } finally {
      await units.setLanguage(tdb.db, ISSUER, 'van_phong', 'vi');
      await tdb.db.query(`UPDATE users SET active = true WHERE issuer_id = $1 AND login = 'noivu.tanlap'`, [
        ISSUER,
      ]);
    }
  });

  it('shows the task on a one-click page, and on a second click who acknowledged it and when', async () => {
    const id = 'kh-2027/CĐ.06/van_phong';
    await assignment(id, 'Công khai thủ tục hành chính mới');
    const link = await createAcknowledgeLink(tdb.db, oneClick, {
      assignmentId: id,
      publicUrl: PUBLIC_URL,
      secret: SECRET,
      ttlDays: 14,
    });
    const token = link.slice(link.lastIndexOf('/') + 1);
    // Only the used-link path is exercised: it reads PostgreSQL and never reaches the workflow.
    const noWorkflow = {
      workflow: {
        getHandle() {
          throw new Error('the workflow is not part of this test');
        },
      },
    } as unknown as Client;
    const service = new OneClickService(tdb.db, noWorkflow, SECRET, oneClick, repositories.audit);

    const first = await service.confirmation(token);
    expect(first.status).toBe(200);
    expect(first.html).toContain('Công khai thủ tục hành chính mới');
    expect(first.html).toContain('Văn phòng HĐND và UBND phường');
    expect(first.html).toContain('10/03/2027');
    expect(first.html).toContain('<form method="post">');

    // Acknowledged by a person signed in (09:15 on 02/03 in Hà Nội), and the link spent by an earlier click.
    const at = '2027-03-02T02:15:00.000Z';
    await tdb.db.query(
      `INSERT INTO users (issuer_id, login, display_name, password_hash) VALUES ($1, 'lethib', 'Lê Thị B', 'x')`,
      [ISSUER],
    );
    await repositories.events.append(tdb.db, {
      id: `${id}/ack`,
      assignmentId: id,
      type: 'acknowledged',
      actor: 'lethib',
      occurredAt: at,
      payload: {},
    });
    await assignments.applyProjection(
      tdb.db,
      id,
      {
        planVersion: 1,
        status: 'acknowledged',
        overdue: false,
        progressPercent: 0,
        escalationLevel: 0,
        dueAt: '2027-03-10T17:00:00.000Z',
        dueDate: '2027-03-10',
        acknowledgedAt: at,
        active: true,
      },
      at,
    );
    const { id: tokenId } = verifyOneClickToken(token, SECRET) as { id: string };
    expect(await oneClick.spend(tdb.db, tokenId, new Date())).toBe('spent');

    for (const second of [await service.acknowledge(token), await service.confirmation(token)]) {
      expect(second.status).toBe(200);
      expect(second.html).toContain('Nhiệm vụ đã được tiếp nhận');
      expect(second.html).toContain(
        'đã được xác nhận tiếp nhận lúc 09:15 ngày 02/03/2027, bởi Lê Thị B; không cần xác nhận lại.',
      );
      expect(second.html).toContain('Công khai thủ tục hành chính mới');
      expect(second.html).not.toContain('<form');
    }
  });

  it('spends a one-click token once even when two clicks race, and tells expired from unknown', async () => {
    await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
    const link = await createAcknowledgeLink(tdb.db, oneClick, {
      assignmentId: 'kh-2027/CĐ.01/van_phong',
      publicUrl: `${PUBLIC_URL}/`,
      secret: SECRET,
      ttlDays: 1,
      now: NOW,
    });
    expect(link.startsWith(`${PUBLIC_URL}/api/one-click/`)).toBe(true);
    const v = verifyOneClickToken(link.split('/').at(-1)!, SECRET, NOW);
    if (!v.ok) throw new Error(`token refused: ${v.reason}`);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => oneClick.spend(tdb.db, v.id, NOW)));
    expect(outcomes.filter((o) => o === 'spent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_used')).toHaveLength(7);

    const stale = await createAcknowledgeLink(tdb.db, oneClick, {
      assignmentId: 'kh-2027/CĐ.01/van_phong',
      publicUrl: PUBLIC_URL,
      secret: SECRET,
      ttlDays: 1,
      now: NOW,
    });
    const s = verifyOneClickToken(stale.split('/').at(-1)!, SECRET, NOW);
    if (!s.ok) throw new Error('unreachable');
    expect(await oneClick.spend(tdb.db, s.id, new Date(NOW.getTime() + 2 * 24 * 60 * MINUTE))).toBe(
      'expired',
    );
    expect(await oneClick.spend(tdb.db, 'no-such-token', NOW)).toBe('unknown');
  });

  it('the development mail catcher keeps each message as an .eml file and reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-mail-'));
    const caught: CaughtMessage[] = [];
    const catcher = await startMailCatcher({ port: 0, dir, onMessage: (m) => caught.push(m) });
    try {
      expect(catcher.url).toBe(`smtp://127.0.0.1:${catcher.port}`);
      await assignment('kh-2027/CĐ.01/van_phong', 'Ban hành Kế hoạch CCHC năm 2027 của phường');
      await outbox.enqueue(tdb.db, [
        notice({
          key: 'k/catcher',
          assignmentId: 'kh-2027/CĐ.01/van_phong',
          title: 'Thư gửi vào hộp bắt thư',
        }),
      ]);
      const d = dispatcher({ smtpUrl: catcher.url });
      expect(await d.runOnce()).toMatchObject({ sent: 1 });
      await d.stop();
      await waitFor('the catcher callback', () => caught.length === 1);
      expect(caught[0]).toMatchObject({
        subject: expect.stringContaining('Thư gửi vào hộp bắt thư'),
        recipients: ['vanphong.tanlap@daklak.gov.vn'],
        messageId: messageIdFor('k/catcher'),
      });
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{8}T\d{9}Z-1\.eml$/);
      expect(existsSync(caught[0]!.file)).toBe(true);
      const parsed = await PostalMime.parse(readFileSync(caught[0]!.file));
      expect(parsed.subject).toBe(caught[0]!.subject);
    } finally {
      await catcher.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
