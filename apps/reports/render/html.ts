/**
 * The report as one standalone, printable HTML document: inline CSS and SVG, no scripts, no external
 * assets, so it can be mailed, archived or printed to A4 as is.
 */
import { drawCharts } from './charts.js';
import { L, STATUS_COLORS, type Label } from './format.js';
import { html, raw, type Markup } from './markup.js';
import {
  cellsFor,
  forView,
  isStatus,
  printsEmpty,
  type Cell,
  type Column,
  type Figure,
  type Groups,
  type Heading,
  type Inline,
  type Note,
  type ReportSections,
  type Row,
  type Section,
  type Table,
  type Tone,
} from './sections.js';

const CSS = `
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: Roboto, "Segoe UI", Arial, "Helvetica Neue", sans-serif; font-size: 10.5pt; color: #212121;
  margin: 0 auto; max-width: 1120px; padding: 16px; line-height: 1.35;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.en { display: block; font-size: 0.8em; font-weight: normal; color: #757575; }
.en-inline { font-size: 0.8em; font-weight: normal; color: #757575; }
header.doc { border-bottom: 2px solid #b71c1c; padding-bottom: 8px; margin-bottom: 12px; }
.issuer { text-transform: uppercase; font-weight: 700; font-size: 0.95em; }
.plan { margin: 2px 0; }
h1 { font-size: 1.45em; margin: 8px 0 6px; color: #b71c1c; }
h2 { font-size: 1.2em; margin: 20px 0 8px; border-bottom: 1px solid #bdbdbd; padding-bottom: 2px; }
h3 { font-size: 1.05em; margin: 14px 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; }
dl.meta dt { font-weight: 700; }
dl.meta dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.card { border: 1px solid #e0e0e0; border-left: 6px solid #9e9e9e; padding: 6px 8px; break-inside: avoid; }
.card .n { font-size: 1.5em; font-weight: 700; }
.card.rate { border-left-color: #b71c1c; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 0.92em; }
th, td { border: 1px solid #bdbdbd; padding: 3px 5px; vertical-align: top; }
th { background: #eeeeee; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.strong { font-weight: 700; }
tr { break-inside: avoid; }
tr.flag td { background: #ffebee; }
tfoot td { font-weight: 700; background: #fafafa; }
.up { color: #2e7d32; } .down { color: #c62828; }
.muted { color: #757575; }
.interim { border: 2px solid #c62828; background: #ffebee; color: #b71c1c; padding: 6px 10px; margin: 6px 0 8px; }
.interim strong { font-size: 1.15em; text-transform: uppercase; }
.chart { margin: 6px 0 10px; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
a { color: #0d47a1; word-break: break-all; }
footer { margin-top: 18px; font-size: 0.85em; color: #757575; border-top: 1px solid #e0e0e0; padding-top: 4px; }
`;

const TONE_CLASS: Record<Tone, string> = { good: 'up', bad: 'down', muted: 'muted' };

function classes(...names: (string | false | undefined)[]): Markup {
  const list = names.filter(Boolean).join(' ');
  return list ? html` class="${list}"` : raw('');
}

// Vietnamese only: people read the report, so no English beside it and no identifier (docs/reports.md).
function heading(tag: 'h2' | 'h3', h: Heading): Markup {
  return html`${raw(`<${tag}>`)}${h.text}${raw(`</${tag}>`)}`;
}

const sectionHeading = (label: Label) => heading('h2', { text: label.vi });

function th(label: Label): Markup {
  return html`<th>${label.vi}</th>`;
}

function td(cell: Cell): Markup {
  const numeric = cell.type !== 'text';
  const content = cell.href
    ? html`<a href="${cell.href}">${cell.text}</a>`
    : cell.detail !== undefined
      ? html`${cell.text}<span class="en">${cell.detail}</span>`
      : cell.text;
  return html`<td${classes(numeric && 'num', cell.tone && TONE_CLASS[cell.tone], cell.strong && 'strong')}>${content}</td>`;
}

function tr(row: Row, columns: readonly Column[]): Markup {
  return html`<tr${row.flagged ? raw(' class="flag"') : ''}>${cellsFor(columns, row.cells, 'print').map(td)}</tr>`;
}

function table(t: Table): Markup {
  const columns = forView(t.columns, 'print');
  const footer = t.footer;
  return html`<table>
    <thead>
      <tr>
        ${columns.map((c) => th(c.label))}
      </tr>
    </thead>
    <tbody>
      ${forView(t.rows, 'print').map((row) => tr(row, t.columns))}
    </tbody>
    ${
      footer
        ? html`<tfoot>
            <tr>
              <td colspan="${footer.span}">${footer.label}</td>
              ${cellsFor(t.columns.slice(footer.span), footer.cells, 'print').map((cell) =>
                cell ? td(cell) : html`<td></td>`,
              )}
            </tr>
          </tfoot>`
        : ''
    }
  </table>`;
}

function note(n: Note): Markup {
  const cls = classes(n.tone && TONE_CLASS[n.tone]);
  return n.detail !== undefined
    ? html`<p${cls}>${n.label.vi}: ${n.detail}</p>`
    : html`<p${cls}>${n.label.vi}</p>`;
}

function inline(parts: readonly Inline[]): Markup {
  return html`${parts.map((p) => (typeof p === 'string' ? p : html`<strong>${p.text}</strong>`))}`;
}

/** Status cards carry their colour; the rate cards share the document's red. */
function card(f: Figure): Markup {
  const attrs = isStatus(f.accent)
    ? html` class="card" style="border-left-color:${STATUS_COLORS[f.accent]}"`
    : classes('card', f.accent === 'rate' && 'rate');
  return html`<div${attrs}>
    ${f.label.vi}${f.remark !== undefined ? html`<span class="en">${f.remark}</span>` : ''}
    <div${classes('n', f.cell.tone && TONE_CLASS[f.cell.tone])}>${f.cell.text}</div>
  </div>`;
}

function groups(g: Groups): Markup[] {
  return g.groups.map((group) => {
    const rows = forView(group.rows, 'print');
    return html`${heading('h3', group.heading)} ${group.intro ? html`<p>${inline(group.intro)}</p>` : ''}
    ${rows.length > 0 ? table({ columns: g.columns, rows }) : group.empty ? note(group.empty) : ''}
    ${group.notes.map(note)}`;
  });
}

function body(s: Section): Markup | Markup[] | '' {
  if (printsEmpty(s)) return note(s.empty);
  if (s.figures) return html`<div class="cards">${forView(s.figures, 'print').map(card)}</div>`;
  if (s.table) return table(s.table);
  return s.groups ? groups(s.groups) : '';
}

function section(s: Section): Markup {
  const chart = s.chart ? html`<div class="chart">${raw(drawCharts(s.chart)[0]!.svg)}</div>` : '';
  return html`<section>${sectionHeading(s.heading)} ${chart} ${body(s)}</section>`;
}

function header(doc: ReportSections): Markup {
  return html`<header class="doc">
    <div class="issuer">${doc.plan.issuer}</div>
    <div class="plan">
      ${L.plan.vi}: <strong>${doc.plan.title}</strong>
      <span class="muted">(phiên bản ${doc.plan.version})</span>
    </div>
    <h1>${doc.report.title} — ${doc.periodLabel}</h1>
    ${
      doc.interim
        ? html`<p class="interim" role="note">
            <strong>${doc.interim.label}</strong><br />${doc.interim.detail.vi}
          </p>`
        : ''
    }
    <dl class="meta">
      ${forView(doc.facts, 'print').map(
        (f) =>
          html`<dt>${f.label.vi}</dt>
            <dd>${f.cell.text}</dd>`,
      )}
    </dl>
  </header>`;
}

export function renderHtml(doc: ReportSections): string {
  const page = html`<!DOCTYPE html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <title>${doc.title}</title>
        <style>
          ${raw(CSS)}
        </style>
      </head>
      <body>
        ${header(doc)}
        <main>${doc.sections.map(section)}</main>
        <footer>${L.generatedAt.vi}: ${doc.generatedAtText} · ${doc.plan.title} · ${doc.report.title}</footer>
      </body>
    </html> `;
  return page.value;
}
