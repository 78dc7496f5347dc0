import type { AssignmentSnapshot } from '../../../workflows/contracts.js';
import type { Queryable } from './queryable.js';

export interface AssignmentRow {
  id: string;
  taskId: string;
  occurrence: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  title: string;
  area: string | null;
  dueAt: Date | null;
  status: string;
  progressPercent: number;
  escalationLevel: number;
  lastEventAt: Date | null;
  kind: string;
  startsAt: Date | null;
  active: boolean;
  overdue: boolean;
  completedLate: boolean | null;
  acknowledgedAt: Date | null;
  completedAt: Date | null;
  planVersion: number | null;
  planCode: string | null;
  issuerId: string;
  dueDate: string | null;
  /** The end of the day by which the unit should acknowledge, as the assignment notice gave it. */
  acknowledgeBy: string | null;
  /** An extension request waits for a decision. */
  extensionPending: boolean;
  /** The login and name of the officer the work is given to. */
  officerLogin: string | null;
  officerName: string | null;
}

export interface AssignmentFilter {
  issuerId: string;
  /** null: every unit of the issuer. */
  unitIds: readonly number[] | null;
  unitCode?: string;
  planCode?: string;
  status?: string;
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
  /** Include assignments whose period has not begun. */
  includeInactive?: boolean;
  /** Also the assignments one of `unitIds` coordinates (đơn vị phối hợp); marked `coordinating`. */
  withCoordinated?: boolean;
  /**
   * The caller's own units: a row is marked `coordinating` when none of them leads it and one coordinates it
   * (issuer-wide callers see everything; those who also belong to a unit get the mark too). Default `unitIds`.
   */
  markUnitIds?: readonly number[] | null;
  /** Only the assignments this unit coordinates. */
  coordinatorCode?: string;
  /** Only the work given to this officer (login): "Việc của tôi". */
  officerLogin?: string;
  limit: number;
  offset: number;
}

/** An assignment as the plan lists it, before its workflow has done anything. */
export interface PlannedAssignment {
  id: string;
  taskId: string;
  occurrence: string;
  unitCode: string;
  title: string;
  area: string;
  kind: 'deadline' | 'ongoing';
  startsAt: string;
  dueDate: string;
  dueAt: string;
}

export interface NewAssignment {
  assignmentId: string;
  taskId: string;
  occurrence: string;
  unitId: number;
  title: string;
  area?: string;
  dueAt: string;
  planId?: string;
  planVersion?: number;
}

const SELECT = `
  SELECT a.id, a.task_id AS "taskId", a.occurrence, a.unit_id AS "unitId", u.code AS "unitCode",
         u.name AS "unitName", a.title, a.area, a.due_at AS "dueAt", a.status,
         a.progress_percent AS "progressPercent", a.escalation_level AS "escalationLevel",
         a.last_event_at AS "lastEventAt", a.kind, a.starts_at AS "startsAt", a.active, a.overdue,
         a.completed_late AS "completedLate", a.acknowledged_at AS "acknowledgedAt",
         a.completed_at AS "completedAt", a.plan_version AS "planVersion", p.code AS "planCode",
         u.issuer_id AS "issuerId", to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate",
         (SELECT o.payload->'schedule'->>'acknowledgeBy' FROM outbox o
          WHERE o.assignment_id = a.id AND o.kind = 'assigned' ORDER BY o.due_at DESC LIMIT 1) AS "acknowledgeBy",
         EXISTS (SELECT 1 FROM extension_requests x WHERE x.assignment_id = a.id AND x.status = 'pending')
           AS "extensionPending",
         a.officer_login AS "officerLogin",
         (SELECT display_name FROM users ou WHERE ou.login = a.officer_login) AS "officerName"
  FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN plans p ON p.id = a.plan_id`;

export class AssignmentRepository {
  /** Creates the projection row on first sight; later calls leave it alone. */
  async ensure(db: Queryable, a: NewAssignment): Promise<void> {
    await db.query(
      `INSERT INTO assignments (id, task_id, occurrence, unit_id, title, area, due_at, plan_id, plan_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [
        a.assignmentId,
        a.taskId,
        a.occurrence,
        a.unitId,
        a.title,
        a.area ?? null,
        a.dueAt,
        a.planId ?? null,
        a.planVersion ?? null,
      ],
    );
  }

  /** Lists a plan version's assignments in one statement; rows that exist already are left to their workflow. */
  async insertPlanned(
    db: Queryable,
    p: { planId: string; version: number; issuerId: string; rows: PlannedAssignment[] },
  ): Promise<number> {
    if (p.rows.length === 0) return 0;
    const { rowCount } = await db.query(
      `INSERT INTO assignments (id, plan_id, plan_version, task_id, occurrence, unit_id, title, area, kind,
                                starts_at, due_date, due_at)
       SELECT r.id, $1, $2, r."taskId", r.occurrence, u.id, r.title, r.area, r.kind,
              r."startsAt", r."dueDate", r."dueAt"
       FROM jsonb_to_recordset($4::jsonb) AS r(id text, "taskId" text, occurrence text, "unitCode" text,
              title text, area text, kind text, "startsAt" timestamptz, "dueDate" date, "dueAt" timestamptz)
       JOIN units u ON u.issuer_id = $3 AND u.code = r."unitCode"
       ON CONFLICT (id) DO NOTHING`,
      [p.planId, p.version, p.issuerId, JSON.stringify(p.rows)],
    );
    return rowCount ?? 0;
  }

  /** Writes the workflow's state after a step (steps of one assignment are written one at a time). */
  async applyProjection(db: Queryable, id: string, s: AssignmentSnapshot, at: string): Promise<void> {
    await db.query(
      `UPDATE assignments SET plan_version = $2, status = $3, overdue = $4, progress_percent = $5,
              escalation_level = $6, due_at = $7, due_date = $13, acknowledged_at = $8, completed_at = $9,
              completed_late = $10, active = $11, last_event_at = GREATEST(coalesce(last_event_at, $12), $12),
              officer_login = $14, updated_at = now()
       WHERE id = $1`,
      [
        id,
        s.planVersion,
        s.status,
        s.overdue,
        s.progressPercent,
        s.escalationLevel,
        s.dueAt,
        s.acknowledgedAt ?? null,
        s.completedAt ?? null,
        s.completedLate ?? null,
        s.active,
        at,
        s.dueDate,
        s.officer ?? null,
      ],
    );
  }

  async touch(db: Queryable, id: string, at: string): Promise<void> {
    await db.query(
      `UPDATE assignments SET last_event_at = GREATEST(coalesce(last_event_at, $2), $2), updated_at = now()
       WHERE id = $1`,
      [id, at],
    );
  }

  async findById(db: Queryable, id: string): Promise<AssignmentRow | undefined> {
    const { rows } = await db.query<AssignmentRow>(`${SELECT} WHERE a.id = $1`, [id]);
    return rows[0];
  }

  async list(
    db: Queryable,
    filter: { unitCode?: string; status?: string; limit: number },
  ): Promise<AssignmentRow[]> {
    const { rows } = await db.query<AssignmentRow>(
      `${SELECT}
       WHERE ($1::text IS NULL OR u.code = $1) AND ($2::text IS NULL OR a.status = $2)
       ORDER BY a.due_at NULLS LAST, a.id LIMIT $3`,
      [filter.unitCode ?? null, filter.status ?? null, filter.limit],
    );
    return rows;
  }

  /** An inbox: the visible assignments, most urgent first (overdue, then not yet acknowledged, then by deadline). */
  async listVisible(
    db: Queryable,
    f: AssignmentFilter,
  ): Promise<{ rows: (AssignmentRow & { coordinating: boolean })[]; total: number }> {
    // A coordinating unit sees the task too, marked "phối hợp" (the lead's own units come first).
    const coordinated = `EXISTS (SELECT 1 FROM assignment_coordinators c WHERE c.assignment_id = a.id
                                 AND c.unit_id = ANY($2))`;
    const where = `u.issuer_id = $1
       AND ($2::bigint[] IS NULL OR a.unit_id = ANY($2) OR ($10 AND ${coordinated}))
       AND ($11::text IS NULL OR EXISTS (SELECT 1 FROM assignment_coordinators c JOIN units cu ON cu.id = c.unit_id
                                         WHERE c.assignment_id = a.id AND cu.code = $11))
       AND ($12::text IS NULL OR a.officer_login = $12)
       AND ($3::text IS NULL OR u.code = $3) AND ($4::text IS NULL OR p.code = $4)
       AND ($5::text IS NULL OR a.status = $5) AND ($6::boolean IS NULL OR a.overdue = $6)
       AND ($7::date IS NULL OR a.due_date >= $7) AND ($8::date IS NULL OR a.due_date <= $8)
       AND ($9 OR a.active)`;
    const params = [
      f.issuerId,
      f.unitIds,
      f.unitCode ?? null,
      f.planCode ?? null,
      f.status ?? null,
      f.overdue ?? null,
      f.dueFrom ?? null,
      f.dueTo ?? null,
      f.includeInactive ?? false,
    ];
    // $10–$12: coordination and officer filters.
    const more = [f.withCoordinated ?? false, f.coordinatorCode ?? null, f.officerLogin ?? null];
    const [page, count] = await Promise.all([
      db.query<AssignmentRow & { coordinating: boolean }>(
        `${SELECT.replace(
          'FROM assignments a',
          `, ($15::bigint[] IS NOT NULL AND NOT a.unit_id = ANY($15)
              AND EXISTS (SELECT 1 FROM assignment_coordinators c WHERE c.assignment_id = a.id
                          AND c.unit_id = ANY($15))) AS coordinating FROM assignments a`,
        )} WHERE ${where}
         ORDER BY (a.status IN ('done', 'cancelled')), a.overdue DESC, (a.status = 'assigned') DESC,
                  a.due_at NULLS LAST, a.id
         LIMIT $13 OFFSET $14`,
        [...params, ...more, f.limit, f.offset, f.markUnitIds === undefined ? f.unitIds : f.markUnitIds],
      ),
      db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assignments a JOIN units u ON u.id = a.unit_id
         LEFT JOIN plans p ON p.id = a.plan_id WHERE ${where}`,
        [...params, ...more],
      ),
    ]);
    return { rows: page.rows, total: count.rows[0]!.n };
  }
}
