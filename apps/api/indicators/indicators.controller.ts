import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { idempotencyKey, planCode, text, unitCode } from '../common/schemas.js';
import { IndicatorsService } from './indicators.service.js';

const period = z
  .string()
  .regex(/^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, 'YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn');
const ListQuery = z.object({ plan: planCode, period: period.optional() }).strict();
const Entry = z
  .object({
    plan: planCode,
    indicator: unitCode,
    unit: unitCode,
    period,
    value: z.number().finite().min(-1e12).max(1e12),
    note: text(2000).optional(),
    requestId: idempotencyKey.optional(),
  })
  .strict();

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @Declare({
    operationId: 'listIndicators',
    summary: 'Chỉ tiêu và số liệu / Indicators with the values I may see',
    query: ListQuery,
    responses: { 200: z.array(z.looseObject({ code: z.string() })) },
    errors: [404],
  })
  @Get()
  list(@CurrentUser() p: Principal, @Query() q: z.output<typeof ListQuery>) {
    return this.indicators.list(p, q.plan, q.period);
  }

  @Declare({
    operationId: 'enterIndicatorValue',
    summary: 'Nhập số liệu chỉ tiêu / Enter an indicator value for a unit and period',
    body: Entry,
    responses: { 200: z.looseObject({}) },
    errors: [404, 422],
  })
  @Post('values')
  @HttpCode(200)
  enter(@CurrentUser() p: Principal, @Body() e: z.output<typeof Entry>, @Req() req: FastifyRequest) {
    return this.indicators.enter(p, e, String(req.id));
  }
}
