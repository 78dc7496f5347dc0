import { CODES, type DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning' | 'info';

/** A position in a source file: line and column count from 1, offset (UTF-16 units) from 0. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open range: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

export interface Text {
  vi: string;
  en: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  file: string;
  range: Range;
  message: Text;
  hint?: Text;
}

export type Args = Readonly<Record<string, string | number>>;

function fill(template: string, args: Args): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = args[key];
    return value === undefined ? whole : String(value);
  });
}

/** Builds a diagnostic from the registry's texts. */
export function diagnostic(
  code: DiagnosticCode,
  file: string,
  range: Range,
  args: Args = {},
  hint?: Text,
): Diagnostic {
  const spec = CODES[code];
  const d: Diagnostic = {
    code,
    severity: spec.severity,
    file,
    range,
    message: { vi: fill(spec.message.vi, args), en: fill(spec.message.en, args) },
  };
  const hintText = hint ?? ('hint' in spec && spec.hint ? spec.hint : undefined);
  if (hintText) d.hint = { vi: fill(hintText.vi, args), en: fill(hintText.en, args) };
  return d;
}

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.offset - b.range.start.offset ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Levenshtein distance, used for "did you mean …?" hints. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate within a distance that grows with the name's length, if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  const folded = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(folded, c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Formats a diagnostic on one line: file:line:column severity code message. */
export function formatDiagnostic(d: Diagnostic, lang: 'vi' | 'en' = 'vi'): string {
  const hint = d.hint ? ` (${d.hint[lang]})` : '';
  return `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message[lang]}${hint}`;
}
