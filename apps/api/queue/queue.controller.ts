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
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toJSONSchema, z } from 'zod';
import {
  QUEUE_SORTS,
  type QueueOfficer,
  type QueueRow,
  type QueueSort,
} from '../../database/repositories/queue.repository.js';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import {
  assignmentId,
  type Describes,
  IdempotencyHeaders,
  instant,
  idempotencyKey,
  localDate,
  planCode,
  queryBool,
  text,
  unitCode,
} from '../common/schemas.js';
import { attachmentDisposition } from '../files/file-names.js';
import { idempotencyKey as keyOf } from '../files/files.controller.js';
import { QueueService, type QueueQuery } from './queue.service.js';

const STATUSES = ['assigned', 'acknowledged', 'in_progress', 'done', 'cancelled'] as const;
const STATUS = `(${STATUSES.join('|')})`;

/** The filters, search and order of a view (also what a saved filter stores). */
export const QueueView = z
  .object({
    plan: planCode.optional(),
    unit: unitCode.optional(),
    area: unitCode.optional(),
    task: text(100).optional(),
    /** One status or several, comma-separated. */
    status: z
      .string()
      .max(200)
      .regex(new RegExp(`^${STATUS}(,${STATUS}){0,4}$`))
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(STATUSES)).max(5))
      .optional(),
    overdue: queryBool.optional(),
    dueFrom: localDate.optional(),
    dueTo: localDate.optional(),
    /** A level, 0 to 20 (written as the address writes it, so that a saved view is the same text). */
    escalation: z
      .string()
      .regex(/^(1?[0-9]|20)$/)
      .transform(Number)
      .optional(),
    /** with: assignments that have coordinating units; without: those that have none. */
    coordination: z.enum(['with', 'without']).optional(),
    officer: text(200).optional(),
    q: text(200).optional(),
    includeInactive: queryBool.optional(),
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

const bulkBase = {
  ids: z.array(assignmentId).min(1).max(200),
  /** The number the confirmation names: must equal the number of distinct ids. */
  confirmCount: z.number().int().min(1).max(200),
  reason: text(2000),
  requestId: idempotencyKey.optional(),
};
export const Bulk = z.discriminatedUnion('action', [
  z.object({ action: z.literal('remind'), ...bulkBase }).strict(),
  z.object({ action: z.literal('cancel'), ...bulkBase }).strict(),
  z.object({ action: z.literal('extend'), newDueDate: localDate, ...bulkBase }).strict(),
]);

/**
 * The address query of a view as text, kept as sent: the fields of QueueView, each checked and documented by its
 * own schema there (every one takes a string in the address), its value stored unchanged.
 */
const ViewQuery = z
  .object(
    Object.fromEntries(
      Object.entries(QueueView.shape).map(([name, field]) => {
        const asSent = z
          .string()
          .refine((v) => field.safeParse(v).success, { message: `not a queue ${name}` });
        const { $schema: _, default: _d, ...documented } = toJSONSchema(field, { io: 'input' });
        return [name, asSent.meta(documented).optional()];
      }),
    ) as Record<keyof typeof QueueView.shape, z.ZodOptional<z.ZodString>>,
  )
  .strict();

/** A saved view: its name and the address query of the view (the same fields as GET /queue). */
export const SaveFilter = z.object({ name: text(100), query: ViewQuery }).strict();
const FilterParams = z.object({ id: z.uuid() }).strict();
const SavedFilter = z.looseObject({
  id: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.string()),
});
/** A row of the queue (QueueRepository.page). */
const Row = z.object({
  id: z.string(),
  taskId: z.string(),
  occurrence: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  title: z.string(),
  area: z.string().nullable(),
  dueAt: instant.nullable(),
  dueDate: localDate.nullable(),
  status: z.enum(STATUSES),
  progressPercent: z.int().min(0).max(100),
  escalationLevel: z.int().min(0),
  overdue: z.boolean(),
  active: z.boolean(),
  completedLate: z.boolean().nullable(),
  planCode: z.string().nullable(),
  lastEventAt: instant.nullable(),
  extensionPending: z.boolean(),
  officerLogin: z.string().nullable(),
  officerName: z.string().nullable(),
});
void (true satisfies Describes<typeof Row, QueueRow>);
const Page = z.object({
  rows: z.array(Row),
  total: z.int().min(0),
  limit: z.int().min(1),
  offset: z.int().min(0),
});
void (true satisfies Describes<typeof Page, Awaited<ReturnType<QueueService['page']>>>);
const Officer = z.object({ login: z.string(), name: z.string(), unitName: z.string() });
void (true satisfies Describes<typeof Officer, QueueOfficer>);
const Options = z.object({
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
  officers: z.array(Officer),
});
void (true satisfies Describes<typeof Options, Awaited<ReturnType<QueueService['options']>>>);
const file = (type: string) => ({ [type]: { type: 'string', contentMediaType: type } });

@ApiTags('queue')
@Roles('admin', 'home_affairs')
@Controller('queue')
export class QueueController {
  constructor(@Inject(QueueService) private readonly queue: QueueService) {}

  @Declare({
    operationId: 'queuePage',
    summary: 'Bảng nhiệm vụ của Sở Nội vụ / The Home Affairs queue (filtered, sorted, paged)',
    query: QueuePage,
    responses: { 200: Page },
  })
  @Get()
  page(@CurrentUser() p: Principal, @Query() q: z.output<typeof QueuePage>) {
    const { limit, offset, ...view } = q;
    return this.queue.page(p, { ...toQuery(view), limit, offset });
  }

  @Declare({
    operationId: 'queueOptions',
    summary: 'Các lựa chọn của bộ lọc / What the filters offer',
    responses: { 200: Options },
  })
  @Get('options')
  options(@CurrentUser() p: Principal) {
    return this.queue.options(p);
  }

  @Declare({
    operationId: 'queueExport',
    summary: 'Xuất bảng đang xem (CSV, XLSX) / Export the current view',
    query: QueueExport,
    responses: {
      200: {
        description: 'Tệp CSV hoặc XLSX / A CSV or XLSX file',
        content: {
          ...file('text/csv'),
          ...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        },
      },
    },
  })
  @Get('export')
  async export(
    @CurrentUser() p: Principal,
    @Query() q: z.output<typeof QueueExport>,
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

  @Declare({
    operationId: 'queueBulk',
    summary: 'Nhắc, gia hạn, hủy nhiều nhiệm vụ / Remind, extend or cancel many assignments',
    headers: IdempotencyHeaders,
    body: Bulk,
    responses: {
      200: z.looseObject({
        action: z.string(),
        count: z.int(),
        items: z.array(z.looseObject({ id: z.string() })),
      }),
    },
    errors: [409, 422],
  })
  @Post('bulk')
  @HttpCode(200)
  bulk(
    @CurrentUser() p: Principal,
    @Body() b: z.output<typeof Bulk>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const { requestId, ...action } = b;
    return this.queue.bulk(p, action, requestId ?? keyOf(key, req), String(req.id));
  }

  @Declare({
    operationId: 'savedFilters',
    summary: 'Bộ lọc đã lưu / Saved filters',
    responses: { 200: z.array(SavedFilter) },
  })
  @Get('filters')
  filters(@CurrentUser() p: Principal) {
    return this.queue.listSaved(p);
  }

  @Declare({
    operationId: 'saveFilter',
    summary: 'Lưu bộ lọc (cùng tên thì thay) / Save a filter (same name replaces)',
    body: SaveFilter,
    responses: {
      200: {
        description: 'Đã lưu / Saved',
        json: SavedFilter,
        links: { delete: { operationId: 'deleteFilter', parameters: { id: '$response.body#/id' } } },
      },
    },
    errors: [409],
  })
  @Put('filters')
  save(@CurrentUser() p: Principal, @Body() b: z.output<typeof SaveFilter>, @Req() req: FastifyRequest) {
    return this.queue.save(p, b.name, b.query, String(req.id));
  }

  @Declare({
    operationId: 'deleteFilter',
    summary: 'Xóa bộ lọc đã lưu / Delete a saved filter',
    params: FilterParams,
    responses: { 204: { description: 'Đã xóa / Deleted' } },
  })
  @Delete('filters/:id')
  @HttpCode(204)
  remove(@CurrentUser() p: Principal, @Param('id') id: string, @Req() req: FastifyRequest) {
    return this.queue.remove(p, id, String(req.id));
  }
}
