import type { Queryable } from './queryable.js';

/** What the plan says of an assignment: its basis document and the task's expected output and criterion. */
export interface PlanWording {
  planTitle: string;
  /** The decision that issued the plan (số, ngày), when the plan names one. */
  decisionNumber: string | null;
  decisionDate: string | null;
  output: string | null;
  criterion: string | null;
  note: string | null;
  /** The plan's policy: the lead completes only after every coordinating unit reported. */
  coordinatorsMustReport: boolean;
}

export class AssignmentDetailRepository {
  /** Read from the plan version the assignment runs under (one row; the IR stays in PostgreSQL). */
  async planWording(db: Queryable, assignmentId: string): Promise<PlanWording | undefined> {
    const { rows } = await db.query<PlanWording>(
      `SELECT p.title AS "planTitle", v.ir #>> '{plan,decision,number}' AS "decisionNumber",
              v.ir #>> '{plan,decision,date}' AS "decisionDate", t.task->>'output' AS output,
              t.task->>'criterion' AS criterion, t.task->>'note' AS note,
              coalesce((v.ir #>> '{plan,coordinatorsMustReport}')::boolean, false) AS "coordinatorsMustReport"
       FROM assignments a JOIN plans p ON p.id = a.plan_id
       JOIN plan_versions v ON v.plan_id = a.plan_id AND v.version = a.plan_version
       LEFT JOIN LATERAL (SELECT jsonb_path_query_first(v.ir, '$.tasks[*] ? (@.id == $t)',
                                                        jsonb_build_object('t', a.task_id)) AS task) t ON true
       WHERE a.id = $1`,
      [assignmentId],
    );
    return rows[0];
  }
}
