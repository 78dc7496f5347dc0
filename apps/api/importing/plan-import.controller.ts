import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/decorators.js';
import { jsonSchema, ZodBody } from '../common/zod.pipe.js';
import { PlanImportService } from './plan-import.service.js';

const planFile = z
  .string()
  .regex(/^[\w.\-/]{1,200}\.(dondoc|ics)$/, 'a relative path ending in .dondoc or .ics');
const ImportBody = z
  .object({
    fileName: z
      .string()
      .min(1)
      .max(255)
      .regex(/\.(docx|xlsx)$/i, 'a .docx or .xlsx file'),
    // base64 of at most 4 MB (MAX_IMPORT_BYTES), checked again after decoding.
    content: z.base64().max(5_600_000),
    entry: planFile.default('ke-hoach.dondoc'),
    units: planFile.optional(),
    files: z
      .record(planFile, z.string().max(5_000_000))
      .refine((f) => Object.keys(f).length <= 50, { message: 'at most 50 files' })
      .default({}),
  })
  .strict();

/** The plan editor's upload: Home Affairs only, as publishing. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
@Roles('admin', 'home_affairs')
export class PlanImportController {
  constructor(@Inject(PlanImportService) private readonly importing: PlanImportService) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Nhập kế hoạch từ Word/Excel / Import a plan from the task table of a .docx or .xlsx (as dondoc import)',
  })
  @ApiBody({ schema: jsonSchema(ImportBody) })
  import(@Body(ZodBody(ImportBody)) b: z.infer<typeof ImportBody>) {
    return this.importing.import(b);
  }
}
