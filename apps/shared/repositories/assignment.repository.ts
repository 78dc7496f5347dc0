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
         a.last_event_at AS "lastEventAt"
  FROM assignments a JOIN units u ON u.id = a.unit_id`;

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
}
