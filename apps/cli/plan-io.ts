import { codeFrameColumns } from '@babel/code-frame';
import { existsSync, readFileSync, statSync } from 'node:fs';
import pc from 'picocolors';
import { compilePlan } from '../../dsl/compile/compile.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { stageProgress } from './progress.js';
import { checkPlan, hasErrors, type CheckResult, type Diagnostic } from '../../dsl/index.js';

/** Exit codes of the plan commands. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

export class UsageError extends Error {}

export function diskLoader(path: string): string | undefined {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}

export function checkFile(path: string): CheckResult {
  if (!diskLoader(path)) throw new UsageError(`không đọc được tệp / cannot read file: ${path}`);
  return checkPlan(diskLoader, path);
}

export type MessageLang = 'vi' | 'en' | 'both';

const SEVERITY = {
  error: { vi: 'lỗi', en: 'error', color: pc.red },
  warning: { vi: 'cảnh báo', en: 'warning', color: pc.yellow },
  info: { vi: 'thông tin', en: 'info', color: pc.cyan },
} as const;

/** file:line:column, severity and code, the message (Vietnamese first), a code frame and the hint. */
export function renderDiagnostic(d: Diagnostic, lang: MessageLang = 'both'): string {
  const s = SEVERITY[d.severity];
  const where = `${d.file}:${d.range.start.line}:${d.range.start.column}`;
  const label = lang === 'en' ? s.en : s.vi;
  const lines = [
    `${pc.bold(where)} ${s.color(`${label} ${d.code}`)}: ${lang === 'en' ? d.message.en : d.message.vi}`,
  ];
  if (lang === 'both') lines.push(pc.dim(`  ${d.message.en}`));
  const source = diskLoader(d.file);
  if (source) {
    const end =
      d.range.end.line === d.range.start.line && d.range.end.column > d.range.start.column
        ? { line: d.range.end.line, column: d.range.end.column }
        : undefined;
    lines.push(
      codeFrameColumns(
        source,
        { start: d.range.start, ...(end ? { end } : {}) },
        { linesAbove: 1, linesBelow: 0 },
      ),
    );
  }
  if (d.hint)
    lines.push(
      `  ${pc.green('→')} ${lang === 'en' ? d.hint.en : d.hint.vi}${lang === 'both' ? pc.dim(` (${d.hint.en})`) : ''}`,
    );
  return lines.join('\n');
}

export function summary(diagnostics: Diagnostic[]): string {
  const n = (sev: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === sev).length;
  return `${n('error')} lỗi/errors, ${n('warning')} cảnh báo/warnings, ${n('info')} thông tin/info`;
}

/** Checks and compiles; prints the diagnostics and returns undefined when the plan has errors. */
export function compileFile(
  path: string,
  opts: { publishedOn?: string; quiet?: boolean; lang?: MessageLang } = {},
): { ir?: PlanIR; checked: CheckResult } {
  const progress = stageProgress(2, Buffer.byteLength(diskLoader(path) ?? ''));
  progress.stage('kiểm tra / checking');
  const checked = checkFile(path);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(checked.diagnostics)) {
    progress.done();
    for (const d of errors) process.stderr.write(renderDiagnostic(d, opts.lang) + '\n\n');
    process.stderr.write(`${summary(checked.diagnostics)}\n`);
    return { checked };
  }
  progress.stage('biên dịch / compiling');
  const ir = compilePlan(checked.model, opts.publishedOn ? { publishedOn: opts.publishedOn } : {});
  progress.done();
  return { ir, checked };
}
