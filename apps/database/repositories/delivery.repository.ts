import type { Queryable } from './queryable.js';
import type { Language } from './user.repository.js';

export type DeliveryStatus = 'sent' | 'failed' | 'skipped';

export interface DeliveryRow {
  id: number;
  outboxKey: string;
  attempt: number;
  at: Date;
  status: DeliveryStatus;
  messageId: string | null;
  error: string | null;
}

/** One row per attempt to deliver an outbox row: what happened, when, under which Message-ID. */
export class DeliveryRepository {
  /** Records an attempt once: a repeated record of the same attempt changes nothing. */
  async record(
    db: Queryable,
    d: {
      outboxKey: string;
      attempt: number;
      at: Date;
      status: DeliveryStatus;
      messageId?: string | null;
      error?: string | null;
    },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO deliveries (outbox_key, attempt, at, status, message_id, error)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (outbox_key, attempt) DO NOTHING`,
      [d.outboxKey, d.attempt, d.at, d.status, d.messageId ?? null, d.error ?? null],
    );
    return rowCount === 1;
  }

  async listByOutboxKey(db: Queryable, outboxKey: string): Promise<DeliveryRow[]> {
    const { rows } = await db.query<DeliveryRow>(
      `SELECT id, outbox_key AS "outboxKey", attempt, at, status, message_id AS "messageId", error
       FROM deliveries WHERE outbox_key = $1 ORDER BY attempt`,
      [outboxKey],
    );
    return rows;
  }

  async countByStatus(db: Queryable): Promise<Record<DeliveryStatus, number>> {
    const { rows } = await db.query<{ status: DeliveryStatus; n: number }>(
      `SELECT status, count(*)::int AS n FROM deliveries GROUP BY status`,
    );
    const out: Record<DeliveryStatus, number> = { sent: 0, failed: 0, skipped: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }
}

/** What the assignment looks like now, for a mail about it. */
export interface MailAssignment {
  status: string;
  unitCode: string;
  unitName: string;
  unitEmail: string | null;
  /** The language of the unit's mailbox. */
  unitLang: Language;
  /** The plan's issuer (whose Home Affairs users decide extensions). */
  issuerId: string | null;
  /** The plan as people name it: its title and the number of the decision that issued it. */
  planTitle: string | null;
  planDecision: string | null;
}

/** A person of the Home Affairs office who decides extension requests. */
export interface MailPerson {
  name: string;
  email: string;
  lang: Language;
}

/** The stored report run a report mail summarises. */
export interface MailReportRun {
  key: string;
  reportId: string;
  period: string;
  cutOffAt: Date;
  content: Record<string, unknown>;
}

/** Reads that rendering a mail needs besides the outbox row (kept here so that SQL stays in repositories). */
export class MailLookupRepository {
  async assignment(db: Queryable, id: string): Promise<MailAssignment | undefined> {
    const { rows } = await db.query<MailAssignment>(
      `SELECT a.status, u.code AS "unitCode", u.name AS "unitName", u.email AS "unitEmail",
              u.lang AS "unitLang", p.issuer_id AS "issuerId", p.title AS "planTitle",
              v.ir #>> '{plan,decision,number}' AS "planDecision"
       FROM assignments a JOIN units u ON u.id = a.unit_id
       LEFT JOIN plans p ON p.id = a.plan_id
       LEFT JOIN plan_versions v ON v.plan_id = a.plan_id AND v.version = a.plan_version
       WHERE a.id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * A plan's title and decision number by its code (digests and reports name the plan by code), and its issuer
   * (whose units and people the recipients are).
   */
  async plan(
    db: Queryable,
    code: string,
  ): Promise<{ title: string; decision: string | null; issuerId: string } | undefined> {
    const { rows } = await db.query<{ title: string; decision: string | null; issuerId: string }>(
      `SELECT p.title, p.issuer_id AS "issuerId", v.ir #>> '{plan,decision,number}' AS decision
       FROM plans p LEFT JOIN LATERAL (
         SELECT ir FROM plan_versions WHERE plan_id = p.id ORDER BY version DESC LIMIT 1) v ON true
       WHERE p.code = $1 ORDER BY p.created_at DESC LIMIT 1`,
      [code],
    );
    return rows[0];
  }

  /** The display name of the user behind a login (actors are recorded by login). */
  async userName(db: Queryable, login: string): Promise<string | undefined> {
    const { rows } = await db.query<{ name: string }>(
      `SELECT display_name AS name FROM users WHERE login = $1`,
      [login],
    );
    return rows[0]?.name;
  }

  /** The active users who decide extension requests for an issuer (role home_affairs), with an address. */
  async homeAffairs(db: Queryable, issuerId: string): Promise<MailPerson[]> {
    const { rows } = await db.query<MailPerson>(
      `SELECT DISTINCT u.display_name AS name, u.email, u.lang FROM users u JOIN user_roles r ON r.user_id = u.id
       WHERE u.issuer_id = $1 AND u.active AND r.role = 'home_affairs' AND coalesce(u.email, '') <> ''
       ORDER BY u.email`,
      [issuerId],
    );
    return rows;
  }

  /**
   * The language of a recipient of the issuer: a unit's (`unit:<code>`), or the active user's who is the person
   * (`person:<person code>`; of several such users, the first login's). Undefined for anyone else.
   */
  async recipientLang(db: Queryable, issuerId: string, recipient: string): Promise<Language | undefined> {
    const [, kind, code] = /^(unit|person):(.+)$/.exec(recipient) ?? [];
    if (!kind || !code) return undefined;
    const { rows } = await db.query<{ lang: Language }>(
      kind === 'unit'
        ? `SELECT lang FROM units WHERE issuer_id = $1 AND code = $2`
        : `SELECT lang FROM users WHERE issuer_id = $1 AND person_code = $2 AND active ORDER BY login LIMIT 1`,
      [issuerId, code],
    );
    return rows[0]?.lang;
  }

  async reportRun(db: Queryable, key: string): Promise<MailReportRun | undefined> {
    const { rows } = await db.query<MailReportRun>(
      `SELECT key, report_id AS "reportId", period, cut_off_at AS "cutOffAt", content
       FROM report_runs WHERE key = $1`,
      [key],
    );
    return rows[0];
  }
}
