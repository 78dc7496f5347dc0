import type { Queryable } from './queryable.js';

/** The columns a queue may be sorted by, and the SQL of each (names sort with the Vietnamese collation). */
export const QUEUE_SORTS = {
  due: 'a.due_at',
  unit: 'u.name',
  title: 'a.title',
  status: 'a.status',
  progress: 'a.progress_percent',
  escalation: 'a.escalation_level',
  updated: 'a.last_event_at',
} as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export interface QueueFilter {
  issuerId: string;
  /** null: every unit of the issuer. */
  unitIds: readonly number[] | null;
  planCode?: string | undefined;
  unitCode?: string | undefined;
  area?: string | undefined;
  /** The plan's task id ("1.2"), exact. */
  taskId?: string | undefined;
  statuses?: readonly string[] | undefined;
  overdue?: boolean | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** At least this escalation step. */
  escalationMin?: number | undefined;
  /** Words to find in titles and notes, with or without diacritics. */
  search?: string | undefined;
  /** With coordinating units (true) or without (false). */
  coordination?: boolean | undefined;
  /** The login of the officer the work is given to. */
  officer?: string | undefined;
  includeInactive?: boolean | undefined;
  sort: QueueSort;
  desc: boolean;
}

export interface QueueRow {
  id: string;
  taskId: string;
  occurrence: string;
  unitCode: string;
  unitName: string;
  title: string;
  area: string | null;
  dueAt: Date | null;
  dueDate: string | null;
  status: string;
  progressPercent: number;
  escalationLevel: number;
  overdue: boolean;
  active: boolean;
  completedLate: boolean | null;
  planCode: string | null;
  lastEventAt: Date | null;
  extensionPending: boolean;
  officerLogin: string | null;
  officerName: string | null;
}

/** An officer who has work in the queue's scope, for the officer filter. */
export interface QueueOfficer {
  login: string;
  name: string;
  unitName: string;
}

const COLUMNS = `a.id, a.task_id AS "taskId", a.occurrence, u.code AS "unitCode", u.name AS "unitName", a.title,
  a.area, a.due_at AS "dueAt", to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.status,
  a.progress_percent AS "progressPercent", a.escalation_level AS "escalationLevel", a.overdue, a.active,
  a.completed_late AS "completedLate", p.code AS "planCode", a.last_event_at AS "lastEventAt",
  EXISTS (SELECT 1 FROM extension_requests x WHERE x.assignment_id = a.id AND x.status = 'pending')
    AS "extensionPending", a.officer_login AS "officerLogin",
  (SELECT display_name FROM users ou WHERE ou.login = a.officer_login) AS "officerName"`;
const FROM = `FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN plans p ON p.id = a.plan_id`;

/**
 * A search as LIKE patterns on the folded text, one per word, all of which must be found ("bao cao hang quy"
 * finds "Báo cáo CCHC hằng quý"). Words of three letters or more give the trigram index something to use; shorter
 * ones ("so", "ho") are checked on the rows it finds. The wildcards people type are taken literally.
 */
export function searchPatterns(search: string | undefined): string[] {
  return (search ?? '')
    .normalize('NFC')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8)
    .map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** The Home Affairs queue: every assignment in scope, filtered, searched, sorted and paged by PostgreSQL. */
export class QueueRepository {
  /** The officers who have work in scope (every status), by unit then name. */
  async officers(
    db: Queryable,
    issuerId: string,
    unitIds: readonly number[] | null,
  ): Promise<QueueOfficer[]> {
    const { rows } = await db.query<QueueOfficer>(
      `SELECT DISTINCT o.login, o.display_name AS name, u.name AS "unitName"
       FROM assignments a JOIN units u ON u.id = a.unit_id JOIN users o ON o.login = a.officer_login
       WHERE u.issuer_id = $1 AND ($2::bigint[] IS NULL OR a.unit_id = ANY($2))
       ORDER BY u.name, o.display_name`,
      [issuerId, unitIds],
    );
    return rows;
  }

  /** The WHERE clause and its parameters (shared by the page, the count, the export and the bench). */
  where(f: QueueFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const and: string[] = [`u.issuer_id = ${p(f.issuerId)}`];
    if (f.unitIds) and.push(`a.unit_id = ANY(${p(f.unitIds)}::bigint[])`);
    if (f.planCode)
      and.push(`a.plan_id = (SELECT id FROM plans WHERE issuer_id = $1 AND code = ${p(f.planCode)})`);
    if (f.unitCode) and.push(`u.code = ${p(f.unitCode)}`);
    if (f.area) and.push(`a.area = ${p(f.area)}`);
    if (f.taskId) and.push(`a.task_id = ${p(f.taskId)}`);
    if (f.statuses?.length) and.push(`a.status = ANY(${p(f.statuses)}::text[])`);
    if (f.overdue !== undefined) and.push(`a.overdue = ${p(f.overdue)}`);
    if (f.dueFrom) and.push(`a.due_date >= ${p(f.dueFrom)}::date`);
    if (f.dueTo) and.push(`a.due_date <= ${p(f.dueTo)}::date`);
    if (f.escalationMin !== undefined) and.push(`a.escalation_level >= ${p(f.escalationMin)}`);
    for (const pattern of searchPatterns(f.search)) and.push(`a.search_text LIKE dondoc_fold(${p(pattern)})`);
    if (f.coordination !== undefined)
      and.push(
        `${f.coordination ? '' : 'NOT '}EXISTS (SELECT 1 FROM assignment_coordinators c WHERE c.assignment_id = a.id)`,
      );
    if (f.officer !== undefined) and.push(`a.officer_login = ${p(f.officer)}`);
    if (!f.includeInactive) and.push('a.active');
    return { sql: and.join(' AND '), params };
  }

  /** The SQL of one page (exposed so that the bench can run the very same statement bare). */
  pageSql(f: QueueFilter, limit: number, offset: number): { sql: string; params: unknown[] } {
    const w = this.where(f);
    const dir = f.desc ? 'DESC' : 'ASC';
    const sql = `SELECT ${COLUMNS} ${FROM} WHERE ${w.sql}
      ORDER BY ${QUEUE_SORTS[f.sort]} ${dir} NULLS LAST, a.id ${dir}
      LIMIT ${Number(limit)} OFFSET ${Number(offset)}`;
    return { sql, params: w.params };
  }

  async page(
    db: Queryable,
    f: QueueFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: QueueRow[]; total: number }> {
    const page = this.pageSql(f, limit, offset);
    const w = this.where(f);
    const [rows, count] = await Promise.all([
      db.query<QueueRow>(page.sql, page.params),
      db.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${w.sql}`, w.params),
    ]);
    return { rows: rows.rows, total: count.rows[0]!.n };
  }

  /** Only the ids of the given list that are in scope (bulk actions never reach beyond the caller's scope). */
  async visibleIds(
    db: Queryable,
    issuerId: string,
    unitIds: readonly number[] | null,
    ids: readonly string[],
  ): Promise<{ id: string; status: string; title: string }[]> {
    const { rows } = await db.query<{ id: string; status: string; title: string }>(
      `SELECT a.id, a.status, a.title ${FROM} WHERE a.id = ANY($1) AND u.issuer_id = $2
         AND ($3::bigint[] IS NULL OR a.unit_id = ANY($3))`,
      [ids, issuerId, unitIds],
    );
    return rows;
  }

  /** What a reminder mail says of an assignment. */
  async reminderTarget(db: Queryable, id: string): Promise<ReminderTarget | undefined> {
    const { rows } = await db.query<ReminderTarget>(
      `SELECT unit_id AS "unitId", task_id AS "taskId", title, area, occurrence, due_at AS "dueAt"
       FROM assignments WHERE id = $1`,
      [id],
    );
    return rows[0];
  }
}

export interface ReminderTarget {
  unitId: number;
  taskId: string;
  title: string;
  area: string | null;
  occurrence: string;
  dueAt: Date | null;
}

export interface SavedFilterRow {
  id: string;
  name: string;
  query: Record<string, unknown>;
  createdAt: Date;
}

/** A user's named views of the queue. */
export class SavedFilterRepository {
  async list(db: Queryable, userId: string): Promise<SavedFilterRow[]> {
    const { rows } = await db.query<SavedFilterRow>(
      `SELECT id, name, query, created_at AS "createdAt" FROM saved_filters WHERE user_id = $1 ORDER BY name`,
      [userId],
    );
    return rows;
  }

  /** Saves under a name; the same name again replaces that view. */
  async save(
    db: Queryable,
    userId: string,
    name: string,
    query: Record<string, unknown>,
  ): Promise<SavedFilterRow> {
    const { rows } = await db.query<SavedFilterRow>(
      `INSERT INTO saved_filters (user_id, name, query) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, name) DO UPDATE SET query = EXCLUDED.query
       RETURNING id, name, query, created_at AS "createdAt"`,
      [userId, name, JSON.stringify(query)],
    );
    return rows[0]!;
  }

  async remove(db: Queryable, userId: string, id: string): Promise<boolean> {
    const { rowCount } = await db.query(`DELETE FROM saved_filters WHERE user_id = $1 AND id = $2`, [
      userId,
      id,
    ]);
    return (rowCount ?? 0) > 0;
  }
}
