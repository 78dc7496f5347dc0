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
}
