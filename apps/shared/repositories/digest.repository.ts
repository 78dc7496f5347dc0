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
}
