import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { QUEUE_SORTS, type QueueSort } from '../../database/repositories/queue.repository.js';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { attachmentDisposition } from '../files/file-names.js';
import { idempotencyKey } from '../files/files.controller.js';
import { QueueService, type QueueQuery } from './queue.service.js';

const code = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_]+$/);
const localDate = z.iso.date('YYYY-MM-DD');
const STATUSES = ['assigned', 'acknowledged', 'in_progress', 'done', 'cancelled'] as const;
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The filters, search and order of a view (also what a saved filter stores). */
export const QueueView = z
  .object({
    plan: z
      .string()
      .max(100)
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .optional(),
    unit: code.optional(),
    area: code.optional(),
    task: z.string().trim().min(1).max(100).optional(),
    /** One status or several, comma-separated. */
    status: z
      .string()
      .max(200)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(z.enum(STATUSES)).max(5))
      .optional(),
    overdue: bool.optional(),
    dueFrom: localDate.optional(),
    dueTo: localDate.optional(),
    escalation: z.coerce.number().int().min(0).max(20).optional(),
    /** with: assignments that have coordinating units; without: those that have none. */
    coordination: z.enum(['with', 'without']).optional(),
    officer: z.string().trim().min(1).max(200).optional(),
    q: z.string().trim().normalize('NFC').max(200).optional(),
    includeInactive: bool.optional(),
    sort: z.enum(Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]]).default('due'),
    dir: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();

const toQuery = (v: z.infer<typeof QueueView>): QueueQuery => ({
  planCode: v.plan,
  unitCode: v.unit,
  area: v.area,
  taskId: v.task,
  statuses: v.status,
  overdue: v.overdue,
  dueFrom: v.dueFrom,
  dueTo: v.dueTo,
  escalationMin: v.escalation,
  coordination: v.coordination === undefined ? undefined : v.coordination === 'with',
  officer: v.officer,
  search: v.q,
  includeInactive: v.includeInactive,
  sort: v.sort,
  desc: v.dir === 'desc',
});

export const QueuePage = QueueView.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).strict();
export const QueueExport = QueueView.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }).strict();

const reason = z.string().trim().normalize('NFC').min(1).max(2000);
const bulkBase = {
  ids: z.array(z.string().min(1).max(300)).min(1).max(200),
  /** The number the confirmation names: must equal the number of distinct ids. */
  confirmCount: z.number().int().min(1).max(200),
  reason,
  requestId: z
    .string()
    .regex(/^[\w.:-]{1,100}$/)
    .optional(),
};
export const Bulk = z.discriminatedUnion('action', [
  z.object({ action: z.literal('remind'), ...bulkBase }).strict(),
  z.object({ action: z.literal('cancel'), ...bulkBase }).strict(),
  z.object({ action: z.literal('extend'), newDueDate: localDate, ...bulkBase }).strict(),
]);

/** A saved view: its name and the address query of the view (the same fields as GET /queue). */
export const SaveFilter = z
  .object({
    name: z.string().trim().normalize('NFC').min(1).max(100),
    query: z.record(z.string().max(30), z.string().max(200)).refine((q) => QueueView.safeParse(q).success, {
      message: 'not a queue view',
    }),
  })
  .strict();
const FilterId = z.uuid();

@ApiTags('queue')
@ApiBearerAuth()
@Roles('admin', 'home_affairs')
@Controller('queue')
export class QueueController {
  constructor(@Inject(QueueService) private readonly queue: QueueService) {}

  @Get()
  @ApiOperation({ summary: 'Bảng nhiệm vụ của Sở Nội vụ / The Home Affairs queue (filtered, sorted, paged)' })
  page(@CurrentUser() p: Principal, @Query(new ZodPipe(QueuePage)) q: z.infer<typeof QueuePage>) {
    const { limit, offset, ...view } = q;
    return this.queue.page(p, { ...toQuery(view), limit, offset });
  }

  @Get('options')
  @ApiOperation({ summary: 'Các lựa chọn của bộ lọc / What the filters offer' })
  options(@CurrentUser() p: Principal) {
    return this.queue.options(p);
  }

  @Get('export')
  @ApiOperation({ summary: 'Xuất bảng đang xem (CSV, XLSX) / Export the current view' })
  async export(
    @CurrentUser() p: Principal,
    @Query(new ZodPipe(QueueExport)) q: z.infer<typeof QueueExport>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { format, ...view } = q;
    const file = await this.queue.export(p, toQuery(view), format);
    void reply.headers({
      'content-type': file.type,
      'content-disposition': attachmentDisposition(file.name),
      'x-content-type-options': 'nosniff',
    });
    return file.body;
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Bulk) })
  @ApiOperation({ summary: 'Nhắc, gia hạn, hủy nhiều nhiệm vụ / Remind, extend or cancel many assignments' })
  bulk(
    @CurrentUser() p: Principal,
    @Body(ZodBody(Bulk)) b: z.infer<typeof Bulk>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const { requestId, ...action } = b;
    return this.queue.bulk(p, action, requestId ?? idempotencyKey(key, req), String(req.id));
  }

  @Get('filters')
  @ApiOperation({ summary: 'Bộ lọc đã lưu / Saved filters' })
  filters(@CurrentUser() p: Principal) {
    return this.queue.listSaved(p);
  }

  @Put('filters')
  @ApiBody({ schema: jsonSchema(SaveFilter) })
  @ApiOperation({ summary: 'Lưu bộ lọc (cùng tên thì thay) / Save a filter (same name replaces)' })
  save(
    @CurrentUser() p: Principal,
    @Body(ZodBody(SaveFilter)) b: z.infer<typeof SaveFilter>,
    @Req() req: FastifyRequest,
  ) {
    return this.queue.save(p, b.name, b.query, String(req.id));
  }

  @Delete('filters/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xóa bộ lọc đã lưu / Delete a saved filter' })
  remove(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(FilterId)) id: string,
    @Req() req: FastifyRequest,
  ) {
    return this.queue.remove(p, id, String(req.id));
  }
}
