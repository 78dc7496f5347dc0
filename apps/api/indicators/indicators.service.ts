import { Inject, Injectable } from '@nestjs/common';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import { type Db, withTransaction } from '../../database/pool.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { IndicatorRepository } from '../../database/repositories/indicator.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import { canSeeUnit, hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { DB } from '../tokens.js';

export interface IndicatorEntry {
  plan: string;
  indicator: string;
  unit: string;
  period: string;
  value: number;
  note?: string;
  /** The client's idempotency key; the HTTP request's id otherwise. */
  requestId?: string;
}

@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(IndicatorRepository) private readonly values: IndicatorRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  /** The plan's indicators with the values of the units the caller may see. */
  async list(p: Principal, planCode: string, period?: string) {
    const { ir, planId } = await this.plan(p, planCode);
    const units = await this.units.listByIssuer(this.db, p.issuerCode);
    const idOf = new Map(units.map((u) => [u.code, u.id]));
    const nameOf = new Map(units.map((u) => [u.code, u.name]));
    const values = (await this.values.valuesFor(this.db, planId, period)).filter((v) =>
      canSeeUnit(p, idOf.get(v.unitCode) ?? -1),
    );
    return ir.indicators.map((i) => ({
      id: i.id,
      title: i.title,
      measure: i.measure ?? null,
      target: i.target ?? null,
      reportedBy: i.reportedBy,
      /** The reporting units with their names, for people to read. */
      reportingUnits: i.reportedBy.map((code) => ({ code, name: nameOf.get(code) ?? code })),
      values: values.filter((v) => v.indicatorId === i.id),
    }));
  }

  /** A unit's value for a period (entered again, it replaces the last one); Home Affairs may enter for any unit. */
  async enter(p: Principal, e: IndicatorEntry, requestId: string) {
    const { ir, planId } = await this.plan(p, e.plan);
    const indicator = ir.indicators.find((i) => i.id === e.indicator);
    if (!indicator)
      throw new AppError(
        404,
        'indicator_not_found',
        `Không có chỉ tiêu "${e.indicator}".`,
        `No indicator "${e.indicator}".`,
      );
    const unit = await this.units.findByCode(this.db, p.issuerCode, e.unit);
    const homeAffairs = hasRole(p, 'admin', 'home_affairs');
    if (!unit || !(homeAffairs || p.memberUnitIds.has(unit.id)))
      throw new AppError(
        403,
        'forbidden',
        'Bạn không nhập số liệu cho đơn vị này được.',
        'You may not enter values for this unit.',
      );
    if (!indicator.reportedBy.includes(e.unit))
      throw new AppError(
        422,
        'unit_not_reporting',
        `Đơn vị "${e.unit}" không thuộc các đơn vị báo cáo chỉ tiêu này.`,
        `Unit "${e.unit}" does not report this indicator.`,
      );
    await withTransaction(this.db, async (tx) => {
      await this.values.upsert(tx, {
        planId,
        indicatorId: e.indicator,
        unitId: unit.id,
        period: e.period,
        value: e.value,
        ...(e.note ? { note: e.note } : {}),
        enteredBy: p.userId,
        requestId: e.requestId ?? requestId,
      });
      await this.audit.append(tx, {
        actor: p.login,
        action: 'indicator.value_entered',
        target: `indicator:${e.plan}/${e.indicator}/${e.unit}/${e.period}`,
        requestId,
        details: { value: e.value },
      });
    });
    return { plan: e.plan, indicator: e.indicator, unit: e.unit, period: e.period, value: e.value };
  }

  private async plan(p: Principal, code: string) {
    const plan = await this.plans.findByCode(this.db, code);
    if (!plan?.latestVersion || plan.issuerId !== p.issuerCode)
      throw new AppError(404, 'plan_not_found', `Không có kế hoạch "${code}".`, `No plan "${code}".`);
    return { planId: plan.id, ir: (await this.plans.getIr(this.db, plan.id, plan.latestVersion)) as PlanIR };
  }
}
