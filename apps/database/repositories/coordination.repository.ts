import type { CoordinatorState } from '../../../workflows/contracts.js';
import type { Queryable } from './queryable.js';

/** A coordinating unit's part of an assignment, as people read it. */
export interface CoordinatorRow {
  unitId: number;
  unitCode: string;
  unitName: string;
  acknowledgedAt: Date | null;
  reportedAt: Date | null;
  contributions: number;
}

/** A contribution a coordinating unit reported (from the event log). */
export interface ContributionRow {
  unitCode: string;
  unitName: string;
  at: Date;
  actor: string;
  note: string;
  evidence: Record<string, unknown> | null;
}

/** The coordinator projection: which units coordinate which assignment, and how far each has got. */
export class CoordinationRepository {
  /** Lists the coordinators of a plan's assignments with the assignments; rows that exist are left alone. */
  async insertPlanned(
    db: Queryable,
    p: { issuerId: string; rows: { assignmentId: string; coordinators: readonly string[] }[] },
  ): Promise<void> {
    const rows = p.rows.flatMap((r) =>
      r.coordinators.map((code, position) => ({ assignmentId: r.assignmentId, code, position })),
    );
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO assignment_coordinators (assignment_id, unit_id, position)
       SELECT r."assignmentId", u.id, r.position
       FROM jsonb_to_recordset($2::jsonb) AS r("assignmentId" text, code text, position int)
       JOIN units u ON u.issuer_id = $1 AND u.code = r.code
       JOIN assignments a ON a.id = r."assignmentId"
       ON CONFLICT (assignment_id, unit_id) DO NOTHING`,
      [p.issuerId, JSON.stringify(rows)],
    );
  }

  /**
   * Writes the coordinators' state after a step (a step of the same assignment never runs concurrently); units no
   * longer coordinating (an amendment removed them) leave.
   */
  async applyProjection(
    db: Queryable,
    assignmentId: string,
    coordinators: readonly CoordinatorState[],
  ): Promise<void> {
    await db.query(
      `DELETE FROM assignment_coordinators c USING units u
       WHERE c.assignment_id = $1 AND u.id = c.unit_id AND NOT u.code = ANY($2::text[])`,
      [assignmentId, coordinators.map((c) => c.code)],
    );
    if (coordinators.length === 0) return;
    await db.query(
      `INSERT INTO assignment_coordinators (assignment_id, unit_id, position, acknowledged_at, reported_at,
                                            contributions)
       SELECT $1, u.id, r.position, r."acknowledgedAt", r."reportedAt", r.contributions
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, position int, "acknowledgedAt" timestamptz,
              "reportedAt" timestamptz, contributions int)
       JOIN assignments a ON a.id = $1
       JOIN units lead ON lead.id = a.unit_id
       JOIN units u ON u.issuer_id = lead.issuer_id AND u.code = r.code
       ON CONFLICT (assignment_id, unit_id) DO UPDATE SET acknowledged_at = EXCLUDED.acknowledged_at,
         reported_at = EXCLUDED.reported_at, contributions = EXCLUDED.contributions`,
      [
        assignmentId,
        JSON.stringify(
          coordinators.map((c, position) => ({
            code: c.code,
            position,
            acknowledgedAt: c.acknowledgedAt ?? null,
            reportedAt: c.reportedAt ?? null,
            contributions: c.contributions,
          })),
        ),
      ],
    );
  }

  async listByAssignment(db: Queryable, assignmentId: string): Promise<CoordinatorRow[]> {
    const { rows } = await db.query<CoordinatorRow>(
      `SELECT c.unit_id::int AS "unitId", u.code AS "unitCode", u.name AS "unitName",
              c.acknowledged_at AS "acknowledgedAt", c.reported_at AS "reportedAt", c.contributions
       FROM assignment_coordinators c JOIN units u ON u.id = c.unit_id
       WHERE c.assignment_id = $1 ORDER BY c.position, u.code`,
      [assignmentId],
    );
    return rows;
  }

  /** The contributions reported, oldest first, from the assignment's events. */
  async contributions(db: Queryable, assignmentId: string): Promise<ContributionRow[]> {
    const { rows } = await db.query<ContributionRow>(
      `SELECT e.payload->>'unit' AS "unitCode", coalesce(u.name, e.payload->>'unit') AS "unitName",
              e.occurred_at AS at, e.actor, e.payload->>'note' AS note, e.payload->'evidence' AS evidence
       FROM events e JOIN assignments a ON a.id = e.assignment_id JOIN units lead ON lead.id = a.unit_id
       LEFT JOIN units u ON u.issuer_id = lead.issuer_id AND u.code = e.payload->>'unit'
       WHERE e.assignment_id = $1 AND e.type = 'contribution_reported' ORDER BY e.occurred_at, e.seq`,
      [assignmentId],
    );
    return rows;
  }
}
