/**
 * The report as one standalone, printable HTML document: inline CSS and SVG, no scripts, no external
 * assets, so it can be mailed, archived or printed to A4 as is.
 */
import { STATUS_LABELS, type CriterionRow, type IndicatorRow, type ReportContent } from '../report-model.js';
import { areaRateChart, unitStatusChart } from './charts.js';
import {
  L,
  STATUS_COLORS,
  STATUS_KEYS,
  TEXT,
  criterionHeading,
  fmtChange,
  fmtDate,
  fmtDateTime,
  fmtEscalation,
  fmtInt,
  fmtMeets,
  fmtNumber,
  fmtPrevious,
  fmtRate,
  fmtTarget,
  fmtWindow,
  safeHref,
  thresholdLabel,
  type Label,
} from './format.js';
import { html, raw, type Markup } from './markup.js';

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
tr { break-inside: avoid; }
tr.flag td { background: #ffebee; }
tr.flag td.flagcell { color: #b71c1c; font-weight: 700; }
tfoot td { font-weight: 700; background: #fafafa; }
.up { color: #2e7d32; } .down { color: #c62828; }
.muted { color: #757575; }
.chart { margin: 6px 0 10px; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
.missing { color: #b71c1c; }
a { color: #0d47a1; word-break: break-all; }
footer { margin-top: 18px; font-size: 0.85em; color: #757575; border-top: 1px solid #e0e0e0; padding-top: 4px; }
`;

function th(label: Label, attrs: Markup = raw('')): Markup {
  return html`<th${attrs}>${label.vi}<span class="en">${label.en}</span></th>`;
}

function heading(tag: 'h2' | 'h3', label: Label): Markup {
  return html`${raw(`<${tag}>`)}${label.vi} <span class="en-inline">/ ${label.en}</span>${raw(`</${tag}>`)}`;
}

function num(n: number): Markup {
  return html`<td class="num">${fmtInt(n)}</td>`;
}

function rate(r: number | null): Markup {
  return html`<td class="num">${fmtRate(r)}</td>`;
}

function change(c: number | null): Markup {
  const cls = c === null || c === 0 ? '' : c > 0 ? 'up' : 'down';
  return html`<td class="num ${cls}">${fmtChange(c)}</td>`;
}

function header(c: ReportContent): Markup {
  const rows: [Label, string][] = [
    [L.period, c.period],
    [L.window, fmtWindow(c)],
    [L.asOf, fmtDateTime(c.asOf)],
    [L.previous, fmtPrevious(c)],
    [L.threshold, `${fmtNumber(c.onTimeThreshold)} %`],
  ];
  return html`<header class="doc">
    <div class="issuer">${c.plan.issuer.name}</div>
    <div class="plan">
      ${L.plan.vi}: <strong>${c.plan.title}</strong>
      <span class="muted">(${c.plan.code}, v${c.plan.version})</span>
    </div>
    <h1>${c.report.title}</h1>
    <dl class="meta">
      ${rows.map(
        ([label, value]) =>
          html`<dt>${label.vi} <span class="en-inline">/ ${label.en}</span></dt>
            <dd>${value}</dd>`,
      )}
    </dl>
  </header>`;
}

function totals(c: ReportContent): Markup {
  const t = c.totals;
  const cards = STATUS_KEYS.map(
    (key) =>
      html`<div class="card" style="border-left-color:${STATUS_COLORS[key]}">
        ${STATUS_LABELS[key].vi}<span class="en">${STATUS_LABELS[key].en}</span>
        <div class="n">${fmtInt(t[key])}</div>
      </div>`,
  );
  const changeClass = t.change === null || t.change === 0 ? '' : t.change > 0 ? 'up' : 'down';
  return html`<section>
    ${heading('h2', L.totals)}
    <div class="cards">
      ${cards}
      <div class="card">
        ${L.total.vi}<span class="en">${L.total.en}</span>
        <div class="n">${fmtInt(t.total)}</div>
      </div>
      <div class="card rate">
        ${L.completionRate.vi}<span class="en">${L.completionRate.en}</span>
        <div class="n">${fmtRate(t.completionRate)}</div>
      </div>
      <div class="card rate">
        ${L.change.vi}<span class="en"
          >${L.change.en} · ${L.previousRate.vi}: ${fmtRate(t.previousCompletionRate)}</span
        >
        <div class="n ${changeClass}">${fmtChange(t.change)}</div>
      </div>
      <div class="card">
        ${L.ongoing.vi}<span class="en">${L.ongoing.en}</span>
        <div class="n">${fmtInt(t.ongoing)}</div>
      </div>
    </div>
  </section>`;
}

function byUnit(c: ReportContent): Markup {
  const flag = thresholdLabel(c);
  const rows = c.byUnit.map(
    (u) =>
      html`<tr${u.belowThreshold ? raw(' class="flag"') : ''}><td>${u.unit.code}</td><td>${u.unit.name}</td>${STATUS_KEYS.map((k) => num(u[k]))}${num(u.total)}${rate(u.completionRate)}${rate(u.previousCompletionRate)}${change(u.change)}${rate(u.ytdOnTimeRate)}<td class="flagcell">${u.belowThreshold ? TEXT.yes : ''}</td></tr>`,
  );
  const t = c.totals;
  return html`<section>
    ${heading('h2', L.byUnit)}
    <div class="chart">${raw(unitStatusChart(c).svg)}</div>
    <table>
      <thead>
        <tr>
          ${th(L.unitCode)}${th(L.unit)}${STATUS_KEYS.map((k) => th(STATUS_LABELS[k]))}${th(L.total)}${th(L.completionRate)}${th(L.previousRate)}${th(L.change)}${th(L.ytdOnTimeRate)}${th(flag)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
      <tfoot>
        <tr>
          <td colspan="2">${L.grandTotal.vi}</td>
          ${STATUS_KEYS.map((k) => num(t[k]))}${num(t.total)}${rate(t.completionRate)}${rate(t.previousCompletionRate)}${change(t.change)}
          <td></td>
          <td></td>
        </tr>
      </tfoot>
    </table>
  </section>`;
}

function byArea(c: ReportContent): Markup {
  const rows = c.byArea.map(
    (a) =>
      html`<tr>
        <td>${a.area.title}</td>
        ${STATUS_KEYS.map((k) => num(a[k]))}${num(a.total)}${rate(a.completionRate)}
      </tr>`,
  );
  return html`<section>
    ${heading('h2', L.byArea)}
    <div class="chart">${raw(areaRateChart(c).svg)}</div>
    <table>
      <thead>
        <tr>
          ${th(L.area)}${STATUS_KEYS.map((k) => th(STATUS_LABELS[k]))}${th(L.total)}${th(L.completionRate)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function overdue(c: ReportContent): Markup {
  if (c.overdue.length === 0) {
    return html`<section>
      ${heading('h2', L.overdue)}
      <p>${L.noOverdue.vi} <span class="en-inline">${L.noOverdue.en}</span></p>
    </section>`;
  }
  const rows = c.overdue.map(
    (o, i) =>
      html`<tr>
        <td class="num">${i + 1}</td>
        <td>
          ${o.task.title}<span class="en"
            >${o.task.id}${o.occurrence ? ` · ${o.occurrence}` : ''} · ${o.area.title}</span
          >
        </td>
        <td>${o.unit.name}</td>
        <td>${o.leadUnit.name}</td>
        <td class="num">${fmtDate(o.dueDate)}</td>
        <td class="num">${fmtInt(o.daysOverdue)}</td>
        <td>${fmtEscalation(o.escalationLevel)}</td>
      </tr>`,
  );
  return html`<section>
    ${heading('h2', L.overdue)}
    <table>
      <thead>
        <tr>
          ${th(L.rowNumber)}${th(L.task)}${th(L.assignee)}${th(L.leadUnit)}${th(L.dueDate)}${th(L.daysOverdue)}${th(L.escalation)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function indicator(ind: IndicatorRow): Markup {
  const values = ind.values.map(
    (v) =>
      html`<tr>
        <td>${v.unit.name}</td>
        <td>${v.period}</td>
        <td class="num">${fmtNumber(v.value)}</td>
        <td class="${v.meetsTarget === false ? 'down' : v.meetsTarget ? 'up' : ''}">
          ${fmtMeets(v.meetsTarget)}
        </td>
      </tr>`,
  );
  const missing =
    ind.missing.length > 0
      ? html`<p class="missing">
          ${L.missing.vi} <span class="en-inline">/ ${L.missing.en}</span>:
          ${ind.missing.map((m) => m.name).join('; ')}
        </p>`
      : '';
  return html`<h3>${ind.title} <span class="en-inline">(${ind.id})</span></h3>
    <p>
      ${L.measure.vi}: ${ind.measure ?? TEXT.none} · ${L.target.vi}: <strong>${fmtTarget(ind.target)}</strong>
    </p>
    ${
      values.length > 0
        ? html`<table>
            <thead>
              <tr>
                ${th(L.unit)}${th(L.period)}${th(L.value)}${th(L.assessment)}
              </tr>
            </thead>
            <tbody>
              ${values}
            </tbody>
          </table>`
        : ''
    }
    ${missing}`;
}

function indicators(c: ReportContent): Markup {
  const body =
    c.indicators.length > 0
      ? c.indicators.map(indicator)
      : html`<p>${L.noIndicators.vi} <span class="en-inline">${L.noIndicators.en}</span></p>`;
  return html`<section>${heading('h2', L.indicators)}${body}</section>`;
}

function criterion(cr: CriterionRow): Markup {
  const rows = cr.evidence.map((e) => {
    const href = safeHref(e.link);
    const link = href ? html`<a href="${href}">${e.link}</a>` : (e.link ?? '');
    return html`<tr>
      <td>${e.task.title}</td>
      <td>${e.unit.name}</td>
      <td class="num">${fmtDateTime(e.completedAt)}</td>
      <td class="${e.late ? 'down' : 'up'}">${e.late ? TEXT.late : TEXT.onTime}</td>
      <td>${e.documentNumber ?? ''}</td>
      <td class="num">${e.documentDate ? fmtDate(e.documentDate) : ''}</td>
      <td>${link}</td>
      <td>${e.note ?? ''}</td>
    </tr>`;
  });
  return html`${heading('h3', criterionHeading(cr))}
  ${
    rows.length > 0
      ? html`<table>
          <thead>
            <tr>
              ${th(L.task)}${th(L.unit)}${th(L.completedAt)}${th(L.timeliness)}${th(L.documentNumber)}${th(L.documentDate)}${th(L.link)}${th(L.note)}
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`
      : html`<p class="muted">${L.noEvidence.vi} <span class="en-inline">${L.noEvidence.en}</span></p>`
  }`;
}

function evidence(c: ReportContent): Markup {
  return html`<section>${heading('h2', L.evidence)}${c.criteria.map(criterion)}</section>`;
}

export function renderHtml(c: ReportContent): string {
  const doc = html`<!DOCTYPE html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <title>${c.report.title} — ${c.period}</title>
        <style>
          ${raw(CSS)}
        </style>
      </head>
      <body>
        ${header(c)}
        <main>${totals(c)} ${byUnit(c)} ${byArea(c)} ${overdue(c)} ${indicators(c)} ${evidence(c)}</main>
        <footer>
          ${L.generatedAt.vi} / ${L.generatedAt.en}: ${fmtDateTime(c.generatedAt)} · ${c.plan.code} ·
          ${c.report.id}
        </footer>
      </body>
    </html> `;
  return doc.value;
}
