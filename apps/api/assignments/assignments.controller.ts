import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { AssignmentsService, type Action, type AssignmentListQuery } from './assignments.service.js';

const code = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_]+$/);
/** A calendar date that exists (2027-02-30 does not). */
const localDate = z.iso.date('YYYY-MM-DD');
/** Text as people write it, stored in NFC (the form the reports, the search and the e-mails expect). */
const text = (max: number) => z.string().trim().normalize('NFC').min(1).max(max);

const ListQuery = z
  .object({
    unit: code.optional(),
    plan: z
      .string()
      .max(100)
      .regex(/^[a-z0-9][a-z0-9_-]*$/)
      .optional(),
    status: z.enum(['assigned', 'acknowledged', 'in_progress', 'done', 'cancelled']).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    dueFrom: localDate.optional(),
    dueTo: localDate.optional(),
    includeInactive: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Only the work given to the caller ("Việc của tôi"). */
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Only the tasks this unit coordinates (Home Affairs: "the tasks it coordinates"). */
    coordinator: code.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  // The address says unit and plan; the repository's filter, unitCode and planCode.
  .transform(({ unit, plan, coordinator, ...q }): AssignmentListQuery & { mine?: boolean } => ({
    ...q,
    unitCode: unit,
    planCode: plan,
    coordinatorCode: coordinator,
  }));

const AssignmentId = z.string().min(1).max(300);
const IdempotencyKey = z
  .string()
  .regex(/^[\w.:-]{1,100}$/)
  .optional();

/** Every action may carry an idempotency key in the body or the Idempotency-Key header. */
const withKey = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, requestId: IdempotencyKey }).strict();

const Acknowledge = withKey({ note: text(2000).optional() });
const Progress = withKey({ percent: z.number().int().min(0).max(100), note: text(2000).optional() });
const Complete = withKey({
  evidence: z
    .object({
      documentNumber: text(100).optional(),
      documentDate: localDate.optional(),
      // A web address: a javascript: or data: link would be a trap in the report and the e-mails.
      link: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .optional(),
      note: text(2000).optional(),
    })
    .strict(),
});
const RequestExtension = withKey({ newDueDate: localDate, reason: text(2000) });
const DecideExtension = withKey({ approve: z.boolean(), note: text(2000).optional() });
const Reason = withKey({ reason: text(2000) });
const CoordinationAcknowledge = withKey({ unit: code.optional(), note: text(2000).optional() });
const Contribution = withKey({
  unit: code.optional(),
  note: text(4000),
  evidence: z
    .object({
      documentNumber: text(100).optional(),
      documentDate: localDate.optional(),
      link: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .optional(),
    })
    .strict()
    .optional(),
});
const AssignOfficer = withKey({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._@-]{1,99}$/),
  note: text(2000).optional(),
});

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(@Inject(AssignmentsService) private readonly assignments: AssignmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Nhiệm vụ tôi được xem, khẩn nhất trước / My assignments, most urgent first' })
  list(
    @CurrentUser() p: Principal,
    @Query(new ZodPipe(ListQuery)) q: AssignmentListQuery & { mine?: boolean },
  ) {
    return this.assignments.list(p, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một nhiệm vụ với lịch sử / One assignment with its history' })
  get(@CurrentUser() p: Principal, @Param('id', new ZodPipe(AssignmentId)) id: string) {
    return this.assignments.get(p, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Acknowledge) })
  acknowledge(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(Acknowledge)) b: z.infer<typeof Acknowledge>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.act(
      p,
      id,
      { kind: 'acknowledge', ...(b.note ? { note: b.note } : {}) },
      b.requestId,
      key,
      req,
    );
  }

  @Post(':id/progress')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Progress) })
  progress(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(Progress)) b: z.infer<typeof Progress>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = { kind: 'progress', percent: b.percent, ...(b.note ? { note: b.note } : {}) };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Complete) })
  complete(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(Complete)) b: z.infer<typeof Complete>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const evidence = Object.fromEntries(Object.entries(b.evidence).filter(([, v]) => v !== undefined));
    return this.act(p, id, { kind: 'complete', evidence }, b.requestId, key, req);
  }

  @Post(':id/extension-requests')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(RequestExtension) })
  requestExtension(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(RequestExtension)) b: z.infer<typeof RequestExtension>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = { kind: 'requestExtension', newDueDate: b.newDueDate, reason: b.reason };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Post(':id/extension-decision')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(DecideExtension) })
  decideExtension(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(DecideExtension)) b: z.infer<typeof DecideExtension>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = {
      kind: 'decideExtension',
      approve: b.approve,
      ...(b.note ? { note: b.note } : {}),
    };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Reason) })
  reopen(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(Reason)) b: z.infer<typeof Reason>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.act(p, id, { kind: 'reopen', reason: b.reason }, b.requestId, key, req);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(Reason) })
  cancel(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(Reason)) b: z.infer<typeof Reason>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.act(p, id, { kind: 'cancel', reason: b.reason }, b.requestId, key, req);
  }

  @Post(':id/coordination/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đơn vị phối hợp tiếp nhận / A coordinating unit acknowledges its part' })
  @ApiBody({ schema: jsonSchema(CoordinationAcknowledge) })
  acknowledgeCoordination(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(CoordinationAcknowledge)) b: z.infer<typeof CoordinationAcknowledge>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = {
      kind: 'acknowledgeCoordination',
      ...(b.unit ? { unit: b.unit } : {}),
      ...(b.note ? { note: b.note } : {}),
    };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Post(':id/coordination/contributions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đơn vị phối hợp báo cáo phần việc / A coordinating unit reports its contribution',
  })
  @ApiBody({ schema: jsonSchema(Contribution) })
  reportContribution(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(Contribution)) b: z.infer<typeof Contribution>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const evidence = b.evidence
      ? Object.fromEntries(Object.entries(b.evidence).filter(([, v]) => v !== undefined))
      : undefined;
    const action: Action = {
      kind: 'reportContribution',
      note: b.note,
      ...(b.unit ? { unit: b.unit } : {}),
      ...(evidence && Object.keys(evidence).length ? { evidence } : {}),
    };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Post(':id/officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Giao cho chuyên viên / Give the work to an officer of the unit (or another)' })
  @ApiBody({ schema: jsonSchema(AssignOfficer) })
  assignOfficer(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentId)) id: string,
    @Body(ZodBody(AssignOfficer)) b: z.infer<typeof AssignOfficer>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = { kind: 'assignOfficer', login: b.login, ...(b.note ? { note: b.note } : {}) };
    return this.act(p, id, action, b.requestId, key, req);
  }

  private act(
    p: Principal,
    id: string,
    action: Action,
    bodyKey: string | undefined,
    headerKey: string | undefined,
    req: FastifyRequest,
  ) {
    // A key the client meant but we cannot use must not silently become a new action.
    if (headerKey !== undefined && !/^[\w.:-]{1,100}$/.test(headerKey))
      throw new AppError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key chỉ gồm chữ, số và . : - _ (tối đa 100 ký tự).',
        'Idempotency-Key may hold letters, digits and . : - _ (at most 100 characters).',
      );
    const key = bodyKey ?? headerKey ?? String(req.id);
    return this.assignments.act(p, id, action, key, String(req.id));
  }
}
