import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import {
  assignmentId,
  httpLink,
  IdempotencyHeaders,
  idempotencyKey,
  localDate,
  login,
  planCode,
  queryBool,
  text,
  unitCode,
} from '../common/schemas.js';
import { AssignmentsService, type Action, type AssignmentListQuery } from './assignments.service.js';

const ListQuery = z
  .object({
    unit: unitCode.optional(),
    plan: planCode.optional(),
    status: z.enum(['assigned', 'acknowledged', 'in_progress', 'done', 'cancelled']).optional(),
    overdue: queryBool.optional(),
    dueFrom: localDate.optional(),
    dueTo: localDate.optional(),
    includeInactive: queryBool.optional(),
    /** Only the work given to the caller ("Việc của tôi"). */
    mine: queryBool.optional(),
    /** Only the tasks this unit coordinates (Home Affairs: "the tasks it coordinates"). */
    coordinator: unitCode.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
type ListQuery = z.output<typeof ListQuery>;
// The address says unit and plan; the repository's filter, unitCode and planCode.
const toFilter = ({
  unit,
  plan,
  coordinator,
  ...q
}: ListQuery): AssignmentListQuery & { mine?: boolean } => ({
  ...q,
  unitCode: unit,
  planCode: plan,
  coordinatorCode: coordinator,
});

const IdParams = z.object({ id: assignmentId }).strict();

/** Every action may carry an idempotency key in the body or the Idempotency-Key header. */
const withKey = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, requestId: idempotencyKey.optional() }).strict();

const Acknowledge = withKey({ note: text(2000).optional() });
const Progress = withKey({ percent: z.number().int().min(0).max(100), note: text(2000).optional() });
const Complete = withKey({
  evidence: z
    .object({
      documentNumber: text(100).optional(),
      documentDate: localDate.optional(),
      link: httpLink.optional(),
      note: text(2000).optional(),
    })
    .strict(),
});
const RequestExtension = withKey({ newDueDate: localDate, reason: text(2000) });
const DecideExtension = withKey({ approve: z.boolean(), note: text(2000).optional() });
const Reason = withKey({ reason: text(2000) });
const CoordinationAcknowledge = withKey({ unit: unitCode.optional(), note: text(2000).optional() });
const Contribution = withKey({
  unit: unitCode.optional(),
  note: text(4000),
  evidence: z
    .object({
      documentNumber: text(100).optional(),
      documentDate: localDate.optional(),
      link: httpLink.optional(),
    })
    .strict()
    .optional(),
});
const AssignOfficer = withKey({
  // As the document says it: a login exactly (the picker sends one; no trimming or case folding the pattern hides).
  login,
  note: text(2000).optional(),
});

const Assignment = z.looseObject({
  id: z.string(),
  title: z.string(),
  unitCode: z.string(),
  status: z.string(),
  dueAt: z.string().nullable(),
});
const AssignmentPage = z.looseObject({ rows: z.array(Assignment), total: z.int() });
const AssignmentDetail = Assignment.extend({ events: z.array(z.looseObject({})) });
const ActionResult = z.looseObject({ assignmentId: z.string(), status: z.string(), dueAt: z.string() });

/** From a list, the first assignment; from one assignment, what can be done with it. */
const actionsOn = (id: string) => ({
  acknowledge: { operationId: 'acknowledgeAssignment', parameters: { id } },
  progress: { operationId: 'reportAssignmentProgress', parameters: { id } },
  comments: { operationId: 'listComments', parameters: { id } },
  files: { operationId: 'listFiles', parameters: { id } },
});
const fromList = {
  assignment: { operationId: 'getAssignment', parameters: { id: '$response.body#/rows/0/id' } },
  ...actionsOn('$response.body#/rows/0/id'),
};
const fromOne = actionsOn('$response.body#/id');

/** The declaration every action shares: the id, the body, the key, and the refusals of the engine. */
const action = (operationId: string, summary: string, body: z.ZodType) => ({
  operationId,
  summary,
  params: IdParams,
  headers: IdempotencyHeaders,
  body,
  responses: { 200: { description: 'Kết quả / The outcome', json: ActionResult, links: fromOne } },
  // 409: the assignment's state does not allow it; 422: the content is refused (a date outside the plan).
  errors: [409, 422],
});

@ApiTags('assignments')
@Controller('assignments')
export class AssignmentsController {
  constructor(@Inject(AssignmentsService) private readonly assignments: AssignmentsService) {}

  @Declare({
    operationId: 'listAssignments',
    summary: 'Nhiệm vụ tôi được xem, khẩn nhất trước / My assignments, most urgent first',
    query: ListQuery,
    responses: { 200: { description: 'Một trang / One page', json: AssignmentPage, links: fromList } },
  })
  @Get()
  list(@CurrentUser() p: Principal, @Query() q: ListQuery) {
    return this.assignments.list(p, toFilter(q));
  }

  @Declare({
    operationId: 'getAssignment',
    summary: 'Một nhiệm vụ với lịch sử / One assignment with its history',
    params: IdParams,
    responses: { 200: { description: 'Nhiệm vụ / The assignment', json: AssignmentDetail, links: fromOne } },
  })
  @Get(':id')
  get(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.assignments.get(p, id);
  }

  @Declare(action('acknowledgeAssignment', 'Tiếp nhận / Acknowledge', Acknowledge))
  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof Acknowledge>,
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

  @Declare(action('reportAssignmentProgress', 'Báo cáo tiến độ / Report progress', Progress))
  @Post(':id/progress')
  @HttpCode(200)
  progress(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof Progress>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = { kind: 'progress', percent: b.percent, ...(b.note ? { note: b.note } : {}) };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Declare(action('completeAssignment', 'Báo cáo hoàn thành / Report completion with its evidence', Complete))
  @Post(':id/complete')
  @HttpCode(200)
  complete(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof Complete>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const evidence = Object.fromEntries(Object.entries(b.evidence).filter(([, v]) => v !== undefined));
    return this.act(p, id, { kind: 'complete', evidence }, b.requestId, key, req);
  }

  @Declare(action('requestExtension', 'Đề nghị gia hạn / Ask for a later deadline', RequestExtension))
  @Post(':id/extension-requests')
  @HttpCode(200)
  requestExtension(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof RequestExtension>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const action: Action = { kind: 'requestExtension', newDueDate: b.newDueDate, reason: b.reason };
    return this.act(p, id, action, b.requestId, key, req);
  }

  @Declare(action('decideExtension', 'Quyết định gia hạn / Decide an extension request', DecideExtension))
  @Post(':id/extension-decision')
  @HttpCode(200)
  decideExtension(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof DecideExtension>,
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

  @Declare(action('reopenAssignment', 'Mở lại / Reopen', Reason))
  @Post(':id/reopen')
  @HttpCode(200)
  reopen(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof Reason>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.act(p, id, { kind: 'reopen', reason: b.reason }, b.requestId, key, req);
  }

  @Declare(action('cancelAssignment', 'Hủy nhiệm vụ / Cancel', Reason))
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof Reason>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.act(p, id, { kind: 'cancel', reason: b.reason }, b.requestId, key, req);
  }

  @Declare(
    action(
      'acknowledgeCoordination',
      'Đơn vị phối hợp tiếp nhận / A coordinating unit acknowledges its part',
      CoordinationAcknowledge,
    ),
  )
  @Post(':id/coordination/acknowledge')
  @HttpCode(200)
  acknowledgeCoordination(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof CoordinationAcknowledge>,
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

  @Declare(
    action(
      'reportContribution',
      'Đơn vị phối hợp báo cáo phần việc / A coordinating unit reports its contribution',
      Contribution,
    ),
  )
  @Post(':id/coordination/contributions')
  @HttpCode(200)
  reportContribution(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof Contribution>,
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

  @Declare(
    action(
      'assignOfficer',
      'Giao cho chuyên viên / Give the work to an officer of the unit (or another)',
      AssignOfficer,
    ),
  )
  @Post(':id/officer')
  @HttpCode(200)
  assignOfficer(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof AssignOfficer>,
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
    // The header was checked with the declaration (IdempotencyHeaders): a key we cannot use is refused, never
    // silently replaced by a new action.
    const key = bodyKey ?? headerKey ?? String(req.id);
    return this.assignments.act(p, id, action, key, String(req.id));
  }
}
