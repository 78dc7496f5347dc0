import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { localDate, planCode, unitCode } from '../common/schemas.js';
import { type ReportAnswer, ReportsService } from './reports.service.js';

const Format = z.enum(['json', 'html', 'pdf', 'docx', 'xlsx', 'csv']).default('json');
/** The language of the DOCX and PDF: Vietnamese, or English on request. */
const Lang = z.enum(['vi', 'en']).default('vi');
const ListQuery = z
  .object({
    plan: planCode.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const DefinitionsQuery = z.object({ plan: planCode }).strict();
const KeyParams = z
  .object({
    key: z
      .string()
      .max(300)
      .regex(/^report\/[a-z0-9][a-z0-9_-]*\/[a-z0-9_]+\/[A-Za-z0-9_-]+$/, 'a report key'),
  })
  .strict();
const FormatQuery = z.object({ format: Format, lang: Lang }).strict();
const Generate = z
  .object({
    plan: planCode,
    report: unitCode,
    /** An instant (ISO 8601) or a local date, read as its end (24:00 in Asia/Ho_Chi_Minh). */
    asOf: z.union([z.iso.datetime({ offset: true }), localDate]).optional(),
    period: z
      .string()
      .regex(/^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]|W(0[1-9]|[1-4][0-9]|5[0-3])))?$/)
      .optional(),
    format: Format,
    lang: Lang,
  })
  .strict()
  .refine((g) => !(g.asOf && g.period), { message: 'give asOf or period, not both' })
  .meta({ not: { required: ['asOf', 'period'] } });

const file = (type: string) => ({ [type]: { type: 'string', contentMediaType: type } });
/** A report as JSON, or as the file its format asks for. */
const Report = {
  description: 'Báo cáo (JSON hoặc tệp theo format) / The report, as JSON or the file format asks for',
  json: z.looseObject({}),
  content: {
    ...file('text/html'),
    ...file('application/pdf'),
    ...file('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    ...file('text/csv'),
  },
};

@ApiTags('reports')
@Controller('reports')
@Roles('admin', 'home_affairs', 'chairperson', 'viewer')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Declare({
    operationId: 'listReports',
    summary: 'Các báo cáo đã ban hành / Issued reports, newest first',
    query: ListQuery,
    responses: { 200: z.array(z.looseObject({ key: z.string() })) },
  })
  @Get()
  list(@CurrentUser() p: Principal, @Query() q: z.output<typeof ListQuery>) {
    return this.reports.list(p, q);
  }

  @Declare({
    operationId: 'reportDefinitions',
    summary: 'Các báo cáo kế hoạch quy định và các kỳ / The reports a plan defines, with their periods',
    query: DefinitionsQuery,
    responses: { 200: z.array(z.looseObject({})) },
    errors: [404],
  })
  @Get('definitions')
  definitions(@CurrentUser() p: Principal, @Query() q: z.output<typeof DefinitionsQuery>) {
    return this.reports.definitions(p, q.plan);
  }

  /** One issued report; ?format=html|pdf|docx|xlsx|csv downloads it (DOCX and PDF in the Decree 30 form). */
  @Declare({
    operationId: 'getReport',
    summary: 'Một báo cáo (JSON, HTML, PDF, DOCX, XLSX, CSV) / One issued report',
    description: 'The key has slashes: encode them (%2F).',
    params: KeyParams,
    query: FormatQuery,
    responses: { 200: Report },
  })
  @Get(':key')
  async get(
    @CurrentUser() p: Principal,
    @Param('key') key: string,
    @Query() q: z.output<typeof FormatQuery>,
    @Res() reply: FastifyReply,
  ) {
    await send(reply, await this.reports.issued(p, key, q.format, q.lang));
  }

  @Declare({
    operationId: 'generateReport',
    summary: 'Lập báo cáo tại một thời điểm bất kỳ / A report as of any instant, from the event log',
    body: Generate,
    responses: { 200: Report },
    errors: [404, 422],
  })
  @Post('generate')
  @HttpCode(200)
  async generate(
    @CurrentUser() p: Principal,
    @Body() g: z.output<typeof Generate>,
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
