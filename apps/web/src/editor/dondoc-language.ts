// CodeMirror support for the plan language. Highlighting comes from the language's own lexer (the one
// `dondoc check` uses), so a word is coloured as a keyword exactly when the checker reads it as one, in
// Vietnamese or English. Diagnostics come from the server's checker: same codes, ranges and messages.
import { type Diagnostic as CmDiagnostic, linter, lintGutter } from '@codemirror/lint';
import { type Extension, RangeSetBuilder, StateEffect, type Text as CmText } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { KEYWORDS } from '../../../../dsl/lexer/keywords.js';
import { lex } from '../../../../dsl/lexer/lexer.js';

export interface PlanDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  message: { vi: string; en: string };
  hint?: { vi: string; en: string };
}

const KEYWORD_NAMES: ReadonlySet<string> = new Set(KEYWORDS.map((k) => k.name));
const NUMBER_TOKENS = new Set(['DateLit', 'MonthYear', 'DayMonth', 'Time', 'Decimal', 'Integer']);
const OPERATOR_TOKENS = new Set(['Ge', 'Le', 'Gt', 'Lt', 'Eq', 'Percent']);

const mark = (cls: string) => Decoration.mark({ class: cls });
const MARKS = {
  keyword: mark('dd-keyword'),
  string: mark('dd-string'),
  number: mark('dd-number'),
  name: mark('dd-name'),
  operator: mark('dd-operator'),
  comment: mark('dd-comment'),
};

function classOf(tokenName: string): keyof typeof MARKS | undefined {
  if (KEYWORD_NAMES.has(tokenName)) return 'keyword';
  if (tokenName === 'StringLit' || tokenName === 'UnterminatedString') return 'string';
  if (NUMBER_TOKENS.has(tokenName)) return 'number';
  if (tokenName === 'Identifier') return 'name';
  if (OPERATOR_TOKENS.has(tokenName)) return 'operator';
  return undefined;
}

function highlight(doc: CmText): DecorationSet {
  const text = doc.toString();
  // The lexer works on NFC text; offsets are only valid when the document already is NFC.
  if (text !== text.normalize('NFC')) return Decoration.none;
  const { tokens, comments } = lex(text, 'editor');
  const spans: { from: number; to: number; cls: keyof typeof MARKS }[] = [];
  for (const t of tokens) {
    const cls = classOf(t.tokenType.name);
    const to = (t.endOffset ?? t.startOffset) + 1;
    if (cls && to > t.startOffset && !Number.isNaN(t.startOffset))
      spans.push({ from: t.startOffset, to, cls });
  }
  for (const c of comments) spans.push({ from: c.offset, to: c.offset + c.text.length, cls: 'comment' });
  spans.sort((a, b) => a.from - b.from || a.to - b.to);
  const builder = new RangeSetBuilder<Decoration>();
  let last = -1;
  for (const s of spans) {
    if (s.from < last || s.to > text.length) continue;
    builder.add(s.from, s.to, MARKS[s.cls]);
    last = s.to;
  }
  return builder.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlight(view.state.doc);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = highlight(u.state.doc);
    }
  },
  { decorations: (v) => v.decorations },
);

const theme = EditorView.baseTheme({
  '.dd-keyword': { color: '#8e1b1b', fontWeight: '600' },
  '.dd-string': { color: '#1b5e20' },
  '.dd-number': { color: '#0d47a1' },
  '.dd-name': { color: '#4a148c' },
  '.dd-operator': { color: '#e65100' },
  '.dd-comment': { color: '#6b6b6b', fontStyle: 'italic' },
});

/** Line and column (1-based, column in characters) → document offset, clamped to the document. */
export function offsetOf(doc: CmText, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

export function toCmDiagnostics(
  doc: CmText,
  list: readonly PlanDiagnostic[],
  lang: 'vi' | 'en',
): CmDiagnostic[] {
  return list.map((d) => {
    const from = offsetOf(doc, d.range.start.line, d.range.start.column);
    let to = offsetOf(doc, d.range.end.line, d.range.end.column);
    if (to <= from) to = Math.min(from + 1, doc.length);
    const hint = d.hint ? ` — ${lang === 'vi' ? d.hint.vi : d.hint.en}` : '';
    return {
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: `${lang === 'vi' ? d.message.vi : d.message.en}${hint}`,
    };
  });
}

/** Dispatched when the plan's other files change (added, removed): the text is checked again at once. */
export const filesChanged = StateEffect.define<null>();

/**
 * The language: highlighting and diagnostics as you type. `check` is asked for the diagnostics of the
 * current text (debounced by the linter); it answers those of this file.
 */
export function dondoc(
  check: (text: string) => Promise<PlanDiagnostic[]>,
  lang: () => 'vi' | 'en',
): Extension {
  return [
    highlighter,
    theme,
    lintGutter(),
    linter(
      async (view) => {
        const text = view.state.doc.toString();
        const list = await check(text);
        // The document may have moved on while the server answered; the linter asks again then.
        if (view.state.doc.toString() !== text) return [];
        return toCmDiagnostics(view.state.doc, list, lang());
      },
      {
        delay: 400,
        needsRefresh: (u: ViewUpdate) =>
          u.transactions.some((t) => t.effects.some((e) => e.is(filesChanged))),
      },
    ),
  ];
}
