// Runs in a worker thread of the API (plan-import-pool.ts): an import checks the plan it writes once per set of
// refused phrases, which for a province directory is seconds of CPU the API must not spend on its event loop.
import { importPlan, ImportRefused, type ImportResult, type Text } from '../../importing/index.js';

export interface ImportTask {
  bytes: Uint8Array;
  fileName: string;
  entry: string;
  /** The editor's other files (the directory and what it includes), by relative path. */
  files: Record<string, string>;
  units?: string;
}

/** A refusal crosses the thread boundary as data (an Error subclass would arrive as a plain Error). */
export type ImportOutcome =
  { ok: true; result: ImportResult } | { ok: false; code: ImportRefused['code']; text: Text };

export async function runImportTask(task: ImportTask): Promise<ImportOutcome> {
  try {
    const result = await importPlan(task.bytes, {
      fileName: task.fileName,
      entry: task.entry,
      ...(task.units !== undefined
        ? { units: task.units, sources: new Map(Object.entries(task.files)) }
        : {}),
    });
    return { ok: true, result };
  } catch (err) {
    if (err instanceof ImportRefused) return { ok: false, code: err.code, text: err.text };
    throw err;
  }
}

export default runImportTask;
