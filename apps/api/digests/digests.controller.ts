import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { planCode } from '../common/schemas.js';
import { DigestsService } from './digests.service.js';

const ListQuery = z
  .object({
    plan: planCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
const KeyParams = z
  .object({
    key: z
      .string()
      .max(300)
      .regex(
        /^digest\/[a-z0-9][a-z0-9_-]*\/(person|unit):[A-Za-z0-9_.-]+\/[A-Za-z0-9_:.+-]+$/,
        'a digest key',
      ),
  })
  .strict();
/** The language of the document: Vietnamese, or English on request. */
const Lang = z.enum(['vi', 'en']).default('vi');
const DocumentQuery = z.object({ format: z.enum(['docx', 'pdf']), lang: Lang }).strict();
const Digest = z.looseObject({ key: z.string(), planCode: z.string(), recipient: z.string() });
const document = (type: string) => ({ [type]: { type: 'string', contentMediaType: type } });

@ApiTags('digests')
@Controller('digests')
export class DigestsController {
  constructor(@Inject(DigestsService) private readonly digests: DigestsService) {}

  @Declare({
    operationId: 'listDigests',
    summary: 'Bản tổng hợp leo thang gửi tôi / Escalation digests addressed to me, newest first',
    query: ListQuery,
    responses: { 200: z.array(Digest) },
  })
  @Get()
  list(@CurrentUser() p: Principal, @Query() q: z.output<typeof ListQuery>) {
    return this.digests.list(p, q);
  }

  @Declare({
    operationId: 'currentDigests',
    summary: 'Bản tổng hợp mới nhất / The latest digest for each of my recipients',
    query: ListQuery,
    responses: { 200: z.array(Digest) },
  })
  @Get('current')
  current(@CurrentUser() p: Principal, @Query() q: z.output<typeof ListQuery>) {
    return this.digests.current(p, q);
  }

  /** One digest as a document in the Decree 30 form. The key has slashes: encode them (%2F). */
  @Declare({
    operationId: 'digestDocument',
    summary: 'Bản tổng hợp dạng văn bản (DOCX, PDF) / One digest as a Decree 30 document',
    params: KeyParams,
    query: DocumentQuery,
    responses: {
      200: {
        description: 'Văn bản / The document',
        content: {
          ...document('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
          ...document('application/pdf'),
        },
      },
    },
  })
  @Get(':key')
  async document(
    @CurrentUser() p: Principal,
    @Param('key') key: string,
    @Query() q: z.output<typeof DocumentQuery>,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.digests.document(p, key, q.format, q.lang);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  }
}
