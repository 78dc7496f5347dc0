import type { Queryable } from './queryable.js';

export interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export class SessionRepository {
  async create(
    db: Queryable,
    s: { userId: string; ttlHours: number; ip?: string; userAgent?: string },
  ): Promise<SessionRow> {
    const { rows } = await db.query<SessionRow>(
      `INSERT INTO sessions (user_id, expires_at, ip, user_agent)
       VALUES ($1, now() + make_interval(hours => $2), $3, $4)
       RETURNING id, user_id AS "userId", expires_at AS "expiresAt", revoked_at AS "revokedAt"`,
      [s.userId, s.ttlHours, s.ip ?? null, s.userAgent?.slice(0, 300) ?? null],
    );
    return rows[0]!;
  }

  /** The session if it is still valid: not expired, not revoked, its user active. */
  async findValid(db: Queryable, id: string): Promise<SessionRow | undefined> {
    const { rows } = await db.query<SessionRow>(
      `SELECT s.id, s.user_id AS "userId", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [id],
    );
    return rows[0];
  }

  async revoke(db: Queryable, id: string): Promise<void> {
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }
}
