import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Db } from '../../database/pool.js';
import { withTransaction } from '../../database/pool.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { IndicatorRepository } from '../../database/repositories/indicator.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import { CurrentUser } from '../auth/decorators.js';
import { canSeeUnit, hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { DB } from '../tokens.js';

const planCode = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/);
const period = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, 'YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn');
const ListQuery = z.object({ plan: planCode, period: period.optional() });
const Entry = z
  .object({
    plan: planCode,
    indicator: z.string().regex(/^[a-z0-9_]+$/),
    unit: z.string().regex(/^[a-z0-9_]+$/),
    period,
    value: z.number().finite().min(-1e12).max(1e12),
    note: z.string().trim().normalize('NFC').min(1).max(2000).optional(),
    requestId: z
      .string()
      .regex(/^[\w.:-]{1,100}$/)
      .optional(),
  })
  .strict();

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  private readonly plans = new PlanRepository();
  private readonly units = new UnitRepository();
  private readonly values = new IndicatorRepository();
  private readonly audit = new AuditRepository();

  constructor(@Inject(DB) private readonly db: Db) {}

  @Get()
  @ApiOperation({ summary: 'Chỉ tiêu và số liệu / Indicators with the values I may see' })
  async list(@CurrentUser() p: Principal, @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>) {
    const { ir, planId } = await this.plan(p, q.plan);
    const units = await this.units.listByIssuer(this.db, p.issuerCode);
    const idOf = new Map(units.map((u) => [u.code, u.id]));
    const values = (await this.values.valuesFor(this.db, planId, q.period)).filter((v) =>
      canSeeUnit(p, idOf.get(v.unitCode) ?? -1),
    );
    return ir.indicators.map((i) => ({
      id: i.id,
      title: i.title,
      measure: i.measure ?? null,
      target: i.target ?? null,
      reportedBy: i.reportedBy,
      values: values.filter((v) => v.indicatorId === i.id),
    }));
  }

  @Post('values')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhập số liệu chỉ tiêu / Enter an indicator value for a unit and period' })
  @ApiBody({ schema: jsonSchema(Entry) })
  async enter(
    @CurrentUser() p: Principal,
    @Body(ZodBody(Entry)) e: z.infer<typeof Entry>,
    @Req() req: FastifyRequest,
  ) {
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
        requestId: e.requestId ?? String(req.id),
      });
      await this.audit.append(tx, {
        actor: p.login,
        action: 'indicator.value_entered',
        target: `indicator:${e.plan}/${e.indicator}/${e.unit}/${e.period}`,
        requestId: String(req.id),
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
