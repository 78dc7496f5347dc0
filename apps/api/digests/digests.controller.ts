import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DigestsService } from './digests.service.js';

const Query_ = z.object({
  plan: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const DigestKey = z
  .string()
  .regex(/^digest\/[a-z0-9][a-z0-9_-]*\/(person|unit):[\w.-]+\/[\w:.+-]+$/, 'a digest key');
const DocumentFormat = z.enum(['docx', 'pdf']);
/** The language of the document: Vietnamese, or English on request. */
const Lang = z.enum(['vi', 'en']).default('vi');

@ApiTags('digests')
@ApiBearerAuth()
@Controller('digests')
export class DigestsController {
  constructor(@Inject(DigestsService) private readonly digests: DigestsService) {}

  @Get()
  @ApiOperation({
    summary: 'Bản tổng hợp leo thang gửi tôi / Escalation digests addressed to me, newest first',
  })
  list(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.digests.list(p, q);
  }

  @Get('current')
  @ApiOperation({ summary: 'Bản tổng hợp mới nhất / The latest digest for each of my recipients' })
  current(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.digests.current(p, q);
  }

  /** One digest as a document in the Decree 30 form. The key has slashes: encode them (%2F). */
  @Get(':key')
  @ApiOperation({
    summary: 'Bản tổng hợp dạng văn bản (DOCX, PDF) / One digest as a Decree 30 document',
  })
  async document(
    @CurrentUser() p: Principal,
    @Param('key', new ZodPipe(DigestKey)) key: string,
    @Query('format', new ZodPipe(DocumentFormat)) format: z.infer<typeof DocumentFormat>,
    @Query('lang', new ZodPipe(Lang)) lang: z.infer<typeof Lang>,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.digests.document(p, key, format, lang);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  }
}
