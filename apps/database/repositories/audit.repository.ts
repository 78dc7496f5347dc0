import type { Queryable } from './queryable.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

/** Append-only log of changes made outside the assignment workflows. */
export class AuditRepository {
  async append(db: Queryable, e: AuditEntry): Promise<void> {
    await db.query(
      `INSERT INTO audit_log (actor, action, target, request_id, details) VALUES ($1, $2, $3, $4, $5)`,
      [e.actor, e.action, e.target ?? null, e.requestId ?? null, JSON.stringify(e.details ?? {})],
    );
  }

  async list(
    db: Queryable,
    filter: { action?: string; limit: number },
  ): Promise<(AuditEntry & { id: number; at: Date })[]> {
    const { rows } = await db.query<AuditEntry & { id: number; at: Date }>(
      `SELECT id, at, actor, action, target, request_id AS "requestId", details FROM audit_log
       WHERE ($1::text IS NULL OR action = $1) ORDER BY id DESC LIMIT $2`,
      [filter.action ?? null, filter.limit],
    );
    return rows;
  }
}
