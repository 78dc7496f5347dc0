/**
 * The plan language of Đôn Đốc: one entry point for the CLI, the API and the compiler.
 *
 *   parsePlan(sources, entry)  lex + parse + AST of the entry and every file it includes or extends
 *   checkPlan(sources, entry)  all stages, with the merged and resolved PlanModel the compiler consumes
 *   formatPlan(text, { lang }) the pretty printer (idempotent, keeps comments, vi/en keyword rewrite)
 */
import type { PlanFile } from './ast/nodes.js';
import { checkPlan as runCheck, type CheckResult } from './check/check.js';
import { loadPlan, type Sources } from './check/load.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';

export * from './ast/nodes.js';
export { BLOCK_PROPS } from './parser/actions.js';
export type { CheckResult } from './check/check.js';
export {
  loadPlan,
  resolvePath,
  toLoader,
  type Loader,
  type Sources,
  type Layer,
  type LoadResult,
} from './check/load.js';
export {
  DEFAULT_CALENDAR,
  DEFAULT_TIME_ZONE,
  effectivePolicy,
  leadUnits,
  unitsOfName,
  type EffectiveHeader,
  type ModelArea,
  type PlanModel,
} from './check/model.js';
export { parseFile, type ParsedFile } from './check/parse.js';
export { PLAN_CODE, planCodeOf } from './check/plan-code.js';
export { deadlineDate } from './check/validate.js';
export { ALL_CODES, CODES, type CodeSpec, type DiagnosticCode } from './diagnostics/codes.js';
export {
  closest,
  diagnostic,
  editDistance,
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
  type Position,
  type Range,
  type Severity,
  type Text,
} from './diagnostics/diagnostic.js';
export { formatPlan, printPlan, type FormatOptions, type FormatResult } from './format/format.js';
export { KEYWORDS, spell, type KeywordName, type KeywordSpec, type Lang } from './lexer/keywords.js';
export { lex, type Comment, type LexResult } from './lexer/lexer.js';

export interface ParsePlanResult {
  /** The entry file's AST (undefined if it could not be read). */
  ast: PlanFile | undefined;
  /** Every loaded file's AST, by path. */
  files: Map<string, PlanFile>;
  diagnostics: Diagnostic[];
}

/** Lexes and parses the entry file and every file it includes or extends; no name resolution. */
export function parsePlan(sources: Sources, entry: string): ParsePlanResult {
  const loaded = loadPlan(entry, sources);
  const files = new Map([...loaded.files].map(([p, f]) => [p, f.ast]));
  return { ast: files.get(entry), files, diagnostics: sortDiagnostics(loaded.diagnostics) };
}

/** Runs every stage and returns the resolved model with all diagnostics, sorted. */
export function checkPlan(sources: Sources, entry: string): CheckResult {
  return runCheck(sources, entry);
}
