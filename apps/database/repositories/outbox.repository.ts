import type { Queryable } from './queryable.js';

export interface NewOutboxEntry {
  key: string;
  kind: string;
  /** 'unit:<code>' or 'person:<id>'. */
  recipient: string;
  recipientName?: string;
  recipientEmail?: string;
  assignmentId?: string;
  dueAt: string;
  payload: Record<string, unknown>;
}

export interface OutboxRow {
  key: string;
  kind: string;
  recipient: string;
  recipientName: string | null;
  recipientEmail: string | null;
  assignmentId: string | null;
  dueAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  payload: Record<string, unknown>;
}

const SELECT = `SELECT key, kind, recipient, recipient_name AS "recipientName", recipient_email AS "recipientEmail",
  assignment_id AS "assignmentId", due_at AS "dueAt", created_at AS "createdAt", sent_at AS "sentAt", payload
  FROM outbox`;

// ---- delivery (the mail dispatcher) ----
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** A row as the dispatcher sees it, with its delivery state. */
export interface DeliverableOutboxRow extends OutboxRow {
  status: OutboxStatus;
  /** Attempts so far, this one included once claimed. */
  attempts: number;
  nextAttemptAt: Date | null;
  claimedUntil: Date | null;
  lastError: string | null;
}

const deliveryColumns = (t: string) =>
  `${t}.key, ${t}.kind, ${t}.recipient, ${t}.recipient_name AS "recipientName",
   ${t}.recipient_email AS "recipientEmail", ${t}.assignment_id AS "assignmentId", ${t}.due_at AS "dueAt",
   ${t}.created_at AS "createdAt", ${t}.sent_at AS "sentAt", ${t}.payload, ${t}.status, ${t}.attempts,
   ${t}.next_attempt_at AS "nextAttemptAt", ${t}.claimed_until AS "claimedUntil", ${t}.last_error AS "lastError"`;

export class OutboxRepository {
  /** Queues notifications; a key seen before is ignored, so a retried activity never sends twice. */
  async enqueue(db: Queryable, entries: readonly NewOutboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const { rowCount } = await db.query(
      `INSERT INTO outbox (key, kind, recipient, recipient_name, recipient_email, assignment_id, due_at, payload)
       SELECT r.key, r.kind, r.recipient, r."recipientName", r."recipientEmail", r."assignmentId", r."dueAt",
              coalesce(r.payload, '{}'::jsonb)
       FROM jsonb_to_recordset($1::jsonb) AS r(key text, kind text, recipient text, "recipientName" text,
              "recipientEmail" text, "assignmentId" text, "dueAt" timestamptz, payload jsonb)
       ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(entries)],
    );
    return rowCount ?? 0;
  }

  async listByAssignment(db: Queryable, assignmentId: string): Promise<OutboxRow[]> {
    const { rows } = await db.query<OutboxRow>(`${SELECT} WHERE assignment_id = $1 ORDER BY due_at, key`, [
      assignmentId,
    ]);
    return rows;
  }

  async listByAssignmentPrefix(db: Queryable, prefix: string): Promise<OutboxRow[]> {
    const { rows } = await db.query<OutboxRow>(`${SELECT} WHERE starts_with(key, $1) ORDER BY due_at, key`, [
      prefix,
    ]);
    return rows;
  }

  async listByKind(db: Queryable, kind: string): Promise<OutboxRow[]> {
    const { rows } = await db.query<OutboxRow>(`${SELECT} WHERE kind = $1 ORDER BY due_at, key`, [kind]);
    return rows;
  }

  // ---- delivery (the mail dispatcher) ----

  /**
   * Claims up to `limit` rows that are due (their instant, or their retry time, has passed) and not held by
   * another dispatcher: one statement, so two dispatchers never claim the same row (SKIP LOCKED), and the
   * claim counts as an attempt (a dispatcher that dies mid-send still uses one up).
   */
  async claimDue(
    db: Queryable,
    o: { now: Date; limit: number; leaseMs: number },
  ): Promise<DeliverableOutboxRow[]> {
    const { rows } = await db.query<DeliverableOutboxRow>(
      `WITH due AS (
         SELECT key FROM outbox
         WHERE status IN ('pending', 'sending') AND coalesce(next_attempt_at, due_at) <= $1
           AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY coalesce(next_attempt_at, due_at), key
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox o SET status = 'sending', claimed_until = $3, attempts = o.attempts + 1
       FROM due WHERE o.key = due.key
       RETURNING ${deliveryColumns('o')}`,
      [o.now, o.limit, new Date(o.now.getTime() + o.leaseMs)],
    );
    return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : 1));
  }

  /** The message went out: whoever sent it marks it, even a dispatcher whose lease ran out meanwhile. */
  async markSent(db: Queryable, key: string, at: Date): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE outbox SET status = 'sent', sent_at = $2, claimed_until = NULL, next_attempt_at = NULL,
              last_error = NULL
       WHERE key = $1 AND status IN ('pending', 'sending')`,
      [key, at],
    );
    return rowCount === 1;
  }

  /** Back to pending until `nextAttemptAt`; only the holder of this attempt's claim may do so. */
  async scheduleRetry(
    db: Queryable,
    key: string,
    o: { attempt: number; nextAttemptAt: Date; error: string },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE outbox SET status = 'pending', next_attempt_at = $3, claimed_until = NULL, last_error = $4
       WHERE key = $1 AND status = 'sending' AND attempts = $2`,
      [key, o.attempt, o.nextAttemptAt, o.error],
    );
    return rowCount === 1;
  }

  /** Gives up, or notes why the row is not sent at all ('skipped'). */
  async finish(
    db: Queryable,
    key: string,
    o: { attempt: number; status: 'failed' | 'skipped'; error: string },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE outbox SET status = $3, claimed_until = NULL, next_attempt_at = NULL, last_error = $4
       WHERE key = $1 AND status = 'sending' AND attempts = $2`,
      [key, o.attempt, o.status, o.error],
    );
    return rowCount === 1;
  }

  /** Hands a claimed row back untouched (its lease was about to run out before it could be sent). */
  async release(db: Queryable, key: string, attempt: number): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE outbox SET status = 'pending', claimed_until = NULL, attempts = attempts - 1
       WHERE key = $1 AND status = 'sending' AND attempts = $2`,
      [key, attempt],
    );
    return rowCount === 1;
  }

  async findByKey(db: Queryable, key: string): Promise<DeliverableOutboxRow | undefined> {
    const { rows } = await db.query<DeliverableOutboxRow>(
      `SELECT ${deliveryColumns('o')} FROM outbox o WHERE key = $1`,
      [key],
    );
    return rows[0];
  }

  async countByStatus(db: Queryable): Promise<Record<OutboxStatus, number>> {
    const { rows } = await db.query<{ status: OutboxStatus; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox GROUP BY status`,
    );
    const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }
}
