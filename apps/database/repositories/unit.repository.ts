import type { Queryable } from './queryable.js';
import type { Language } from './user.repository.js';

export interface UnitRow {
  id: number;
  issuerId: string;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  email: string | null;
  headName: string | null;
}

export interface UnitInput {
  issuerId: string;
  code: string;
  name: string;
  kind: string;
  parentCode?: string;
  email?: string;
  headName?: string;
}

const COLUMNS = `id, issuer_id AS "issuerId", code, name, kind, parent_id AS "parentId", email, head_name AS "headName"`;

export class UnitRepository {
  async ensureIssuer(db: Queryable, id: string, name: string): Promise<void> {
    await db.query(
      `INSERT INTO issuers (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
      [id, name],
    );
  }

  /** Insert or update by (issuer, code); the parent must already exist. */
  async upsert(db: Queryable, u: UnitInput): Promise<UnitRow> {
    const { rows } = await db.query<UnitRow>(
      `INSERT INTO units (issuer_id, code, name, kind, parent_id, email, head_name)
       VALUES ($1, $2, $3, $4, (SELECT id FROM units WHERE issuer_id = $1 AND code = $5), $6, $7)
       ON CONFLICT (issuer_id, code) DO UPDATE SET
         name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
         email = EXCLUDED.email, head_name = EXCLUDED.head_name, updated_at = now()
       RETURNING ${COLUMNS}`,
      [u.issuerId, u.code, u.name, u.kind, u.parentCode ?? null, u.email ?? null, u.headName ?? null],
    );
    return rows[0]!;
  }

  /** Sets the language of the unit's mail (publishing a plan keeps it); false when there is no such unit. */
  async setLanguage(db: Queryable, issuerId: string, code: string, lang: Language): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE units SET lang = $3, updated_at = now() WHERE issuer_id = $1 AND code = $2`,
      [issuerId, code, lang],
    );
    return rowCount === 1;
  }

  async findById(db: Queryable, id: number): Promise<UnitRow | undefined> {
    const { rows } = await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE id = $1`, [id]);
    return rows[0];
  }

  async findByCode(db: Queryable, issuerId: string, code: string): Promise<UnitRow | undefined> {
    const { rows } = await db.query<UnitRow>(
      `SELECT ${COLUMNS} FROM units WHERE issuer_id = $1 AND code = $2`,
      [issuerId, code],
    );
    return rows[0];
  }

  async listByIssuer(db: Queryable, issuerId: string): Promise<UnitRow[]> {
    const { rows } = await db.query<UnitRow>(
      `SELECT ${COLUMNS} FROM units WHERE issuer_id = $1 ORDER BY name COLLATE vi, code`,
      [issuerId],
    );
    return rows;
  }
}
