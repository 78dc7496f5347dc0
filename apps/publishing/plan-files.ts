// A plan on disk as the publisher stores it: the entry file and every file the checker read for it (includes,
// extended templates, ICS calendars), by path relative to the entry's directory — the same shape the API and the
// editor send — compiled as of the header's publication date or an explicit later (or earlier) start.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compilePlan } from '../../dsl/compile/compile.js';
import { checkPlan, hasErrors, type Diagnostic } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import type { PlanFiles } from '../database/repositories/plan.repository.js';

/** Compiles plan files; `startOn` (yyyy-mm-dd) starts tracking on that day instead of the header's date. */
export function compileSources(
  sources: PlanFiles,
  opts: { startOn?: string } = {},
): { ir?: PlanIR; diagnostics: Diagnostic[] } {
  const files = new Map(Object.entries(sources.files).map(([k, v]) => [k, v.normalize('NFC')]));
  const checked = checkPlan(files, sources.entry);
  const diagnostics = [...checked.diagnostics];
  if (hasErrors(diagnostics)) return { diagnostics };
  return {
    diagnostics,
    ir: compilePlan(checked.model, opts.startOn ? { publishedOn: opts.startOn } : {}),
  };
}

/** Reads a plan's entry file and every file it uses from disk. */
export function readPlanFiles(entryPath: string): PlanFiles {
  const dir = dirname(entryPath);
  const entry = basename(entryPath);
  const files: Record<string, string> = {};
  checkPlan((path) => {
    const full = path.startsWith('/') ? path : join(dir, path);
    if (!existsSync(full) || !statSync(full).isFile()) return undefined;
    const text = readFileSync(full, 'utf8');
    files[path] = text;
    return text;
  }, entry);
  return { entry, files };
}

/**
 * A plan file from disk, read and compiled for `publishPlan`: pass `files` and `startOn` on to it, so that the
 * stored version holds every file and an amendment opened in the editor compiles exactly as this did.
 */
export function compilePlanFiles(
  entryPath: string,
  opts: { startOn?: string } = {},
): { files: PlanFiles; ir?: PlanIR; diagnostics: Diagnostic[]; startOn?: string } {
  const files = readPlanFiles(entryPath);
  return { files, ...compileSources(files, opts), ...(opts.startOn ? { startOn: opts.startOn } : {}) };
}
