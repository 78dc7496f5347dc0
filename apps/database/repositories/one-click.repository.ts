import type { Queryable } from './queryable.js';

export type SpendResult = 'spent' | 'already_used' | 'expired' | 'unknown';

export class OneClickRepository {
  async insert(db: Queryable, t: { id: string; assignmentId: string; expiresAt: Date }): Promise<void> {
    await db.query(`INSERT INTO one_click_tokens (id, assignment_id, expires_at) VALUES ($1, $2, $3)`, [
      t.id,
      t.assignmentId,
      t.expiresAt,
    ]);
  }

  /**
   * Marks the token used if it is still unused and unexpired, in one statement: of two concurrent clicks
   * exactly one gets 'spent'. The outer SELECT sees the row as it was before the UPDATE, which tells why a
   * token was refused.
   */
  async spend(db: Queryable, id: string, now: Date): Promise<SpendResult> {
    const { rows } = await db.query<{
      spent: boolean;
      found: boolean;
      usedAt: Date | null;
      expiresAt: Date | null;
    }>(
      `WITH spent AS (
         UPDATE one_click_tokens SET used_at = $2
         WHERE id = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING id
       )
       SELECT EXISTS (SELECT 1 FROM spent) AS spent, t.id IS NOT NULL AS found,
              t.used_at AS "usedAt", t.expires_at AS "expiresAt"
       FROM (SELECT 1) AS one LEFT JOIN one_click_tokens t ON t.id = $1`,
      [id, now],
    );
    const r = rows[0]!;
    if (r.spent) return 'spent';
    if (!r.found) return 'unknown';
    if (r.usedAt) return 'already_used';
    if (r.expiresAt && r.expiresAt.getTime() <= now.getTime()) return 'expired';
    // Unused and unexpired before this statement, yet not spent by it: a concurrent click spent it first.
    return 'already_used';
  }

  async find(
    db: Queryable,
    id: string,
  ): Promise<{ id: string; assignmentId: string; expiresAt: Date; usedAt: Date | null } | undefined> {
    const { rows } = await db.query<{
      id: string;
      assignmentId: string;
      expiresAt: Date;
      usedAt: Date | null;
    }>(
      `SELECT id, assignment_id AS "assignmentId", expires_at AS "expiresAt", used_at AS "usedAt"
       FROM one_click_tokens WHERE id = $1`,
      [id],
    );
    return rows[0];
  }
}
