import type { Queryable } from './queryable.js';

/** A person of a unit, as its head manages them. */
export interface UnitPersonRow {
  login: string;
  displayName: string;
  email: string | null;
  role: string;
  active: boolean;
  /** An invitation waits to be accepted (the account has no password yet). */
  invited: boolean;
  /** Open assignments given to them. */
  openAssignments: number;
}

export interface InvitationRow {
  id: string;
  userId: string;
  login: string;
  displayName: string;
  email: string | null;
  unitId: number;
  unitCode: string;
  unitName: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** People inside units: their accounts, roles and invitations. */
export class PeopleRepository {
  async listUnitPeople(db: Queryable, unitId: number): Promise<UnitPersonRow[]> {
    const { rows } = await db.query<UnitPersonRow>(
      `SELECT us.login, us.display_name AS "displayName", us.email, r.role, us.active,
              EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = us.id AND i.accepted_at IS NULL
                      AND i.revoked_at IS NULL) AND NOT us.active AS invited,
              (SELECT count(*)::int FROM assignments a WHERE a.officer_login = us.login
               AND a.status NOT IN ('done', 'cancelled')) AS "openAssignments"
       FROM user_roles r JOIN users us ON us.id = r.user_id
       WHERE r.unit_id = $1 AND r.role IN ('unit_head', 'unit_member', 'officer')
       ORDER BY (r.role = 'unit_head') DESC, us.active DESC, us.display_name, us.login`,
      [unitId],
    );
    return rows;
  }

  /** An active person holding one of `roles` in the unit, or undefined. */
  async findInUnit(
    db: Queryable,
    unitId: number,
    login: string,
    roles: readonly string[],
  ): Promise<{ userId: string; login: string; displayName: string; email: string | null } | undefined> {
    const { rows } = await db.query<{
      userId: string;
      login: string;
      displayName: string;
      email: string | null;
    }>(
      `SELECT us.id AS "userId", us.login, us.display_name AS "displayName", us.email
       FROM user_roles r JOIN users us ON us.id = r.user_id
       WHERE r.unit_id = $1 AND us.login = $2 AND us.active AND r.role = ANY($3::text[]) LIMIT 1`,
      [unitId, login, roles],
    );
    return rows[0];
  }

  /**
   * The account of an invited officer: created inactive without a usable password, or, for a login already
   * known to the issuer and inactive, given the officer role in the unit. Undefined when the login is an active
   * account or belongs to another issuer.
   */
  async createInvited(
    db: Queryable,
    u: { issuerId: string; login: string; displayName: string; email: string; unitId: number },
  ): Promise<string | undefined> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (issuer_id, login, display_name, email, password_hash, active)
       VALUES ($1, $2, $3, $4, '!invited', false)
       ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
         updated_at = now()
       WHERE users.issuer_id = EXCLUDED.issuer_id AND NOT users.active
       RETURNING id`,
      [u.issuerId, u.login, u.displayName, u.email],
    );
    const id = rows[0]?.id;
    if (!id) return undefined;
    await db.query(
      `INSERT INTO user_roles (user_id, role, unit_id) VALUES ($1, 'officer', $2) ON CONFLICT DO NOTHING`,
      [id, u.unitId],
    );
    return id;
  }

  async insertInvitation(
    db: Queryable,
    i: { id: string; userId: string; unitId: number; invitedBy: string; expiresAt: Date },
  ): Promise<void> {
    // A new invitation replaces any earlier one still open.
    await db.query(
      `UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [i.userId],
    );
    await db.query(
      `INSERT INTO invitations (id, user_id, unit_id, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [i.id, i.userId, i.unitId, i.invitedBy, i.expiresAt],
    );
  }

  async findInvitation(db: Queryable, id: string): Promise<InvitationRow | undefined> {
    const { rows } = await db.query<InvitationRow>(
      `SELECT i.id, i.user_id AS "userId", us.login, us.display_name AS "displayName", us.email,
              i.unit_id::int AS "unitId", un.code AS "unitCode", un.name AS "unitName", i.expires_at AS "expiresAt",
              i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt"
       FROM invitations i JOIN users us ON us.id = i.user_id JOIN units un ON un.id = i.unit_id
       WHERE i.id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * Accepts an invitation once: spends it, sets the password and activates the account, in one statement, so
   * of two concurrent accepts exactly one succeeds. Answers the login, or undefined when it was not spendable.
   */
  async accept(db: Queryable, id: string, passwordHash: string, now: Date): Promise<string | undefined> {
    const { rows } = await db.query<{ login: string }>(
      `WITH spent AS (
         UPDATE invitations SET accepted_at = $3
         WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3
         RETURNING user_id
       )
       UPDATE users SET password_hash = $2, active = true, updated_at = now()
       FROM spent WHERE users.id = spent.user_id RETURNING users.login`,
      [id, passwordHash, now],
    );
    return rows[0]?.login;
  }

  /** Deactivates an account of the unit and ends its sessions; false when there was nothing to deactivate. */
  async deactivate(db: Queryable, unitId: number, login: string): Promise<boolean> {
    const { rows } = await db.query<{ id: string }>(
      `UPDATE users SET active = false, updated_at = now()
       WHERE login = $2 AND active AND id IN (SELECT user_id FROM user_roles WHERE unit_id = $1
                                               AND role IN ('officer', 'unit_member'))
       RETURNING id`,
      [unitId, login],
    );
    const id = rows[0]?.id;
    if (!id) return false;
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    await db.query(
      `UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [id],
    );
    return true;
  }
}
