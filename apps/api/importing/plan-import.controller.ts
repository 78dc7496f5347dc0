import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/decorators.js';
import { Declare } from '../common/openapi.js';
import { rawText } from '../common/schemas.js';
import { PlanImportService } from './plan-import.service.js';

const planFile = z
  .string()
  .regex(/^[A-Za-z0-9_.\-/]{1,200}\.(dondoc|ics)$/, 'a relative path ending in .dondoc or .ics');
const ImportBody = z
  .object({
    fileName: z
      .string()
      .min(1)
      .max(255)
      .regex(/\.([dD][oO][cC][xX]|[xX][lL][sS][xX])$/, 'a .docx or .xlsx file'),
    // base64 of at most 4 MB (MAX_IMPORT_BYTES), checked again after decoding.
    content: z.base64().max(5_600_000),
    entry: planFile.default('ke-hoach.dondoc'),
    units: planFile.optional(),
    files: z
      .record(planFile, rawText(5_000_000))
      .refine((f) => Object.keys(f).length <= 50, { message: 'at most 50 files' })
      .default({}),
  })
  .strict();

/** The plan editor's upload: Home Affairs only, as publishing. */
@ApiTags('plans')
@Controller('plans')
@Roles('admin', 'home_affairs')
export class PlanImportController {
  constructor(@Inject(PlanImportService) private readonly importing: PlanImportService) {}

  @Declare({
    operationId: 'importPlan',
    summary:
      'Nhập kế hoạch từ Word/Excel / Import a plan from the task table of a .docx or .xlsx (as dondoc import)',
    body: ImportBody,
    responses: { 200: z.looseObject({}) },
    errors: [422],
  })
  @Post('import')
  @HttpCode(200)
  import(@Body() b: z.output<typeof ImportBody>) {
    return this.importing.import(b);
  }
}
