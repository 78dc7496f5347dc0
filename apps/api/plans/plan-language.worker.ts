// Runs in a worker thread of the API (plan-language.ts): checking and compiling a large plan takes seconds of CPU,
// which must not stop the API answering everyone else meanwhile.
import { compilePlan } from '../../../dsl/compile/compile.js';
import { checkPlan, hasErrors, type Diagnostic } from '../../../dsl/index.js';
import { formatPlan } from '../../../dsl/format/format.js';
import type { PlanIR } from '../../../dsl/ir/schema.js';

export interface PlanSources {
  /** The entry file's name; the files it includes are looked up in `files` by relative path. */
  entry: string;
  files: Record<string, string>;
}

export type LanguageTask =
  | { op: 'check'; sources: PlanSources }
  /** `startOn` (yyyy-mm-dd): tracking starts that day instead of the header's publication date. */
  | { op: 'compile'; sources: PlanSources; startOn?: string }
  | { op: 'format'; text: string; lang: 'vi' | 'en'; file: string };

export type LanguageResult =
  | { op: 'check'; diagnostics: Diagnostic[] }
  /** The IR only when the plan has no errors. */
  | { op: 'compile'; diagnostics: Diagnostic[]; ir?: PlanIR }
  | { op: 'format'; text: string; ok: boolean; diagnostics: Diagnostic[] };

/** Diagnostics with the same codes, positions and messages as `dondoc check`, and the IR when asked for. */
export function runLanguageTask(task: LanguageTask): LanguageResult {
  if (task.op === 'format') {
    const { text, ok, diagnostics } = formatPlan(task.text.normalize('NFC'), { lang: task.lang }, task.file);
    return { op: 'format', text, ok, diagnostics: [...diagnostics] };
  }
  const files = new Map(Object.entries(task.sources.files).map(([k, v]) => [k, v.normalize('NFC')]));
  const result = checkPlan(files, task.sources.entry);
  const diagnostics = [...result.diagnostics];
  if (task.op === 'check' || hasErrors(diagnostics)) return { op: task.op, diagnostics };
  const options = task.op === 'compile' && task.startOn ? { publishedOn: task.startOn } : {};
  return { op: 'compile', diagnostics, ir: compilePlan(result.model, options) };
}

export default runLanguageTask;
