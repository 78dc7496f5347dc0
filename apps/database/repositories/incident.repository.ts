import type { Queryable } from './queryable.js';

/** A step the database refused for good, as the engine reports it. */
export interface NewIncident {
  id: string;
  issuerId: string;
  planId: string;
  assignmentId: string;
  unitCode: string;
  stepType: string;
  actor: string;
  occurredAt: string;
  sqlstate: string | null;
  reason: string;
}

export interface IncidentRow {
  id: string;
  issuerId: string;
  planId: string | null;
  planCode: string | null;
  planTitle: string | null;
  assignmentId: string | null;
  taskTitle: string | null;
  unitCode: string;
  unitName: string | null;
  stepType: string;
  actor: string;
  occurredAt: Date;
  sqlstate: string | null;
  reason: string;
  failures: number;
  status: 'open' | 'resolved';
  raisedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: 'retried' | 'dismissed' | null;
  note: string | null;
}

const SELECT = `SELECT i.id, i.issuer_id AS "issuerId", i.plan_id AS "planId", p.code AS "planCode",
    p.title AS "planTitle", i.assignment_id AS "assignmentId", a.title AS "taskTitle", i.unit_code AS "unitCode",
    u.name AS "unitName", i.step_type AS "stepType", i.actor, i.occurred_at AS "occurredAt", i.sqlstate,
    i.reason, i.failures, i.status, i.raised_at AS "raisedAt", i.resolved_at AS "resolvedAt",
    i.resolved_by AS "resolvedBy", i.resolution, i.note
  FROM incidents i
  LEFT JOIN plans p ON p.id = i.plan_id
  LEFT JOIN assignments a ON a.id = i.assignment_id
  LEFT JOIN units u ON u.issuer_id = i.issuer_id AND u.code = i.unit_code`;

export class IncidentRepository {
  /** Opens the incident of a step, or opens it again (one more failure) after a retry that failed too. */
  async raise(db: Queryable, i: NewIncident): Promise<{ failures: number }> {
    const { rows } = await db.query<{ failures: number }>(
      `INSERT INTO incidents (id, issuer_id, plan_id, assignment_id, unit_code, step_type, actor, occurred_at,
                              sqlstate, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET
         failures = incidents.failures + 1, status = 'open', sqlstate = EXCLUDED.sqlstate,
         reason = EXCLUDED.reason, raised_at = now(), resolved_at = NULL, resolved_by = NULL, resolution = NULL
       RETURNING failures`,
      [
        i.id,
        i.issuerId,
        i.planId,
        i.assignmentId,
        i.unitCode,
        i.stepType,
        i.actor,
        i.occurredAt,
        i.sqlstate,
        i.reason,
      ],
    );
    return rows[0]!;
  }

  /** Closes an open incident; false when it was not open. */
  async resolve(
    db: Queryable,
    id: string,
    r: { by: string; resolution: 'retried' | 'dismissed'; note?: string },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE incidents SET status = 'resolved', resolved_at = now(), resolved_by = $2, resolution = $3, note = $4
       WHERE id = $1 AND status = 'open'`,
      [id, r.by, r.resolution, r.note ?? null],
    );
    return (rowCount ?? 0) > 0;
  }

  async findById(db: Queryable, id: string): Promise<IncidentRow | undefined> {
    const { rows } = await db.query<IncidentRow>(`${SELECT} WHERE i.id = $1`, [id]);
    return rows[0];
  }

  /** An issuer's incidents, open ones first, newest first. */
  async list(
    db: Queryable,
    q: { issuerId: string; status?: 'open' | 'resolved' | undefined; limit: number },
  ): Promise<IncidentRow[]> {
    const { rows } = await db.query<IncidentRow>(
      `${SELECT} WHERE i.issuer_id = $1 AND ($2::text IS NULL OR i.status = $2)
       ORDER BY i.status = 'open' DESC, i.raised_at DESC LIMIT $3`,
      [q.issuerId, q.status ?? null, q.limit],
    );
    return rows;
  }

  /** Open incidents per issuer, for the metric. */
  async countOpen(db: Queryable): Promise<{ issuerId: string; open: number }[]> {
    const { rows } = await db.query<{ issuerId: string; open: number }>(
      `SELECT issuer_id AS "issuerId", count(*)::int AS open FROM incidents WHERE status = 'open'
       GROUP BY issuer_id`,
    );
    return rows;
  }
}
