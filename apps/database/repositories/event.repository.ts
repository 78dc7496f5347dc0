import type { Queryable } from './queryable.js';

export interface NewEvent {
  id: string;
  assignmentId?: string;
  planId?: string;
  type: string;
  actor?: string;
  requestId?: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface EventRow {
  id: string;
  seq: number;
  type: string;
  actor: string;
  occurredAt: Date;
  recordedAt: Date;
  payload: Record<string, unknown>;
}

export class EventRepository {
  /** Appends once: returns false when an event with this id was already recorded. */
  async append(db: Queryable, e: NewEvent): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO events (id, assignment_id, plan_id, type, actor, request_id, occurred_at, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        e.id,
        e.assignmentId ?? null,
        e.planId ?? null,
        e.type,
        e.actor ?? 'system',
        e.requestId ?? null,
        e.occurredAt,
        JSON.stringify(e.payload),
      ],
    );
    return rowCount === 1;
  }

  async listByAssignment(db: Queryable, assignmentId: string): Promise<EventRow[]> {
    const { rows } = await db.query<EventRow>(
      `SELECT id, seq, type, actor, occurred_at AS "occurredAt", recorded_at AS "recordedAt", payload
       FROM events WHERE assignment_id = $1 ORDER BY occurred_at, seq`,
      [assignmentId],
    );
    return rows;
  }
}
