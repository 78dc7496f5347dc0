/**
 * Importing a plan from the office's own document: the task table of a Word (.docx) or Excel (.xlsx) file read
 * into a plan file the checker accepts, with a warning at each cell it could not understand.
 *
 *   importPlan(bytes, { fileName, entry, units?, sources? }) → { text, warnings, figures, diagnostics }
 */
import { importTable, ImportRefused, type ImportOptions, type ImportResult } from './plan.js';
import { readDocx } from './read-docx.js';
import { readXlsx } from './read-xlsx.js';

export { headerFacts, ImportRefused } from './plan.js';
export type {
  CellPosition,
  ImportFigures,
  ImportOptions,
  ImportResult,
  ImportWarning,
  Text,
} from './plan.js';
export { readDocx } from './read-docx.js';
export { readXlsx } from './read-xlsx.js';

/** The file's kind from its first bytes (both are ZIP files) and its name. */
export function documentKind(fileName: string): 'docx' | 'xlsx' | undefined {
  const ext = /\.(docx|xlsx)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'docx' || ext === 'xlsx' ? ext : undefined;
}

export async function importPlan(bytes: Uint8Array, opts: ImportOptions): Promise<ImportResult> {
  const kind = documentKind(opts.fileName);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!kind || !isZip)
    throw new ImportRefused('unreadable', {
      vi: 'Chỉ nhập được tệp Word (.docx) hoặc Excel (.xlsx); tệp .doc, .xls cũ hãy lưu lại dưới dạng .docx, .xlsx.',
      en: 'Only Word (.docx) or Excel (.xlsx) files can be imported; save old .doc/.xls files as .docx/.xlsx.',
    });
  let doc;
  try {
    doc = kind === 'docx' ? await readDocx(bytes) : await readXlsx(bytes);
  } catch {
    throw new ImportRefused('unreadable', {
      vi: `Không đọc được tệp ${kind === 'docx' ? 'Word' : 'Excel'}: tệp hỏng hoặc không đúng định dạng.`,
      en: `Cannot read the ${kind === 'docx' ? 'Word' : 'Excel'} file: damaged or not in that format.`,
    });
  }
  return importTable(doc, opts);
}
