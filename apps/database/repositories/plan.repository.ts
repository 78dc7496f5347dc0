import type { Queryable } from './queryable.js';

export interface PlanVersionRow {
  planId: string;
  version: number;
  irHash: string;
  publishedAt: Date | null;
}

export class PlanRepository {
  /** The plan of an issuer with this code, created on first publication. */
  async ensurePlan(
    db: Queryable,
    p: { issuerId: string; code: string; title: string; year: number },
  ): Promise<string> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO plans (issuer_id, code, title, year) VALUES ($1, $2, $3, $4)
       ON CONFLICT (issuer_id, code) DO UPDATE SET title = EXCLUDED.title
       RETURNING id`,
      [p.issuerId, p.code, p.title, p.year],
    );
    return rows[0]!.id;
  }

  /**
   * The version holding this IR (same hash), or a new one numbered after the last, with every file of the plan
   * and the day tracking started when the publisher chose one (else the header's publication date).
   */
  async ensureVersion(
    db: Queryable,
    v: {
      planId: string;
      source: string;
      ir: unknown;
      irHash: string;
      author: string;
      files?: PlanFiles;
      startOn?: string;
    },
  ): Promise<PlanVersionRow> {
    const existing = await db.query<PlanVersionRow>(
      `SELECT plan_id AS "planId", version, ir_hash AS "irHash", published_at AS "publishedAt"
       FROM plan_versions WHERE plan_id = $1 AND ir_hash = $2`,
      [v.planId, v.irHash],
    );
    if (existing.rows[0]) return existing.rows[0];
    const { rows } = await db.query<PlanVersionRow>(
      `INSERT INTO plan_versions (plan_id, version, source, ir, ir_hash, author, entry, files, start_on)
       VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM plan_versions WHERE plan_id = $1), $2, $3, $4, $5,
               $6, $7, $8)
       RETURNING plan_id AS "planId", version, ir_hash AS "irHash", published_at AS "publishedAt"`,
      [
        v.planId,
        v.source,
        JSON.stringify(v.ir),
        v.irHash,
        v.author,
        v.files?.entry ?? null,
        v.files ? JSON.stringify(v.files.files) : null,
        v.startOn ?? null,
      ],
    );
    return rows[0]!;
  }

  /** The compiled IR of one version (large for big plans: callers cache it). */
  async getIr(db: Queryable, planId: string, version: number): Promise<unknown> {
    const { rows } = await db.query<{ ir: unknown }>(
      `SELECT ir FROM plan_versions WHERE plan_id = $1 AND version = $2`,
      [planId, version],
    );
    if (!rows[0]) throw new Error(`plan ${planId} has no version ${version}`);
    return rows[0].ir;
  }

  async findByCode(
    db: Queryable,
    code: string,
  ): Promise<{ id: string; issuerId: string; code: string; latestVersion: number | null } | undefined> {
    const { rows } = await db.query<{
      id: string;
      issuerId: string;
      code: string;
      latestVersion: number | null;
    }>(
      `SELECT p.id, p.issuer_id AS "issuerId", p.code,
              (SELECT max(version) FROM plan_versions v WHERE v.plan_id = p.id AND v.published_at IS NOT NULL)
                AS "latestVersion"
       FROM plans p WHERE p.code = $1`,
      [code],
    );
    return rows[0];
  }

  async markPublished(db: Queryable, planId: string, version: number): Promise<void> {
    await db.query(
      `UPDATE plan_versions SET published_at = coalesce(published_at, now()) WHERE plan_id = $1 AND version = $2`,
      [planId, version],
    );
  }

  async setPublishedBy(db: Queryable, planId: string, version: number, userId: string): Promise<void> {
    await db.query(`UPDATE plan_versions SET published_by = $3 WHERE plan_id = $1 AND version = $2`, [
      planId,
      version,
      userId,
    ]);
  }

  /** The plans of an issuer with their latest published version and assignment counts by status. */
  async listOf(db: Queryable, issuerId: string): Promise<PlanSummary[]> {
    const { rows } = await db.query<PlanSummary>(
      `SELECT p.code, p.title, p.year, p.created_at AS "createdAt",
              (SELECT max(version) FROM plan_versions v WHERE v.plan_id = p.id AND v.published_at IS NOT NULL)
                AS "publishedVersion",
              (SELECT max(published_at) FROM plan_versions v WHERE v.plan_id = p.id) AS "publishedAt",
              (SELECT count(*)::int FROM assignments a WHERE a.plan_id = p.id) AS assignments,
              (SELECT count(*)::int FROM assignments a WHERE a.plan_id = p.id AND a.overdue
                 AND a.status NOT IN ('done', 'cancelled')) AS overdue
       FROM plans p WHERE p.issuer_id = $1 ORDER BY p.year DESC, p.title`,
      [issuerId],
    );
    return rows;
  }

  async versions(db: Queryable, planId: string): Promise<VersionSummary[]> {
    const { rows } = await db.query<VersionSummary>(
      `SELECT v.version, v.ir_hash AS "irHash", v.author, v.created_at AS "createdAt",
              v.published_at AS "publishedAt", u.login AS "publishedBy"
       FROM plan_versions v LEFT JOIN users u ON u.id = v.published_by
       WHERE v.plan_id = $1 ORDER BY v.version`,
      [planId],
    );
    return rows;
  }

  /** The text stored with a version: the entry file, or the JSON of every file (versions stored before files). */
  async source(db: Queryable, planId: string, version: number): Promise<string | undefined> {
    const { rows } = await db.query<{ source: string }>(
      `SELECT source FROM plan_versions WHERE plan_id = $1 AND version = $2`,
      [planId, version],
    );
    return rows[0]?.source;
  }

  /**
   * Every file of a version as it was published, and the day tracking started when the publisher chose one.
   * Versions stored before files were kept have them in `source`: one text, or the JSON of entry and files.
   */
  async files(db: Queryable, planId: string, version: number): Promise<StoredPlanFiles | undefined> {
    const { rows } = await db.query<{
      source: string;
      entry: string | null;
      files: Record<string, string> | null;
      startOn: string | null;
      publishedOn: string | null;
    }>(
      `SELECT source, entry, files, to_char(start_on, 'YYYY-MM-DD') AS "startOn",
              ir -> 'plan' ->> 'publishedOn' AS "publishedOn"
       FROM plan_versions WHERE plan_id = $1 AND version = $2`,
      [planId, version],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.entry !== null && row.files !== null)
      return { entry: row.entry, files: row.files, startOn: row.startOn ?? null };
    // Stored before the start was recorded: the day it was compiled with (the header's, or the day `npm start`
    // published it), so that the unchanged plan compiles to the same assignments.
    return { ...legacySources(row.source), startOn: row.publishedOn };
  }
}

/** A plan's files: the entry file's name and every file by its path relative to the entry. */
export interface PlanFiles {
  entry: string;
  files: Record<string, string>;
}

export interface StoredPlanFiles extends PlanFiles {
  /** The day tracking started (yyyy-mm-dd) when it is not the header's publication date. */
  startOn: string | null;
}

/** The file name of a plan stored as one text. */
export const SINGLE_FILE = 'ke-hoach.dondoc';

function legacySources(source: string): PlanFiles {
  if (source.trimStart().startsWith('{')) {
    try {
      const s = JSON.parse(source) as Partial<PlanFiles>;
      if (typeof s.entry === 'string' && s.files && typeof s.files[s.entry] === 'string')
        return { entry: s.entry, files: s.files };
    } catch {
      // a plan text that starts with a brace is still a plan text
    }
  }
  return { entry: SINGLE_FILE, files: { [SINGLE_FILE]: source } };
}

export interface PlanSummary {
  code: string;
  title: string;
  year: number;
  createdAt: Date;
  publishedVersion: number | null;
  publishedAt: Date | null;
  assignments: number;
  overdue: number;
}

export interface VersionSummary {
  version: number;
  irHash: string;
  author: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}
