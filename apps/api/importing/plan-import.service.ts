import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/problem.filter.js';
import { PlanImportPool } from './plan-import-pool.js';

/** A plan's appendix is a few hundred rows: 4 MB of DOCX/XLSX is far more than any seen. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export interface PlanImportRequest {
  fileName: string;
  /** The document, base64. */
  content: string;
  /** The plan file the result replaces (includes are relative to it). */
  entry: string;
  /** The editor's other files: the unit directory and what it includes. */
  files: Record<string, string>;
  /** Which of `files` is the unit directory. */
  units?: string | undefined;
}

@Injectable()
export class PlanImportService {
  constructor(@Inject(PlanImportPool) private readonly pool: PlanImportPool) {}

  /** The plan text read from the document's task table, its warnings (cell and line) and figures. */
  async import(req: PlanImportRequest) {
    const bytes = Buffer.from(req.content, 'base64');
    if (bytes.length > MAX_IMPORT_BYTES)
      throw new AppError(
        413,
        'import_too_large',
        `Tệp quá lớn để nhập (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`,
        `The file is too large to import (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`,
      );
    if (req.units !== undefined && req.files[req.units] === undefined)
      throw new AppError(
        422,
        'units_missing',
        `Không có tệp danh bạ ${req.units} trong các tệp của kế hoạch.`,
        `The unit directory ${req.units} is not among the plan's files.`,
      );
    const outcome = await this.pool.run({
      bytes,
      fileName: req.fileName,
      entry: req.entry,
      files: req.files,
      ...(req.units !== undefined ? { units: req.units } : {}),
    });
    if (!outcome.ok) throw new AppError(422, outcome.code, outcome.text.vi, outcome.text.en);
    const { result } = outcome;
    const errors = result.diagnostics.filter((d) => d.severity === 'error' && d.file === req.entry).length;
    return {
      entry: req.entry,
      text: result.text,
      figures: result.figures,
      warnings: result.warnings,
      table: result.table,
      errors,
    };
  }
}
