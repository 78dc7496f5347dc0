import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { type ReportAnswer, ReportsService } from './reports.service.js';

const Format = z.enum(['json', 'html', 'pdf', 'docx', 'xlsx', 'csv']).default('json');
/** The language of the DOCX and PDF: Vietnamese, or English on request. */
const Lang = z.enum(['vi', 'en']).default('vi');
const ListQuery = z.object({
  plan: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const DefinitionsQuery = z.object({ plan: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/) });
const RunKey = z.string().regex(/^report\/[a-z0-9][a-z0-9_-]*\/[a-z0-9_]+\/[\w-]+$/, 'a report key');
const Generate = z
  .object({
    plan: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
    report: z.string().regex(/^[a-z0-9_]+$/),
    /** An instant (ISO 8601) or a local date, read as its end (24:00 in Asia/Ho_Chi_Minh). */
    asOf: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
    period: z
      .string()
      .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]|W(0[1-9]|[1-4]\d|5[0-3])))?$/)
      .optional(),
    format: Format,
    lang: Lang,
  })
  .strict()
  .refine((g) => !(g.asOf && g.period), { message: 'give asOf or period, not both' });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles('admin', 'home_affairs', 'chairperson', 'viewer')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({ summary: 'Các báo cáo đã ban hành / Issued reports, newest first' })
  list(@CurrentUser() p: Principal, @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>) {
    return this.reports.list(p, q);
  }

  @Get('definitions')
  @ApiOperation({
    summary: 'Các báo cáo kế hoạch quy định và các kỳ / The reports a plan defines, with their periods',
  })
  definitions(
    @CurrentUser() p: Principal,
    @Query(new ZodPipe(DefinitionsQuery)) q: z.infer<typeof DefinitionsQuery>,
  ) {
    return this.reports.definitions(p, q.plan);
  }

  /** One issued report; ?format=html|pdf|docx|xlsx|csv downloads it (DOCX and PDF in the Decree 30 form). The key has slashes: encode them (%2F). */
  @Get(':key')
  @ApiOperation({ summary: 'Một báo cáo (JSON, HTML, PDF, DOCX, XLSX, CSV) / One issued report' })
  async get(
    @CurrentUser() p: Principal,
    @Param('key', new ZodPipe(RunKey)) key: string,
    @Query('format', new ZodPipe(Format)) format: z.infer<typeof Format>,
    @Query('lang', new ZodPipe(Lang)) lang: z.infer<typeof Lang>,
    @Res() reply: FastifyReply,
  ) {
    await send(reply, await this.reports.issued(p, key, format, lang));
  }

  @Post('generate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lập báo cáo tại một thời điểm bất kỳ / A report as of any instant, from the event log',
  })
  @ApiBody({ schema: jsonSchema(Generate) })
  async generate(
    @CurrentUser() p: Principal,
    @Body(ZodBody(Generate)) g: z.infer<typeof Generate>,
    @Res() reply: FastifyReply,
  ) {
    await send(reply, await this.reports.generate(p, g));
  }
}

/** HTML opens in the browser, the other files download; a report is never cached (it is scoped to the caller). */
function send(reply: FastifyReply, answer: ReportAnswer) {
  if (answer.format === 'json') return reply.send(answer.content);
  const disposition = answer.format === 'html' ? 'inline' : 'attachment';
  return reply
    .header('content-type', answer.contentType)
    .header('content-disposition', `${disposition}; filename="${answer.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(answer.body);
}
