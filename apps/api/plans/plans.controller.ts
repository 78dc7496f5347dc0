import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { refusal } from '../common/zod.pipe.js';
import { SCHEDULE_FIELDS } from '../../../dsl/ir/diff.js';
import { assignmentSchema } from '../../../dsl/ir/schema.js';
import { type Describes, localDate, planCode, rawText, unitCode } from '../common/schemas.js';
import { PlansService } from './plans.service.js';

const fileName = z
  .string()
  .regex(/^[A-Za-z0-9_.\-/]{1,200}\.(dondoc|ics)$/, 'a relative path ending in .dondoc (or .ics for a calendar)');
const sourcesShape = {
  entry: fileName,
  files: z
    .record(fileName, rawText(5_000_000))
    .refine((f) => Object.keys(f).length <= 50, { message: 'at most 50 files' })
    .meta({ maxProperties: 50 }),
};
const entryInFiles = (s: { entry: string; files: Record<string, string> }) => s.entry in s.files;
/** JSON Schema cannot say that a property's value is a key of another: a schema-valid body can break it (422). */
const entryRefinement = refusal(
  'entry_not_in_files',
  'Tệp chính (entry) phải là một trong các tệp (files).',
  'entry must be one of files',
  ['entry'],
);
const Sources = z.object(sourcesShape).strict().refine(entryInFiles, entryRefinement);
/** "bắt đầu theo dõi từ": tracking starts that day instead of the header's publication date. */
const startOn = localDate.optional();
const PublishBody = z.object({ ...sourcesShape, startOn }).strict().refine(entryInFiles, entryRefinement);
const AmendmentPreviewBody = PublishBody;
const AmendBody = z
  .object({
    ...sourcesShape,
    startOn,
    /** Required, equal to the count, when the amendment cancels more than a handful of assignments. */
    confirmRemovals: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict()
  .refine(entryInFiles, entryRefinement);
const CodeParams = z.object({ code: planCode }).strict();
const VersionParams = z
  .object({ code: planCode, version: z.coerce.number().int().min(1).max(100_000) })
  .strict();
const FormatBody = z
  .object({
    text: rawText(5_000_000),
    file: fileName.optional(),
    lang: z.enum(['vi', 'en']).default('vi'),
  })
  .strict();
const PreviewQuery = z.object({ unit: unitCode.optional() }).strict();

const Diagnostic = z.looseObject({ code: z.string(), severity: z.string() });
const Checked = z.looseObject({ ok: z.boolean(), diagnostics: z.array(Diagnostic) });
const Formatted = z.looseObject({
  ok: z.boolean(),
  text: z.string(),
  changed: z.boolean(),
  diagnostics: z.array(Diagnostic),
});
const Preview = z.looseObject({
  plan: z.looseObject({ code: z.string(), title: z.string(), year: z.int() }),
  assignments: z.int(),
  events: z.array(z.looseObject({ kind: z.string() })),
});
const Published = z.looseObject({
  planCode: z.string(),
  version: z.int(),
  assignments: z.int(),
  action: z.enum(['started', 'amended', 'unchanged']),
});
const PlanSummary = z.looseObject({
  code: z.string(),
  title: z.string(),
  year: z.int(),
  publishedVersion: z.int().nullable(),
});
const Plan = z.looseObject({ code: z.string(), versions: z.array(z.looseObject({})) });
const Source = z.looseObject({
  code: z.string(),
  version: z.int(),
  entry: z.string(),
  files: z.record(z.string(), z.string()),
});
/** An assignment in an amendment's preview: its identity and day, from the plan's own schema (dsl/ir). */
const AmendedLine = assignmentSchema.pick({ id: true, taskId: true, unit: true, occurrence: true, dueDate: true });
const AmendmentPreview = z.object({
  fromVersion: z.int().min(1),
  unchangedPlan: z.boolean(),
  added: z.array(AmendedLine),
  removed: z.array(AmendedLine),
  changed: z.array(
    AmendedLine.omit({ dueDate: true }).extend({
      /** Each field that changes, from → to; reminders and escalations only say that they change. */
      fields: z.partialRecord(
        z.enum(SCHEDULE_FIELDS),
        z.union([z.object({ from: z.unknown(), to: z.unknown() }), z.object({ changed: z.literal(true) })]),
      ),
    }),
  ),
  unchanged: z.int().min(0),
  startOn: localDate,
  confirmRemovalsAbove: z.int().min(0),
});
void (true satisfies Describes<typeof AmendmentPreview, Awaited<ReturnType<PlansService['amendmentPreview']>>>);

/** After publishing, the plan's assignments (Schemathesis' stateful phase follows this). */
const toAssignments = {
  assignments: {
    operationId: 'listAssignments',
    parameters: { plan: '$response.body#/planCode' },
    description: 'Các nhiệm vụ của kế hoạch vừa ban hành / The assignments of the plan just published',
  },
};

@ApiTags('plans')
@Controller('plans')
@Roles('admin', 'home_affairs')
export class PlansController {
  constructor(@Inject(PlansService) private readonly plans: PlansService) {}

  @Declare({
    operationId: 'checkPlan',
    summary: 'Kiểm tra kế hoạch / Check a plan (diagnostics as dondoc check)',
    body: Sources,
    responses: { 200: Checked },
    errors: [422],
  })
  @Post('check')
  @HttpCode(200)
  check(@Body() s: z.output<typeof Sources>) {
    return this.plans.check(s);
  }

  @Declare({
    operationId: 'formatPlan',
    summary: 'Định dạng một tệp kế hoạch / Format one plan file (as dondoc fmt --lang)',
    body: FormatBody,
    responses: { 200: Formatted },
  })
  @Post('format')
  @HttpCode(200)
  format(@Body() b: z.output<typeof FormatBody>) {
    return this.plans.format(b.text, b.lang, b.file);
  }

  @Declare({
    operationId: 'previewPlan',
    summary: 'Lịch cả năm / The year preview (as dondoc calendar)',
    query: PreviewQuery,
    body: Sources,
    responses: { 200: Preview },
    errors: [422],
  })
  @Post('preview')
  @HttpCode(200)
  preview(@Body() s: z.output<typeof Sources>, @Query() q: z.output<typeof PreviewQuery>) {
    return this.plans.preview(s, q.unit);
  }

  @Declare({
    operationId: 'publishPlan',
    summary: 'Ban hành kế hoạch mới / Publish a new plan',
    description: '409 plan_exists when its code is taken: amend that plan instead.',
    body: PublishBody,
    responses: {
      201: {
        description: 'Đã ban hành (action: unchanged khi đã có) / Published (action unchanged when it already was)',
        json: Published,
        links: toAssignments,
      },
    },
    errors: [409, 422],
  })
  @Post()
  publish(
    @CurrentUser() p: Principal,
    @Body() b: z.output<typeof PublishBody>,
    @Req() req: FastifyRequest,
  ) {
    return this.plans.publish(p, b, String(req.id), { kind: 'new' }, b.startOn);
  }

  /** Every signed-in user needs the plans to pick one (dashboard, indicators); figures only for Home Affairs. */
  @Declare({ operationId: 'listPlans', summary: 'Các kế hoạch / The plans', responses: { 200: z.array(PlanSummary) } })
  @Get()
  @Roles('admin', 'home_affairs', 'chairperson', 'viewer', 'unit_member', 'unit_head', 'officer')
  list(@CurrentUser() p: Principal) {
    return this.plans.list(p);
  }

  @Declare({
    operationId: 'getPlan',
    summary: 'Một kế hoạch với các phiên bản / One plan with its versions',
    params: CodeParams,
    responses: { 200: Plan },
  })
  @Get(':code')
  get(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.plans.get(p, code);
  }

  @Declare({
    operationId: 'getPlanVersion',
    summary: 'Các tệp của một phiên bản / The files of one published version',
    params: VersionParams,
    responses: { 200: Source },
  })
  @Get(':code/versions/:version')
  source(@CurrentUser() p: Principal, @Param() v: z.output<typeof VersionParams>) {
    return this.plans.source(p, v.code, v.version);
  }

  @Declare({
    operationId: 'previewAmendment',
    summary: 'Xem trước điều chỉnh / What an amendment would change',
    params: CodeParams,
    body: AmendmentPreviewBody,
    responses: { 200: AmendmentPreview },
    errors: [409, 422],
  })
  @Post(':code/amendments/preview')
  @HttpCode(200)
  amendmentPreview(
    @CurrentUser() p: Principal,
    @Param('code') code: string,
    @Body() b: z.output<typeof AmendmentPreviewBody>,
  ) {
    return this.plans.amendmentPreview(p, code, b, b.startOn);
  }

  @Declare({
    operationId: 'amendPlan',
    summary: 'Điều chỉnh kế hoạch / Amend the running plan',
    description: 'confirmRemovals = the count when the amendment cancels more than 5 assignments.',
    params: CodeParams,
    body: AmendBody,
    responses: { 201: { description: 'Đã điều chỉnh / Amended', json: Published, links: toAssignments } },
    errors: [409, 422],
  })
  @Post(':code/amendments')
  amend(
    @CurrentUser() p: Principal,
    @Param('code') code: string,
    @Body() b: z.output<typeof AmendBody>,
    @Req() req: FastifyRequest,
  ) {
    const intent = {
      kind: 'amend' as const,
      code,
      ...(b.confirmRemovals !== undefined ? { confirmRemovals: b.confirmRemovals } : {}),
    };
    return this.plans.publish(p, b, String(req.id), intent, b.startOn);
  }
}
