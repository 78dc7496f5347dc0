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
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { attachmentDisposition } from './file-names.js';
import { FilesService } from './files.service.js';

export const AssignmentIdParam = z.string().min(1).max(300);
export const FileIdParam = z.uuid();
/** The multipart form of an upload: one part named "file" (documented for the OpenAPI document). */
export const UploadForm = z.object({ file: z.string().describe('binary') });
const KEY = /^[\w.:-]{1,100}$/;
/** Which evidence to package: a plan, a PAR-index criterion ("2.1"; empty: tasks without one), a unit. */
export const EvidenceArchiveQuery = z
  .object({
    plan: z
      .string()
      .max(100)
      .regex(/^[a-z0-9][a-z0-9_-]*$/),
    criterion: z.string().trim().max(50).default(''),
    unit: z
      .string()
      .max(100)
      .regex(/^[a-z0-9_]+$/)
      .optional(),
  })
  .strict();

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
@ApiBearerAuth()
@Controller()
export class FilesController {
  constructor(@Inject(FilesService) private readonly files: FilesService) {}

  @Post('assignments/:id/files')
  @ApiOperation({ summary: 'Đính kèm tệp kiểm chứng / Attach an evidence file' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async upload(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentIdParam)) id: string,
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

  @Get('assignments/:id/files')
  @ApiOperation({ summary: 'Các tệp của nhiệm vụ / The files of an assignment' })
  list(@CurrentUser() p: Principal, @Param('id', new ZodPipe(AssignmentIdParam)) id: string) {
    return this.files.list(p, id);
  }

  @Get('evidence-archive')
  @ApiOperation({
    summary:
      'Minh chứng của một tiêu chí Chỉ số CCHC (zip, theo đơn vị) / The evidence of a PAR-index criterion (zip, per unit)',
  })
  async archive(
    @CurrentUser() p: Principal,
    @Query(new ZodPipe(EvidenceArchiveQuery)) q: z.infer<typeof EvidenceArchiveQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { name, stream, count } = await this.files.criterionArchive(p, q);
    void reply.headers({ 'x-content-type-options': 'nosniff', 'x-file-count': String(count) });
    return new StreamableFile(stream, { type: 'application/zip', disposition: attachmentDisposition(name) });
  }

  @Get('files/:fileId')
  @ApiOperation({ summary: 'Tải tệp về (luôn là tệp đính kèm) / Download a file (always as an attachment)' })
  async download(
    @CurrentUser() p: Principal,
    @Param('fileId', new ZodPipe(FileIdParam)) fileId: string,
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
