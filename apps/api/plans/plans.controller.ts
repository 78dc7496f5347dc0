import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { PlansService } from './plans.service.js';

const fileName = z
  .string()
  .regex(/^[\w.\-/]{1,200}\.(dondoc|ics)$/, 'a relative path ending in .dondoc (or .ics for a calendar)');
const sourcesShape = {
  entry: fileName,
  files: z.record(fileName, z.string().max(5_000_000)).refine((f) => Object.keys(f).length <= 50, {
    message: 'at most 50 files',
  }),
};
const entryInFiles = (s: { entry: string; files: Record<string, string> }) => s.entry in s.files;
const entryRefinement = { message: 'entry must be one of files', path: ['entry'] };
const Sources = z.object(sourcesShape).strict().refine(entryInFiles, entryRefinement);
/** "bắt đầu theo dõi từ": tracking starts that day instead of the header's publication date. */
const startOn = z.iso.date().optional();
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
const PlanCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/);
const Version = z.coerce.number().int().min(1).max(100_000);
const FormatBody = z
  .object({
    text: z.string().max(5_000_000),
    file: fileName.optional(),
    lang: z.enum(['vi', 'en']).default('vi'),
  })
  .strict();
const PreviewQuery = z.object({ unit: z.string().regex(/^[a-z0-9_]+$/).optional() });

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
@Roles('admin', 'home_affairs')
export class PlansController {
  constructor(@Inject(PlansService) private readonly plans: PlansService) {}

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kiểm tra kế hoạch / Check a plan (diagnostics as dondoc check)' })
  @ApiBody({ schema: jsonSchema(Sources) })
  check(@Body(ZodBody(Sources)) s: z.infer<typeof Sources>) {
    return this.plans.check(s);
  }

  @Post('format')
  @HttpCode(200)
  @ApiOperation({ summary: 'Định dạng một tệp kế hoạch / Format one plan file (as dondoc fmt --lang)' })
  @ApiBody({ schema: jsonSchema(FormatBody) })
  format(@Body(ZodBody(FormatBody)) b: z.infer<typeof FormatBody>) {
    return this.plans.format(b.text, b.lang, b.file);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lịch cả năm / The year preview (as dondoc calendar)' })
  @ApiBody({ schema: jsonSchema(Sources) })
  preview(@Body(ZodBody(Sources)) s: z.infer<typeof Sources>, @Query(new ZodPipe(PreviewQuery)) q: z.infer<typeof PreviewQuery>) {
    return this.plans.preview(s, q.unit);
  }

  @Post()
  @ApiOperation({
    summary:
      'Ban hành kế hoạch mới / Publish a new plan (409 plan_exists when its code is taken: amend that plan instead)',
  })
  @ApiBody({ schema: jsonSchema(PublishBody) })
  publish(
    @CurrentUser() p: Principal,
    @Body(ZodBody(PublishBody)) b: z.infer<typeof PublishBody>,
    @Req() req: FastifyRequest,
  ) {
    return this.plans.publish(p, b, String(req.id), { kind: 'new' }, b.startOn);
  }

  /** Every signed-in user needs the plans to pick one (dashboard, indicators); figures only for Home Affairs. */
  @Get()
  @Roles('admin', 'home_affairs', 'chairperson', 'viewer', 'unit_member', 'unit_head', 'officer')
  list(@CurrentUser() p: Principal) {
    return this.plans.list(p);
  }

  @Get(':code')
  get(@CurrentUser() p: Principal, @Param('code', new ZodPipe(PlanCode)) code: string) {
    return this.plans.get(p, code);
  }

  @Get(':code/versions/:version')
  source(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(PlanCode)) code: string,
    @Param('version', new ZodPipe(Version)) version: number,
  ) {
    return this.plans.source(p, code, version);
  }

  @Post(':code/amendments/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Xem trước điều chỉnh / What an amendment would change' })
  @ApiBody({ schema: jsonSchema(AmendmentPreviewBody) })
  amendmentPreview(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(PlanCode)) code: string,
    @Body(ZodBody(AmendmentPreviewBody)) b: z.infer<typeof AmendmentPreviewBody>,
  ) {
    return this.plans.amendmentPreview(p, code, b, b.startOn);
  }

  @Post(':code/amendments')
  @ApiOperation({
    summary:
      'Điều chỉnh kế hoạch / Amend the running plan (confirmRemovals = the count when it cancels more than 5 assignments)',
  })
  @ApiBody({ schema: jsonSchema(AmendBody) })
  amend(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(PlanCode)) code: string,
    @Body(ZodBody(AmendBody)) b: z.infer<typeof AmendBody>,
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
