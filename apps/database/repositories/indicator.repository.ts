import type { Queryable } from './queryable.js';

export interface IndicatorValueRow {
  indicatorId: string;
  unitCode: string;
  unitName: string;
  period: string;
  value: number;
  note: string | null;
  enteredAt: Date;
}

/** Indicator values entered by units: one current value per plan, indicator, unit and period. */
export class IndicatorRepository {
  async upsert(
    db: Queryable,
    v: {
      planId: string;
      indicatorId: string;
      unitId: number;
      period: string;
      value: number;
      note?: string;
      enteredBy: string;
      requestId?: string;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO indicator_values (plan_id, indicator_id, unit_id, period, value, note, entered_by, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (plan_id, indicator_id, unit_id, period) DO UPDATE
         SET value = EXCLUDED.value, note = EXCLUDED.note, entered_by = EXCLUDED.entered_by,
             entered_at = now(), request_id = EXCLUDED.request_id`,
      [
        v.planId,
        v.indicatorId,
        v.unitId,
        v.period,
        v.value,
        v.note ?? null,
        v.enteredBy,
        v.requestId ?? null,
      ],
    );
  }

  async valuesFor(db: Queryable, planId: string, period?: string): Promise<IndicatorValueRow[]> {
    const { rows } = await db.query<IndicatorValueRow>(
      `SELECT v.indicator_id AS "indicatorId", u.code AS "unitCode", u.name AS "unitName", v.period,
              v.value::float8 AS value, v.note, v.entered_at AS "enteredAt"
       FROM indicator_values v JOIN units u ON u.id = v.unit_id
       WHERE v.plan_id = $1 AND ($2::text IS NULL OR v.period = $2)
       ORDER BY v.indicator_id, u.name, v.period`,
      [planId, period ?? null],
    );
    return rows;
  }
}
