import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/decorators.js';
import { Declare } from '../common/openapi.js';
import { type Describes, rawText } from '../common/schemas.js';
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
      .meta({ maxProperties: 50 })
      .default({}),
  })
  .strict();

const text = z.object({ vi: z.string(), en: z.string() });
/** What the importer read (apps/importing/plan.ts): the plan text, its warnings by cell and line, the figures. */
const Imported = z.object({
  entry: z.string(),
  text: z.string(),
  figures: z.object({ rows: z.int().min(0), clean: z.int().min(0), areas: z.int().min(0) }),
  warnings: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['warning', 'info']),
      message: text,
      detail: text.optional(),
      source: z
        .object({
          table: z.int(),
          sheet: z.string().optional(),
          row: z.int(),
          column: z.string(),
          header: z.string().optional(),
          text: z.string().optional(),
        })
        .optional(),
      where: text.optional(),
      line: z.int().optional(),
    }),
  ),
  table: z.object({ index: z.int(), sheet: z.string().optional() }).optional(),
  /** Errors the checker finds in the generated file (0: it publishes as it is). */
  errors: z.int().min(0),
});
void (true satisfies Describes<typeof Imported, Awaited<ReturnType<PlanImportService['import']>>>);

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
    responses: { 200: Imported },
    errors: [422],
  })
  @Post('import')
  @HttpCode(200)
  import(@Body() b: z.output<typeof ImportBody>) {
    return this.importing.import(b);
  }
}
