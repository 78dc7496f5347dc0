import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadCalendar } from './calendar.js';
import { loadPlan, toLoader, type Sources } from './load.js';
import type { PlanModel } from './model.js';
import type { ParsedFile } from './parse.js';
import { resolve } from './resolve.js';
import { validate } from './validate.js';

export interface CheckResult {
  /** The merged, resolved plan; present even with errors so tools can show what they can. */
  model: PlanModel;
  files: Map<string, ParsedFile>;
  /** Sorted by file and position. */
  diagnostics: Diagnostic[];
}

/** Runs every stage: lex, parse and build each file, load includes and templates, resolve names, check meaning. */
export function checkPlan(sources: Sources, entry: string): CheckResult {
  const loaded = loadPlan(entry, sources);
  const resolved = resolve(entry, loaded);
  const calendar = loadCalendar(resolved.model, toLoader(sources));
  const incomplete = new Set([...loaded.files.values()].flatMap((f) => [...f.incomplete]));
  const semantic = validate(resolved.model, resolved.used, incomplete);
  return {
    model: resolved.model,
    files: loaded.files,
    diagnostics: sortDiagnostics([...loaded.diagnostics, ...resolved.diagnostics, ...calendar, ...semantic]),
  };
}
