import {
  Controller,
  Get,
  Headers,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { Declare } from '../common/openapi.js';
import { assignmentId, IdempotencyHeaders, planCode, unitCode } from '../common/schemas.js';
import { attachmentDisposition } from './file-names.js';
import { FilesService } from './files.service.js';

const IdParams = z.object({ id: assignmentId }).strict();
const FileParams = z.object({ fileId: z.uuid() }).strict();
const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
/** Which evidence to package: a plan, a PAR-index criterion ("2.1"; empty: tasks without one), a unit. */
export const EvidenceArchiveQuery = z
  .object({
    plan: planCode,
    criterion: z
      .string()
      .max(50)
      .regex(/^[0-9A-Za-z.]*$/)
      .default(''),
    unit: unitCode.optional(),
  })
  .strict();
const FileItem = z.looseObject({ id: z.string(), name: z.string(), size: z.union([z.int(), z.string()]) });
const binary = (description: string, type = 'application/octet-stream') => ({
  description,
  content: { [type]: { type: 'string', contentMediaType: type } },
});

/** A key the client meant but we cannot use must not silently become a new upload. */
export function idempotencyKey(header: string | undefined, req: FastifyRequest): string {
  if (header === undefined) return String(req.id);
  if (!KEY.test(header))
    throw new AppError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key chỉ gồm chữ, số và . : - _ (tối đa 100 ký tự).',
      'Idempotency-Key may hold letters, digits and . : - _ (at most 100 characters).',
    );
  return header;
}

@ApiTags('files')
@Controller()
export class FilesController {
  constructor(@Inject(FilesService) private readonly files: FilesService) {}

  @Declare({
    operationId: 'uploadFile',
    summary: 'Đính kèm tệp kiểm chứng / Attach an evidence file',
    params: IdParams,
    headers: IdempotencyHeaders,
    otherBody: {
      type: 'multipart/form-data',
      schema: {
        type: 'object',
        properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
        required: ['file'],
      },
      required: true,
    },
    responses: {
      200: {
        description: 'Đã có (gửi lại cùng khóa) / Already attached (a retry with the same key)',
        json: FileItem,
      },
      201: { description: 'Đã đính kèm / Attached', json: FileItem },
    },
    errors: [422],
  })
  @Post('assignments/:id/files')
  async upload(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { file, created } = await this.files.upload(
      p,
      id,
      (limits) =>
        req.file({ limits: { ...limits, files: 1, fields: 10, parts: 11 }, throwFileSizeLimit: false }),
      idempotencyKey(key, req),
      String(req.id),
    );
    void reply.status(created ? 201 : 200);
    return file;
  }

  @Declare({
    operationId: 'listFiles',
    summary: 'Các tệp của nhiệm vụ / The files of an assignment',
    params: IdParams,
    responses: { 200: z.array(FileItem) },
  })
  @Get('assignments/:id/files')
  list(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.files.list(p, id);
  }

  @Declare({
    operationId: 'evidenceArchive',
    summary:
      'Minh chứng của một tiêu chí Chỉ số CCHC (zip, theo đơn vị) / The evidence of a PAR-index criterion (zip, per unit)',
    query: EvidenceArchiveQuery,
    responses: { 200: binary('Tệp zip / A zip file', 'application/zip') },
    errors: [404],
  })
  @Get('evidence-archive')
  async archive(
    @CurrentUser() p: Principal,
    @Query() q: z.output<typeof EvidenceArchiveQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { name, stream, count } = await this.files.criterionArchive(p, q);
    void reply.headers({ 'x-content-type-options': 'nosniff', 'x-file-count': String(count) });
    return new StreamableFile(stream, { type: 'application/zip', disposition: attachmentDisposition(name) });
  }

  @Declare({
    operationId: 'downloadFile',
    summary: 'Tải tệp về (luôn là tệp đính kèm) / Download a file (always as an attachment)',
    params: FileParams,
    responses: { 200: binary('Tệp, kiểu như đã nhận diện / The file, its type as detected', '*/*') },
  })
  @Get('files/:fileId')
  async download(
    @CurrentUser() p: Principal,
    @Param('fileId') fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { file, stream } = await this.files.download(p, fileId);
    // Never rendered by the browser: an attachment, its type as detected, no sniffing, no scripts.
    void reply.headers({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    });
    return new StreamableFile(stream, {
      type: file.contentType,
      disposition: attachmentDisposition(file.name),
      length: Number(file.size),
    });
  }
}
