import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { IdempotencyHeaders, text } from '../common/schemas.js';
import { IncidentsService } from './incidents.service.js';

const ListQuery = z.object({ status: z.enum(['open', 'resolved']).optional() }).strict();
const IdParams = z.object({ id: z.string().min(1).max(400) }).strict();
const Dismiss = z.object({ note: text(2000) }).strict();
const Incident = z.looseObject({ id: z.string(), status: z.string() });

@ApiTags('incidents')
@Controller('incidents')
@Roles('admin', 'home_affairs')
export class IncidentsController {
  constructor(@Inject(IncidentsService) private readonly incidents: IncidentsService) {}

  @Declare({
    operationId: 'listIncidents',
    summary: 'Sự cố ghi dữ liệu cần xử lý / Steps the database refused',
    query: ListQuery,
    responses: { 200: z.array(Incident) },
  })
  @Get()
  list(@CurrentUser() p: Principal, @Query() q: z.output<typeof ListQuery>) {
    return this.incidents.list(p, q.status);
  }

  @Declare({
    operationId: 'retryIncident',
    summary: 'Ghi lại bước bị lỗi / Write the failed step again',
    params: IdParams,
    headers: IdempotencyHeaders,
    responses: { 200: Incident },
    errors: [409],
  })
  @Post(':id/retry')
  @HttpCode(200)
  retry(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.incidents.retry(p, id, key, String(req.id));
  }

  @Declare({
    operationId: 'dismissIncident',
    summary: 'Đóng sự cố không ghi lại / Close without writing the step',
    params: IdParams,
    body: Dismiss,
    responses: { 200: Incident },
    errors: [409],
  })
  @Post(':id/dismiss')
  @HttpCode(200)
  dismiss(@CurrentUser() p: Principal, @Param('id') id: string, @Body() b: z.output<typeof Dismiss>) {
    return this.incidents.dismiss(p, id, b.note);
  }
}
