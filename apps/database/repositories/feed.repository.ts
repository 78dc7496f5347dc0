import type { Queryable } from './queryable.js';

/** The secret of each unit's iCal feed URL. */
export class FeedRepository {
  /** The unit's secret, created with `fresh` on first use. */
  async ensure(db: Queryable, unitId: number, fresh: string): Promise<string> {
    const { rows } = await db.query<{ secret: string }>(
      `INSERT INTO unit_feeds (unit_id, secret) VALUES ($1, $2)
       ON CONFLICT (unit_id) DO UPDATE SET unit_id = EXCLUDED.unit_id RETURNING secret`,
      [unitId, fresh],
    );
    return rows[0]!.secret;
  }

  async rotate(db: Queryable, unitId: number, fresh: string): Promise<string> {
    await db.query(
      `INSERT INTO unit_feeds (unit_id, secret) VALUES ($1, $2)
       ON CONFLICT (unit_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now()`,
      [unitId, fresh],
    );
    return fresh;
  }

  async unitOf(db: Queryable, secret: string): Promise<number | undefined> {
    const { rows } = await db.query<{ unitId: number }>(
      `SELECT unit_id AS "unitId" FROM unit_feeds WHERE secret = $1`,
      [secret],
    );
    return rows[0]?.unitId;
  }
}
