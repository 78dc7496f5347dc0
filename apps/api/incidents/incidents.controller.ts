import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { IncidentsService } from './incidents.service.js';

const ListQuery = z.object({ status: z.enum(['open', 'resolved']).optional() }).strict();
const IncidentId = z.string().min(1).max(400);
const Dismiss = z.object({ note: z.string().trim().normalize('NFC').min(1).max(2000) }).strict();

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
@Roles('admin', 'home_affairs')
export class IncidentsController {
  constructor(@Inject(IncidentsService) private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOperation({ summary: 'Sự cố ghi dữ liệu cần xử lý / Steps the database refused' })
  list(@CurrentUser() p: Principal, @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>) {
    return this.incidents.list(p, q.status);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ghi lại bước bị lỗi / Write the failed step again' })
  retry(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(IncidentId)) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.incidents.retry(p, id, key, String(req.id));
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Dismiss) })
  @ApiOperation({ summary: 'Đóng sự cố không ghi lại / Close without writing the step' })
  dismiss(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(IncidentId)) id: string,
    @Body(ZodBody(Dismiss)) b: z.infer<typeof Dismiss>,
  ) {
    return this.incidents.dismiss(p, id, b.note);
  }
}
