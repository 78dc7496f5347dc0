import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { IndicatorsService } from './indicators.service.js';

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
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({ summary: 'Chỉ tiêu và số liệu / Indicators with the values I may see' })
  list(@CurrentUser() p: Principal, @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>) {
    return this.indicators.list(p, q.plan, q.period);
  }

  @Post('values')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhập số liệu chỉ tiêu / Enter an indicator value for a unit and period' })
  @ApiBody({ schema: jsonSchema(Entry) })
  enter(
    @CurrentUser() p: Principal,
    @Body(ZodBody(Entry)) e: z.infer<typeof Entry>,
    @Req() req: FastifyRequest,
  ) {
    return this.indicators.enter(p, e, String(req.id));
  }
}
