import type { Queryable } from './queryable.js';

export interface UnitFigures {
  unitCode: string;
  unitName: string;
  total: number;
  due: number;
  doneOnTime: number;
  doneLate: number;
  openInTime: number;
  openOverdue: number;
}

export class ReportRepository {
  /**
   * Per-unit figures of a plan as of an instant, in the classes of report 1270/BC-TCTTTg: of the assignments
   * due by then, done on time / done late / not done (overdue); of those not yet due, not done within deadline.
   */
  async figuresAt(db: Queryable, planId: string, at: string): Promise<UnitFigures[]> {
    const { rows } = await db.query<UnitFigures>(
      `SELECT u.code AS "unitCode", u.name AS "unitName",
              count(*)::int AS total,
              count(*) FILTER (WHERE a.due_at <= $2)::int AS due,
              count(*) FILTER (WHERE a.status = 'done' AND a.completed_at <= $2 AND NOT coalesce(a.completed_late, false))::int
                AS "doneOnTime",
              count(*) FILTER (WHERE a.status = 'done' AND a.completed_at <= $2 AND a.completed_late)::int AS "doneLate",
              count(*) FILTER (WHERE NOT (a.status = 'done' AND a.completed_at <= $2) AND a.due_at > $2)::int
                AS "openInTime",
              count(*) FILTER (WHERE NOT (a.status = 'done' AND a.completed_at <= $2) AND a.due_at <= $2
                AND a.kind = 'deadline')::int AS "openOverdue"
       FROM assignments a JOIN units u ON u.id = a.unit_id
       WHERE a.plan_id = $1 AND a.status <> 'cancelled' AND a.starts_at <= $2
       GROUP BY u.code, u.name ORDER BY u.name, u.code`,
      [planId, at],
    );
    return rows;
  }

  async insertRun(
    db: Queryable,
    r: { key: string; planId: string; reportId: string; period: string; cutOffAt: string; content: unknown },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO report_runs (key, plan_id, report_id, period, cut_off_at, content)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
      [r.key, r.planId, r.reportId, r.period, r.cutOffAt, JSON.stringify(r.content)],
    );
    return rowCount === 1;
  }

  async listRuns(
    db: Queryable,
    planId: string,
  ): Promise<{ key: string; reportId: string; period: string; cutOffAt: Date; content: unknown }[]> {
    const { rows } = await db.query<{
      key: string;
      reportId: string;
      period: string;
      cutOffAt: Date;
      content: unknown;
    }>(
      `SELECT key, report_id AS "reportId", period, cut_off_at AS "cutOffAt", content
       FROM report_runs WHERE plan_id = $1 ORDER BY cut_off_at, report_id`,
      [planId],
    );
    return rows;
  }
}
