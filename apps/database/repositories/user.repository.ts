import type { Queryable } from './queryable.js';

export type Role =
  | 'admin'
  | 'home_affairs'
  | 'unit_member'
  | 'chairperson'
  | 'viewer'
  /** The head of a unit (trưởng đơn vị): acts for it and manages its officers. */
  | 'unit_head'
  /** An officer (chuyên viên) of a unit: does the work given to them. */
  | 'officer';

/** The languages people read the product in (the web app, e-mails); Vietnamese unless English is asked for. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface UserRow {
  id: string;
  issuerId: string;
  login: string;
  displayName: string;
  email: string | null;
  personCode: string | null;
  passwordHash: string;
  active: boolean;
  /** The language of the user's mail and, once signed in, of the web app. */
  lang: Language;
}

export interface RoleGrant {
  role: Role;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
}

const COLUMNS = `u.id, u.issuer_id AS "issuerId", u.login, u.display_name AS "displayName", u.email,
  u.person_code AS "personCode", u.password_hash AS "passwordHash", u.active, u.lang`;

export class UserRepository {
  async findByLogin(db: Queryable, login: string): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u WHERE u.login = $1`, [login]);
    return rows[0];
  }

  async findById(db: Queryable, id: string): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return rows[0];
  }

  /** Sets the user's language; the language saved, or undefined when there is no such user. */
  async setLanguage(db: Queryable, userId: string, lang: Language): Promise<Language | undefined> {
    const { rows } = await db.query<{ lang: Language }>(
      `UPDATE users SET lang = $2, updated_at = now() WHERE id = $1 RETURNING lang`,
      [userId, lang],
    );
    return rows[0]?.lang;
  }

  /**
   * What people read for the users behind logins (actors of events and extension requests): the display name and
   * the unit the user works for (a member's unit first, then any unit a role names; none for issuer-wide roles).
   */
  async namesByLogin(
    db: Queryable,
    issuerId: string,
    logins: readonly string[],
  ): Promise<{ login: string; displayName: string; unitName: string | null }[]> {
    if (logins.length === 0) return [];
    const { rows } = await db.query<{ login: string; displayName: string; unitName: string | null }>(
      `SELECT u.login, u.display_name AS "displayName",
              (SELECT un.name FROM user_roles r JOIN units un ON un.id = r.unit_id WHERE r.user_id = u.id
               ORDER BY (r.role = 'unit_member') DESC, un.code LIMIT 1) AS "unitName"
       FROM users u WHERE u.issuer_id = $1 AND u.login = ANY($2::text[])`,
      [issuerId, [...new Set(logins)]],
    );
    return rows;
  }

  async roles(db: Queryable, userId: string): Promise<RoleGrant[]> {
    const { rows } = await db.query<RoleGrant>(
      `SELECT r.role, r.unit_id AS "unitId", un.code AS "unitCode", un.name AS "unitName"
       FROM user_roles r LEFT JOIN units un ON un.id = r.unit_id WHERE r.user_id = $1
       ORDER BY r.role, un.code`,
      [userId],
    );
    return rows;
  }

  /** The units a set of units covers: themselves and every unit under them. */
  async unitsUnder(db: Queryable, unitIds: readonly number[]): Promise<number[]> {
    if (unitIds.length === 0) return [];
    const { rows } = await db.query<{ id: number }>(
      `WITH RECURSIVE tree AS (
         SELECT id FROM units WHERE id = ANY($1::bigint[])
         UNION SELECT c.id FROM units c JOIN tree t ON c.parent_id = t.id)
       SELECT id FROM tree`,
      [unitIds],
    );
    return rows.map((r) => r.id);
  }

  /** Creates or updates a user by login, with exactly the roles given (unit codes of the user's issuer). */
  async upsert(
    db: Queryable,
    u: {
      issuerId: string;
      login: string;
      displayName: string;
      email?: string;
      personCode?: string;
      passwordHash: string;
      roles: { role: Role; unitCode?: string }[];
    },
  ): Promise<string> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (issuer_id, login, display_name, email, person_code, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (login) DO UPDATE SET issuer_id = EXCLUDED.issuer_id, display_name = EXCLUDED.display_name,
         email = EXCLUDED.email, person_code = EXCLUDED.person_code, password_hash = EXCLUDED.password_hash,
         updated_at = now()
       RETURNING id`,
      [u.issuerId, u.login, u.displayName, u.email ?? null, u.personCode ?? null, u.passwordHash],
    );
    const id = rows[0]!.id;
    await db.query(`DELETE FROM user_roles WHERE user_id = $1`, [id]);
    for (const r of u.roles) {
      await db.query(
        `INSERT INTO user_roles (user_id, role, unit_id)
         VALUES ($1, $2, (SELECT id FROM units WHERE issuer_id = $3 AND code = $4))`,
        [id, r.role, u.issuerId, r.unitCode ?? null],
      );
    }
    return id;
  }
}
