import type { Queryable } from './queryable.js';

/** A report the plan defines: what can be generated for any period or date. */
export interface ReportDefinition {
  id: string;
  title: string;
  periods: { period: string; windowFrom: string; windowTo: string; cutOffAt: string }[];
}

/** An assignment's state as of an instant, read from the last event at or before it. */
export interface AssignmentStateAt {
  assignmentId: string;
  taskId: string;
  occurrence: string;
  kind: 'deadline' | 'ongoing';
  unitCode: string;
  unitName: string;
  unitKind: string;
  /** null when nothing was recorded by then (the assignment had not started). */
  status: string | null;
  dueAt: string | null;
  dueDate: string | null;
  completedAt: string | null;
  completedLate: boolean | null;
  escalationLevel: number;
  /** The coordinating units and how many contributions each had reported by then; null when there are none. */
  coordinators?: { code: string; name: string; contributions: number }[] | null;
}

export interface EvidenceAt {
  assignmentId: string;
  completedAt: Date;
  evidence: { documentNumber?: string; documentDate?: string; link?: string; note?: string } | null;
  late: boolean;
}

export interface ReportRun {
  key: string;
  planId: string;
  reportId: string;
  period: string;
  cutOffAt: Date;
  asOf: Date;
  issuedBy: string;
  createdAt: Date;
  content: unknown;
}

const RUN_SELECT = `SELECT key, plan_id AS "planId", report_id AS "reportId", period, cut_off_at AS "cutOffAt",
  as_of AS "asOf", issued_by AS "issuedBy", created_at AS "createdAt", content FROM report_runs`;

export class ReportRepository {
  /**
   * Every assignment of a plan with its state as of `at`: the state stored with its last event at or before
   * `at` (events carry the state after them). Cancelled assignments are left out.
   */
  async statesAt(db: Queryable, planId: string, at: string): Promise<AssignmentStateAt[]> {
    const { rows } = await db.query<AssignmentStateAt>(
      `WITH last AS (
         SELECT DISTINCT ON (e.assignment_id) e.assignment_id, e.payload->'state' AS s
         FROM events e
         WHERE e.plan_id = $1 AND e.assignment_id IS NOT NULL AND e.occurred_at <= $2
         ORDER BY e.assignment_id, e.occurred_at DESC, e.seq DESC)
       SELECT a.id AS "assignmentId", a.task_id AS "taskId", a.occurrence, a.kind,
              u.code AS "unitCode", u.name AS "unitName", u.kind AS "unitKind",
              -- An event before the assignment's period began (an amendment) leaves it not yet due.
              CASE WHEN coalesce((last.s->>'active')::boolean, true) THEN last.s->>'status' END AS status,
              last.s->>'dueAt' AS "dueAt", last.s->>'dueDate' AS "dueDate",
              last.s->>'completedAt' AS "completedAt", (last.s->>'completedLate')::boolean AS "completedLate",
              coalesce((last.s->>'escalationLevel')::int, 0) AS "escalationLevel",
              last.s->'coordinators' AS coordinators
       FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN last ON last.assignment_id = a.id
       WHERE a.plan_id = $1 AND coalesce(last.s->>'status', '') <> 'cancelled'`,
      [planId, at],
    );
    return rows;
  }

  /** The same shape from the projection: the state right now, without reading the log. */
  async statesNow(db: Queryable, planId: string): Promise<AssignmentStateAt[]> {
    const { rows } = await db.query<AssignmentStateAt>(
      `SELECT a.id AS "assignmentId", a.task_id AS "taskId", a.occurrence, a.kind,
              u.code AS "unitCode", u.name AS "unitName", u.kind AS "unitKind",
              CASE WHEN a.active THEN a.status END AS status,
              to_char(a.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "dueAt",
              to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate",
              to_char(a.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "completedAt",
              a.completed_late AS "completedLate", a.escalation_level AS "escalationLevel",
              (SELECT jsonb_agg(jsonb_build_object('code', cu.code, 'name', cu.name,
                                                   'contributions', c.contributions) ORDER BY c.position)
               FROM assignment_coordinators c JOIN units cu ON cu.id = c.unit_id
               WHERE c.assignment_id = a.id) AS coordinators
       FROM assignments a JOIN units u ON u.id = a.unit_id
       WHERE a.plan_id = $1 AND a.status <> 'cancelled'`,
      [planId],
    );
    return rows;
  }

  /** The evidence of every assignment completed by `at` (the last completion, if it was reopened since). */
  async evidenceAt(db: Queryable, planId: string, at: string): Promise<EvidenceAt[]> {
    const { rows } = await db.query<EvidenceAt>(
      `SELECT DISTINCT ON (e.assignment_id) e.assignment_id AS "assignmentId", e.occurred_at AS "completedAt",
              e.payload->'evidence' AS evidence, coalesce((e.payload->>'late')::boolean, false) AS late
       FROM events e
       WHERE e.plan_id = $1 AND e.type = 'completed' AND e.occurred_at <= $2
       ORDER BY e.assignment_id, e.occurred_at DESC, e.seq DESC`,
      [planId, at],
    );
    return rows;
  }

  /** Issues a run once: the row is immutable, a second insert with the same key changes nothing. */
  async insertRun(
    db: Queryable,
    r: {
      key: string;
      planId: string;
      reportId: string;
      period: string;
      cutOffAt: string;
      asOf?: string;
      issuedBy?: string;
      content: unknown;
    },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO report_runs (key, plan_id, report_id, period, cut_off_at, as_of, issued_by, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
      [
        r.key,
        r.planId,
        r.reportId,
        r.period,
        r.cutOffAt,
        r.asOf ?? r.cutOffAt,
        r.issuedBy ?? 'schedule',
        JSON.stringify(r.content),
      ],
    );
    return rowCount === 1;
  }

  async findRun(db: Queryable, key: string): Promise<ReportRun | undefined> {
    const { rows } = await db.query<ReportRun>(`${RUN_SELECT} WHERE key = $1`, [key]);
    return rows[0];
  }

  /** Runs of the plans of an issuer, newest first, without their content. */
  /** The reports the latest published version of a plan defines, with their periods (from its IR). */
  async definitionsOf(db: Queryable, issuerCode: string, planCode: string): Promise<ReportDefinition[]> {
    const { rows } = await db.query<ReportDefinition>(
      `SELECT r->>'id' AS id, r->>'title' AS title,
              (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'period', o->>'period', 'windowFrom', o->>'windowFrom', 'windowTo', o->>'windowTo',
                        'cutOffAt', o->>'cutOffAt') ORDER BY o->>'cutOffAt'), '[]'::jsonb)
               FROM jsonb_array_elements(r->'occurrences') o) AS periods
       FROM plans p
       JOIN LATERAL (SELECT ir FROM plan_versions v WHERE v.plan_id = p.id AND v.published_at IS NOT NULL
                     ORDER BY v.version DESC LIMIT 1) v ON true
       CROSS JOIN LATERAL jsonb_array_elements(v.ir->'reports') r
       WHERE p.issuer_id = $1 AND p.code = $2
       ORDER BY r->>'id'`,
      [issuerCode, planCode],
    );
    return rows;
  }

  async listRunsOf(
    db: Queryable,
    filter: { issuerCode: string; planCode?: string; withinUnits?: string[]; limit: number },
  ): Promise<(Omit<ReportRun, 'content'> & { planCode: string; title: string })[]> {
    // withinUnits: only runs every unit of which is in the list (a report is read whole or not at all).
    const { rows } = await db.query<Omit<ReportRun, 'content'> & { planCode: string; title: string }>(
      `SELECT r.key, r.plan_id AS "planId", p.code AS "planCode", r.report_id AS "reportId", r.period,
              r.cut_off_at AS "cutOffAt", r.as_of AS "asOf", r.issued_by AS "issuedBy", r.created_at AS "createdAt",
              r.content->'report'->>'title' AS title
       FROM report_runs r JOIN plans p ON p.id = r.plan_id
       WHERE p.issuer_id = $1 AND ($2::text IS NULL OR p.code = $2)
         AND ($4::text[] IS NULL OR NOT EXISTS (
               SELECT 1 FROM jsonb_array_elements(r.content->'byUnit') u
               WHERE NOT (u->'unit'->>'code' = ANY($4))))
       ORDER BY r.cut_off_at DESC, r.key LIMIT $3`,
      [filter.issuerCode, filter.planCode ?? null, filter.limit, filter.withinUnits ?? null],
    );
    return rows;
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
