import { createHash } from 'node:crypto';
import { createTransport, type Attachment, type SendMailOptions } from 'nodemailer';
import { type Db, withTransaction } from '../database/pool.js';
import { createAcknowledgeLink, linkExpiry } from '../credentials/one-click.js';
import { HOME_AFFAIRS } from '../../workflows/contracts.js';
import type { Repositories } from '../database/repositories/index.js';
import type { DeliverableOutboxRow } from '../database/repositories/outbox.repository.js';
import { LANGUAGES, type Language } from '../database/repositories/user.repository.js';
import { renderReportAttachments, type ReportAttachments } from './report-attachments.js';
import { type MailInput, renderMail, UnknownMailKindError } from './templates/index.js';

/*
 * Delivery of the outbox by e-mail, at least once and in practice once.
 *
 * An SMTP send cannot take part in a database transaction, so the row goes through three committed steps:
 *   1. claim — one statement (FOR UPDATE SKIP LOCKED) sets status 'sending', counts the attempt and takes a
 *      lease (claimed_until). Another dispatcher skips the row while the lease runs.
 *   2. send  — outside any transaction, with a Message-ID derived from the outbox key, the same on every
 *      attempt. A row whose lease is about to run out is handed back instead of sent.
 *   3. mark  — one transaction writes the deliveries row and marks the outbox row sent (or schedules the
 *      retry, or gives up).
 * A database outage between 2 and 3 is ridden out: the record is tried again until shortly before the lease
 * ends (both writes are idempotent). A crash between 2 and 3 leaves the row 'sending' until its lease ends; it
 * is then claimed again and sent again under the same Message-ID, which mail clients and archives use to fold
 * duplicates. That is the only
 * way a message goes out twice; the lease is kept well above the SMTP timeouts so that a slow send is not
 * mistaken for a dead dispatcher.
 */

/** Kinds that ask the assigned unit to act on a task it may not have acknowledged yet. */
const ACKNOWLEDGE_KINDS = new Set(['assigned', 'acknowledge_reminder', 'reminder', 'overdue', 'escalation']);

/**
 * Kinds that urge action: sent late (after an outage) to an assignment that has since been done or
 * cancelled, they would be wrong, so they are skipped; an acknowledge reminder also once acknowledged.
 */
const URGING_KINDS = new Set([
  'acknowledge_reminder',
  'reminder',
  'overdue',
  'check_in',
  'escalation',
  'manual_reminder',
]);

/** What the dispatcher needs of a nodemailer transporter (a stub in tests). */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<{ messageId?: string; response?: string }>;
  close?(): void;
}

/** The repositories the dispatcher reads and writes through. */
export type MailRepositories = Pick<Repositories, 'outbox' | 'deliveries' | 'mailLookup' | 'oneClick'>;

export interface MailDispatcherOptions {
  db: Db;
  repositories: MailRepositories;
  /** SMTP URL for nodemailer (smtp://host:25, smtps://user:pass@host:465, …?pool=true); or give `transport`. */
  smtpUrl?: string;
  transport?: MailTransport;
  /** The From header, e.g. "Đôn Đốc <dondoc@example.gov.vn>". */
  from: string;
  /** Base address of the web UI and API, for links. */
  publicUrl: string;
  /** Signing secret and lifetime of one-click acknowledge links; without it mails carry no such link. */
  oneClick?: { secret: string; ttlDays: number };
  /** Wait between polls when there was nothing (or less than a batch) to send. Default 5 s. */
  pollIntervalMs?: number;
  /** Rows claimed per statement. Default 20. */
  batchSize?: number;
  /** Messages of a batch sent at the same time. Default 4. */
  concurrency?: number;
  /** Attempts before a row is given up ('failed'). Default 8. */
  maxAttempts?: number;
  /** How long a claim holds a row. Default 10 min (the SMTP timeouts add up to less). */
  leaseMs?: number;
  /** Retry delay before jitter: baseMs · 2^(attempt−1), at most maxMs. Default 1 min … 6 h. */
  backoff?: { baseMs: number; maxMs: number };
  now?: () => Date;
  /** For the jitter; Math.random by default. */
  random?: () => number;
  /** Files attached to report mails (the rendered PDF and XLSX by default). */
  reportAttachments?: ReportAttachments;
  logger?: Pick<Console, 'info' | 'warn' | 'error'>;
}

export interface BatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Handed back unsent because the lease was nearly over. */
  released: number;
}

/** `<hash@dondoc>`: the same for every attempt at one outbox row. */
export function messageIdFor(outboxKey: string): string {
  return `<${createHash('sha256').update(outboxKey).digest('hex').slice(0, 40)}@dondoc>`;
}

/** Delay before the retry that follows attempt `attempt` (1-based): exponential, the upper half jittered. */
export function backoffDelay(
  attempt: number,
  backoff: { baseMs: number; maxMs: number },
  random: () => number,
) {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Recording a sent message is retried until this long before the row's lease ends. */
const RECORD_MARGIN_MS = 2_000;

/** A claimed row is sent only with this much of its lease left (or a quarter of the lease, if less). */
const MIN_LEASE_LEFT_MS = 30_000;

export class MailDispatcher {
  private readonly db: Db;
  private readonly transport: MailTransport;
  private readonly ownsTransport: boolean;
  private readonly outbox: MailRepositories['outbox'];
  private readonly deliveries: MailRepositories['deliveries'];
  private readonly lookups: MailRepositories['mailLookup'];
  private readonly o: Required<
    Pick<
      MailDispatcherOptions,
      | 'pollIntervalMs'
      | 'batchSize'
      | 'concurrency'
      | 'maxAttempts'
      | 'leaseMs'
      | 'backoff'
      | 'now'
      | 'random'
    >
  >;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: MailDispatcherOptions) {
    this.db = options.db;
    this.outbox = options.repositories.outbox;
    this.deliveries = options.repositories.deliveries;
    this.lookups = options.repositories.mailLookup;
    if (options.transport) {
      this.transport = options.transport;
      this.ownsTransport = false;
    } else if (options.smtpUrl) {
      // Pooled: a connection per message would repeat the SMTP handshakes for every message. The timeouts add
      // up to well under the lease, so a hung relay ends an attempt before another dispatcher may claim it.
      this.transport = createTransport({
        url: options.smtpUrl,
        pool: true,
        maxConnections: Math.max(1, options.concurrency ?? 4),
        maxMessages: 100,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 120_000,
      });
      this.ownsTransport = true;
    } else {
      throw new Error('MailDispatcher needs smtpUrl or transport');
    }
    this.o = {
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      batchSize: options.batchSize ?? 20,
      concurrency: Math.max(1, options.concurrency ?? 4),
      maxAttempts: options.maxAttempts ?? 8,
      leaseMs: options.leaseMs ?? 10 * 60_000,
      backoff: options.backoff ?? { baseMs: 60_000, maxMs: 6 * 3_600_000 },
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
    };
  }

  private get log() {
    return this.options.logger ?? console;
  }

  /** Polls until stop(): a full batch is followed at once by the next one, otherwise it waits. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let full = false;
        try {
          const r = await this.runOnce();
          full = r.claimed >= this.o.batchSize;
        } catch (err) {
          this.log.error(`[mailer] batch failed: ${errorText(err)}`);
        }
        if (this.running && !full)
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.o.pollIntervalMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        this.wake = undefined;
      }
    })();
  }

  /** Stops polling, waits for the batch in flight, closes the transport it opened. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    if (this.ownsTransport) this.transport.close?.();
  }

  /** Claims one batch of due rows and delivers it. */
  async runOnce(): Promise<BatchResult> {
    const rows = await this.outbox.claimDue(this.db, {
      now: this.o.now(),
      limit: this.o.batchSize,
      leaseMs: this.o.leaseMs,
    });
    const result: BatchResult = {
      claimed: rows.length,
      sent: 0,
      retried: 0,
      failed: 0,
      skipped: 0,
      released: 0,
    };
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const outcome = await this.deliver(row).catch((err: unknown) => {
          // Only bookkeeping failed (the database went away): the lease runs out and the row is claimed again.
          this.log.error(`[mailer] ${row.key}: ${errorText(err)}`);
          return undefined;
        });
        if (outcome) result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, worker));
    return result;
  }

  private async deliver(row: DeliverableOutboxRow): Promise<Exclude<keyof BatchResult, 'claimed'>> {
    const attempt = row.attempts;
    if (attempt > this.o.maxAttempts) {
      // The last attempt's holder vanished without a word: whether it sent is unknown, so do not send again.
      await this.giveUp(
        row,
        attempt,
        `gave up after ${this.o.maxAttempts} attempts (the last one was cut off)`,
      );
      return 'failed';
    }
    const leaseLeft = (row.claimedUntil?.getTime() ?? Infinity) - this.o.now().getTime();
    if (leaseLeft < Math.min(MIN_LEASE_LEFT_MS, this.o.leaseMs / 4)) {
      await this.outbox.release(this.db, row.key, attempt);
      return 'released';
    }

    let mails: SendMailOptions[];
    try {
      const prepared = await this.prepare(row);
      if ('skip' in prepared) {
        const reason = prepared.skip;
        await withTransaction(this.db, async (tx) => {
          await this.deliveries.record(tx, {
            outboxKey: row.key,
            attempt,
            at: this.o.now(),
            status: 'skipped',
            error: reason,
          });
          await this.outbox.finish(tx, row.key, { attempt, status: 'skipped', error: reason });
        });
        return 'skipped';
      }
      mails = prepared.mails;
    } catch (err) {
      if (err instanceof UnknownMailKindError) {
        await this.giveUp(row, attempt, err.message);
        return 'failed';
      }
      return this.retryOrGiveUp(row, attempt, err);
    }

    // Several messages (one per language) are sent in order; a failure retries the row, and a message sent before
    // it goes out again under the same Message-ID, which clients fold, as after a crash.
    const messageId = mails.map((m) => m.messageId as string).join(' ');
    try {
      for (const mail of mails) await this.transport.sendMail(mail);
    } catch (err) {
      return this.retryOrGiveUp(row, attempt, err);
    }
    await this.recordSent(row, attempt, messageId);
    return 'sent';
  }

  /**
   * The relay has the message: a database that is away for a moment (a restart, a failover) must not make the
   * row look unsent, or it would be claimed and sent again once its lease ran out. Both writes are idempotent
   * (the deliveries row per attempt, `sent` only from pending/sending), so the transaction is tried again
   * until shortly before the lease ends; only then is the outcome left to the next claim.
   */
  private async recordSent(row: DeliverableOutboxRow, attempt: number, messageId: string): Promise<void> {
    const leaseLeft = (row.claimedUntil?.getTime() ?? Infinity) - this.o.now().getTime();
    const deadline = Date.now() + Math.min(this.o.leaseMs, leaseLeft) - RECORD_MARGIN_MS;
    for (let wait = 250; ; wait = Math.min(2 * wait, 5_000)) {
      try {
        await withTransaction(this.db, async (tx) => {
          const at = this.o.now();
          await this.deliveries.record(tx, { outboxKey: row.key, attempt, at, status: 'sent', messageId });
          await this.outbox.markSent(tx, row.key, at);
        });
        return;
      } catch (err) {
        if (Date.now() + wait > deadline) throw err;
        this.log.warn(`[mailer] ${row.key}: sent but not recorded yet (${errorText(err)}); trying again`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /**
   * The messages to send — one per language among the addressees, usually exactly one — or why there is none.
   * The first message carries the row's Message-ID; a second language (Home Affairs people who read different
   * languages) gets the row's key with `#<lang>`, so every attempt sends the same IDs.
   */
  private async prepare(row: DeliverableOutboxRow): Promise<{ mails: SendMailOptions[] } | { skip: string }> {
    const assignment = row.assignmentId
      ? await this.lookups.assignment(this.db, row.assignmentId)
      : undefined;
    const toAssignedUnit = assignment !== undefined && row.recipient === `unit:${assignment.unitCode}`;
    const planCode = typeof row.payload.planCode === 'string' ? row.payload.planCode : '';
    const planByCode =
      !assignment?.planTitle && planCode ? await this.lookups.plan(this.db, planCode) : undefined;
    const issuerId = assignment?.issuerId ?? planByCode?.issuerId;
    // The address written with the notification; for the assigned unit, the one on file now if none was.
    let groups: { lang: Language; to: NonNullable<SendMailOptions['to']> }[] = [];
    const address = row.recipientEmail?.trim() || (toAssignedUnit ? assignment.unitEmail?.trim() : undefined);
    if (row.recipient === `role:${HOME_AFFAIRS}` && assignment?.issuerId) {
      // Whoever decides: the issuer's Home Affairs users, each in their language; the issuer's mailbox only when
      // none has an address.
      const people = await this.lookups.homeAffairs(this.db, assignment.issuerId);
      for (const lang of LANGUAGES) {
        const to = people.filter((p) => p.lang === lang).map((p) => ({ name: p.name, address: p.email }));
        if (to.length > 0) groups.push({ lang, to });
      }
    }
    if (groups.length === 0 && address) {
      const lang = toAssignedUnit
        ? assignment.unitLang
        : issuerId
          ? await this.lookups.recipientLang(this.db, issuerId, row.recipient)
          : undefined;
      groups = [{ lang: lang ?? 'vi', to: { name: row.recipientName ?? '', address } }];
    }
    if (groups.length === 0) return { skip: 'no e-mail address' };
    if (assignment && URGING_KINDS.has(row.kind)) {
      if (assignment.status === 'done' || assignment.status === 'cancelled')
        return { skip: `assignment ${assignment.status} before the mail went out` };
      if (row.kind === 'acknowledge_reminder' && assignment.status !== 'assigned')
        return { skip: 'assignment acknowledged before the mail went out' };
    }

    const now = this.o.now();
    const plan = assignment?.planTitle
      ? { title: assignment.planTitle, decision: assignment.planDecision }
      : planByCode
        ? { title: planByCode.title, decision: planByCode.decision }
        : undefined;
    const requestedBy = typeof row.payload.requestedBy === 'string' ? row.payload.requestedBy : '';
    const requestedByName = requestedBy ? await this.lookups.userName(this.db, requestedBy) : undefined;
    const input: MailInput = {
      kind: row.kind,
      recipient: row.recipient,
      recipientName: row.recipientName,
      lang: 'vi',
      at: row.dueAt,
      now,
      payload: row.payload,
      publicUrl: this.options.publicUrl,
      ...(row.assignmentId ? { assignmentId: row.assignmentId } : {}),
      ...(plan ? { plan } : {}),
      ...(requestedByName ? { requestedByName } : {}),
    };
    const attachments: Attachment[] = [];
    if (
      this.options.oneClick &&
      toAssignedUnit &&
      assignment.status === 'assigned' &&
      ACKNOWLEDGE_KINDS.has(row.kind)
    ) {
      const { secret, ttlDays } = this.options.oneClick;
      const url = await createAcknowledgeLink(this.db, this.options.repositories.oneClick, {
        assignmentId: row.assignmentId!,
        publicUrl: this.options.publicUrl,
        secret,
        ttlDays,
        now,
      });
      input.acknowledge = { url, expiresAt: linkExpiry(now, ttlDays) };
    }
    if (row.kind === 'report') {
      const key = typeof row.payload.reportKey === 'string' ? row.payload.reportKey : '';
      const run = key ? await this.lookups.reportRun(this.db, key) : undefined;
      const content = run?.content ?? null;
      // Attachments are a convenience next to the link: a report that cannot be rendered goes without them.
      if (content)
        try {
          attachments.push(...(await (this.options.reportAttachments ?? renderReportAttachments)(content)));
        } catch (err) {
          this.log.warn(`[mailer] ${row.key}: report not attached: ${errorText(err)}`);
        }
      input.report = {
        content,
        url: `${this.options.publicUrl.replace(/\/+$/, '')}/api/reports/${encodeURIComponent(key)}`,
        attachments: attachments.map((a) => (a.filename ? String(a.filename) : 'file')),
      };
    }

    const mails = groups.map(({ lang, to }, i): SendMailOptions => {
      const rendered = renderMail({ ...input, lang });
      return {
        from: this.options.from,
        to,
        // The Date header is the instant of sending on the dispatcher's clock, the same one recorded as sent_at.
        date: now,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: messageIdFor(i === 0 ? row.key : `${row.key}#${lang}`),
        headers: {
          // RFC 3834: no out-of-office replies to a robot.
          'Auto-Submitted': 'auto-generated',
          'X-Dondoc-Kind': row.kind,
        },
        ...(attachments.length ? { attachments } : {}),
      };
    });
    return { mails };
  }

  private async retryOrGiveUp(
    row: DeliverableOutboxRow,
    attempt: number,
    err: unknown,
  ): Promise<'retried' | 'failed'> {
    const error = errorText(err);
    if (isPermanent(err) || attempt >= this.o.maxAttempts) {
      await this.giveUp(row, attempt, error);
      return 'failed';
    }
    const at = this.o.now();
    const nextAttemptAt = new Date(at.getTime() + backoffDelay(attempt, this.o.backoff, this.o.random));
    await withTransaction(this.db, async (tx) => {
      await this.deliveries.record(tx, { outboxKey: row.key, attempt, at, status: 'failed', error });
      await this.outbox.scheduleRetry(tx, row.key, { attempt, nextAttemptAt, error });
    });
    this.log.warn(
      `[mailer] ${row.key}: attempt ${attempt} failed, next at ${nextAttemptAt.toISOString()}: ${error}`,
    );
    return 'retried';
  }

  private async giveUp(row: DeliverableOutboxRow, attempt: number, error: string): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      await this.deliveries.record(tx, {
        outboxKey: row.key,
        attempt,
        at: this.o.now(),
        status: 'failed',
        error,
      });
      await this.outbox.finish(tx, row.key, { attempt, status: 'failed', error });
    });
    this.log.error(`[mailer] ${row.key}: not delivered (${error})`);
  }
}

/**
 * A 5xx answer to the envelope or the message will not change on retry; a refused login (a relay being
 * reconfigured) and anything on the connection may.
 */
function isPermanent(err: unknown): boolean {
  const e = err as { permanent?: unknown; responseCode?: unknown; code?: unknown };
  if (e?.code === 'EAUTH' || e?.code === 'ECONNECTION' || e?.code === 'ETIMEDOUT') return false;
  if (typeof e?.permanent === 'boolean') return e.permanent;
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}
