import type { Queryable } from './queryable.js';

export interface DigestRow {
  key: string;
  planCode: string;
  recipient: string;
  dueAt: Date;
  content: Record<string, unknown>;
}

export class DigestRepository {
  /** Stores a digest once (its key names plan, recipient and instant). */
  async insert(
    db: Queryable,
    d: { key: string; planCode: string; recipient: string; dueAt: string; content: unknown },
  ): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO digests (key, plan_code, recipient, due_at, content) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO NOTHING`,
      [d.key, d.planCode, d.recipient, d.dueAt, JSON.stringify(d.content)],
    );
    return rowCount === 1;
  }

  async listByPlan(db: Queryable, planCode: string): Promise<DigestRow[]> {
    const { rows } = await db.query<DigestRow>(
      `SELECT key, plan_code AS "planCode", recipient, due_at AS "dueAt", content
       FROM digests WHERE plan_code = $1 ORDER BY due_at, recipient`,
      [planCode],
    );
    return rows;
  }

  /** Digests addressed to any of the recipients, in the plans of an issuer, newest first. */
  async listFor(
    db: Queryable,
    f: { issuerId: string; recipients: readonly string[] | null; planCode?: string; limit: number },
  ): Promise<DigestRow[]> {
    const { rows } = await db.query<DigestRow>(
      `SELECT d.key, d.plan_code AS "planCode", d.recipient, d.due_at AS "dueAt", d.content
     FROM digests d JOIN plans p ON p.code = d.plan_code
     WHERE p.issuer_id = $1 AND ($2::text[] IS NULL OR d.recipient = ANY($2))
       AND ($3::text IS NULL OR d.plan_code = $3)
     ORDER BY d.due_at DESC, d.recipient LIMIT $4`,
      [f.issuerId, f.recipients, f.planCode ?? null, f.limit],
    );
    return rows;
  }
}
