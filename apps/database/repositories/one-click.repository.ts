import type { Queryable } from './queryable.js';

export type SpendResult = 'spent' | 'already_used' | 'expired' | 'unknown';

/** What a one-click page tells about the assignment behind a link. */
export interface OneClickAssignment {
  title: string;
  unitName: string;
  dueAt: Date | null;
  status: string;
  /** The acknowledgement, when there is one: when, and who (a login, or 'one-click-link'), with the user's name. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
}

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

  /** The task, unit and deadline of an assignment, and who acknowledged it when (from its event). */
  async assignment(db: Queryable, assignmentId: string): Promise<OneClickAssignment | undefined> {
    const { rows } = await db.query<OneClickAssignment>(
      `SELECT a.title, u.name AS "unitName", a.due_at AS "dueAt", a.status,
              coalesce(e.occurred_at, a.acknowledged_at) AS "acknowledgedAt", e.actor AS "acknowledgedBy",
              us.display_name AS "acknowledgedByName"
       FROM assignments a JOIN units u ON u.id = a.unit_id
       LEFT JOIN LATERAL (SELECT actor, occurred_at FROM events
                          WHERE assignment_id = a.id AND type = 'acknowledged'
                          ORDER BY occurred_at DESC, seq DESC LIMIT 1) e ON true
       LEFT JOIN users us ON us.login = e.actor AND us.issuer_id = u.issuer_id
       WHERE a.id = $1`,
      [assignmentId],
    );
    return rows[0];
  }
}
