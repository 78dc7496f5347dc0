/**
 * A completion report (monthly, quarterly, half-year, year) as an administrative document: the body reads the
 * way Home Affairs offices write these reports (results overall and by area, comparison with the previous
 * period, units below the on-time line, overdue work, indicators, evidence by PAR-index criterion, the next
 * period's tasks); the per-unit table and the overdue list go to landscape appendices. In Vietnamese, or in
 * English on request: the words come from report-texts.ts and form-texts.ts, the names from the plan.
 */
import { localDateOfInstant } from '../../../dsl/calendar/local-time.js';
import {
  formatDate,
  formatDateInText,
  formatDeadline,
  formatPercent,
  formatPeriodLabel,
} from '../../presentation/index.js';
import { cutOffOf, figuresAt, formatAsOf, periodLabelOf, withReadings } from '../readings.js';
import type { ReportContent, UnitRow } from '../report-model.js';
import {
  CHART_KEYS,
  criterionTitle,
  fmtChange,
  fmtEscalation,
  fmtInt,
  fmtNumber,
  fmtRate,
  fmtTarget,
  normalizeNfc,
} from '../render/format.js';
import { FORM, type FormTexts, type Lang } from './form-texts.js';
import {
  appendixReference,
  formParts,
  type AdminDocument,
  type Appendix,
  type Block,
  type DocTable,
  type Issuing,
  type Run,
} from './model.js';
import { REPORT_TEXTS, type ReportTexts } from './report-texts.js';

const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
const h1 = (text: string): Block => ({ kind: 'heading', level: 1, text });
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, text });

/** What every part of the builder needs: the language's words and its number formats. */
interface Ctx {
  lang: Lang;
  t: ReportTexts;
  form: FormTexts;
  int(n: number): string;
  rate(r: number | null): string;
  /** The appendices by what they hold: "Phụ lục II" is the overdue list only when there is one. */
  appendix: { units: string; overdue: string; evidence: string };
}

/** "Sở Tư pháp, Sở Y tế và 12 đơn vị khác": a list of names that stays readable for a hundred communes. */
export function namesOf(names: readonly string[], max = 4, lang: Lang = 'vi'): string {
  if (names.length <= max) return names.join(', ');
  return FORM[lang].andOthers(names.slice(0, max).join(', '), fmtInt(names.length - max, lang));
}

function statusColumns(x: Ctx, width: number): DocTable['columns'] {
  return CHART_KEYS.map((k) => ({
    label: x.t.col.status[k as keyof ReportTexts['col']['status']],
    width,
    align: 'center' as const,
  }));
}

const statusCells = (x: Ctx, r: Record<(typeof CHART_KEYS)[number], number>) =>
  CHART_KEYS.map((k) => x.int(r[k]));

function overall(x: Ctx, c: ReportContent): Block[] {
  const t = c.totals;
  const out: Block[] = [
    h2(x.t.heading.overall),
    p(
      ...x.t.overall({
        total: x.int(t.total),
        doneOnTime: x.int(t.doneOnTime),
        doneLate: x.int(t.doneLate),
        openInTime: x.int(t.openInTime),
        openOverdue: x.int(t.openOverdue),
        rate: t.completionRate === null ? null : x.rate(t.completionRate),
      }),
    ),
  ];
  const more: string[] = [];
  if (t.notYetDue > 0) more.push(x.t.notYetDue(x.int(t.notYetDue)));
  if (t.ongoing > 0) more.push(x.t.ongoing(x.int(t.ongoing)));
  if (more.length) out.push(p(x.t.apart(more)));
  return out;
}

function comparison(x: Ctx, c: ReportContent): Block[] {
  const t = c.totals;
  const out: Block[] = [h2(x.t.heading.comparison)];
  if (!c.previous || t.previousCompletionRate === null || t.change === null) {
    out.push(p(x.t.noPrevious));
    return out;
  }
  const trend =
    t.change > 0
      ? x.t.rose(fmtChange(t.change, x.lang).replace('+', ''))
      : t.change < 0
        ? x.t.fell(fmtChange(-t.change, x.lang))
        : x.t.unchanged;
  out.push(
    p(
      ...x.t.compared(
        x.t.period(formatPeriodLabel(c.previous.period, x.lang)),
        x.rate(t.previousCompletionRate),
        trend,
      ),
    ),
  );
  const up = c.byUnit.filter((u) => (u.change ?? 0) > 0).length;
  const down = c.byUnit.filter((u) => (u.change ?? 0) < 0).length;
  if (up + down > 0) out.push(p(x.t.unitsMoved(x.int(up), x.int(down))));
  return out;
}

function byArea(x: Ctx, c: ReportContent): Block[] {
  const out: Block[] = [h2(x.t.heading.byArea)];
  if (c.byArea.length === 0) return [...out, p(x.t.nothingDue)];
  out.push({
    kind: 'table',
    table: {
      columns: [
        { label: x.t.col.no, width: 7, align: 'center' },
        { label: x.t.col.area, width: 27 },
        ...statusColumns(x, 11),
        { label: x.t.col.total, width: 9, align: 'center' },
        // Wide enough for "Completion" on a line of its own.
        { label: x.t.col.completionRate, width: 15, align: 'center' },
      ],
      rows: c.byArea.map((a, n) => [
        x.int(n + 1),
        a.area.title,
        ...statusCells(x, a),
        x.int(a.total),
        x.rate(a.completionRate),
      ]),
      footer: [
        '',
        x.t.col.grandTotal,
        ...statusCells(x, c.totals),
        x.int(c.totals.total),
        x.rate(c.totals.completionRate),
      ],
    },
  });
  return out;
}

function byUnit(x: Ctx, c: ReportContent): Block[] {
  const threshold = formatPercent(c.onTimeThreshold, x.lang);
  const below = c.byUnit.filter((u) => u.belowThreshold);
  const out: Block[] = [
    h2(x.t.heading.byUnit),
    p(x.t.byUnit(x.int(c.byUnit.length), x.appendix.units)),
    h2(x.t.heading.below(threshold)),
  ];
  if (below.length === 0) {
    out.push(p(x.t.noneBelow(threshold)));
    return out;
  }
  out.push(p(...x.t.someBelow(x.int(below.length), threshold)), {
    kind: 'table',
    table: {
      columns: [
        { label: x.t.col.no, width: 7, align: 'center' },
        { label: x.t.col.unit, width: 44 },
        { label: x.t.col.ytdOnTimeRate, width: 17, align: 'center' },
        { label: x.t.col.status.openOverdue, width: 16, align: 'center' },
        { label: x.t.col.status.doneLate, width: 16, align: 'center' },
      ],
      rows: [...below]
        .sort(
          (a, b) =>
            (a.ytdOnTimeRate ?? 0) - (b.ytdOnTimeRate ?? 0) || a.unit.name.localeCompare(b.unit.name, 'vi'),
        )
        .map((u, n) => [
          x.int(n + 1),
          u.unit.name,
          x.rate(u.ytdOnTimeRate),
          x.int(u.openOverdue),
          x.int(u.doneLate),
        ]),
    },
  });
  return out;
}

/** The deadline of an overdue assignment: its time when the plan gives one, else its last day (dd/mm/yyyy). */
const dueOf = (x: Ctx, o: ReportContent['overdue'][number]) =>
  o.dueAt ? formatDeadline(o.dueAt, x.lang) : formatDate(o.dueDate);

function overdue(x: Ctx, c: ReportContent): Block[] {
  const out: Block[] = [h2(x.t.heading.overdue)];
  if (c.overdue.length === 0) return [...out, p(x.t.noOverdue)];
  const units = new Set(c.overdue.map((o) => o.unit.code)).size;
  const escalated = c.overdue.filter((o) => o.escalationLevel > 0).length;
  out.push(p(...x.t.overdue(x.int(c.overdue.length), x.int(units), x.int(escalated), x.appendix.overdue)), {
    kind: 'list',
    items: c.overdue.slice(0, 5).map((o) =>
      x.t.overdueItem({
        task: o.task.title,
        unit: o.unit.name,
        due: dueOf(x, o),
        days: x.int(o.daysOverdue),
        escalation: fmtEscalation(o.escalationLevel, x.lang),
      }),
    ),
  });
  return out;
}

function indicators(x: Ctx, c: ReportContent): Block[] {
  const out: Block[] = [h2(x.t.heading.indicators)];
  if (c.indicators.length === 0) return [...out, p(x.t.noIndicators)];
  out.push({
    kind: 'table',
    table: {
      columns: [
        { label: x.t.col.no, width: 7, align: 'center' },
        { label: x.t.col.indicator, width: 35 },
        { label: x.t.col.target, width: 12, align: 'center' },
        { label: x.t.col.reporting, width: 12, align: 'center' },
        { label: x.t.col.met, width: 9, align: 'center' },
        { label: x.t.col.notMet, width: 10, align: 'center' },
        { label: x.t.col.missing, width: 12, align: 'center' },
      ],
      rows: c.indicators.map((ind, n) => [
        x.int(n + 1),
        ind.measure && ind.measure !== '%' ? `${ind.title} (${ind.measure})` : ind.title,
        fmtTarget(ind.target, x.lang),
        x.int(ind.values.length),
        ind.target ? x.int(ind.values.filter((v) => v.meetsTarget === true).length) : '—',
        ind.target ? x.int(ind.values.filter((v) => v.meetsTarget === false).length) : '—',
        x.int(ind.missing.length),
      ]),
    },
  });
  for (const ind of c.indicators) {
    const failing = ind.values.filter((v) => v.meetsTarget === false);
    if (failing.length === 0) continue;
    const value = (v: number) => (ind.target?.percent ? formatPercent(v, x.lang) : fmtNumber(v, x.lang));
    out.push(
      p(
        x.t.missedTarget(ind.title),
        namesOf(
          failing.map((v) => `${v.unit.name} (${value(v.value)})`),
          6,
          x.lang,
        ),
        '.',
      ),
    );
  }
  return out;
}

function evidence(x: Ctx, c: ReportContent): Block[] {
  const out: Block[] = [h2(x.t.heading.criteria)];
  const tagged = c.criteria.filter((cr) => cr.criterion !== '');
  if (tagged.length === 0) return [...out, p(x.t.noCriteria)];
  out.push(p(x.t.criteriaIntro), {
    kind: 'table',
    table: {
      columns: [
        { label: x.t.col.no, width: 7, align: 'center' },
        { label: x.t.col.criterion, width: 30 },
        { label: x.t.col.assignmentsDue, width: 18, align: 'center' },
        { label: x.t.col.done, width: 16, align: 'center' },
        { label: x.t.col.withEvidence, width: 18, align: 'center' },
      ],
      rows: tagged.map((cr, n) => [
        x.int(n + 1),
        criterionTitle(cr.criterion, x.lang),
        x.int(cr.tasks),
        x.int(cr.done),
        x.int(cr.evidence.filter((e) => e.documentNumber || e.link).length),
      ]),
    },
  });
  if (tagged.some((cr) => cr.evidence.length > 0)) out.push(p(x.t.evidenceIn(x.appendix.evidence)));
  return out;
}

function nextPeriod(x: Ctx, c: ReportContent): Block[] {
  const out: Block[] = [h1(x.t.heading.next)];
  const next = c.next;
  if (!next) {
    out.push(p(c.next === null ? x.t.noNextPeriod(x.appendix.overdue) : x.t.continueRemaining));
    return out;
  }
  const window = x.t.nextWindow(
    formatPeriodLabel(next.period, x.lang),
    formatDateInText(next.window.from, x.lang),
    formatDateInText(next.window.to, x.lang),
  );
  if (next.tasks.length === 0) {
    out.push(p(x.t.nextNone(window)));
    return out;
  }
  out.push(p(...x.t.nextSome(window, x.int(next.tasks.length))), {
    kind: 'table',
    table: {
      columns: [
        { label: x.t.col.no, width: 7, align: 'center' },
        { label: x.t.col.task, width: 46 },
        { label: x.t.col.dueDate, width: 14, align: 'center' },
        { label: x.t.col.unitsDoing, width: 34 },
      ],
      rows: next.tasks.map((t, n) => [
        x.int(n + 1),
        t.task.title,
        formatDate(t.dueDate),
        namesOf(
          t.units.map((u) => u.name),
          4,
          x.lang,
        ),
      ]),
    },
  });
  if (c.overdue.length > 0) out.push(p(x.t.alsoOverdue(x.appendix.overdue)));
  return out;
}

function unitsAppendix(x: Ctx, c: ReportContent, ref: string): Appendix {
  return {
    label: x.appendix.units,
    title: x.t.appendixTitle.units,
    reference: ref,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        table: {
          columns: [
            { label: x.t.col.no, width: 4, align: 'center' },
            { label: x.t.col.unit, width: 22 },
            ...statusColumns(x, 8),
            { label: x.t.col.total, width: 6, align: 'center' },
            { label: x.t.col.completionRate, width: 10, align: 'center' },
            { label: x.t.col.previousRate, width: 8, align: 'center' },
            { label: x.t.col.change, width: 8, align: 'center' },
            { label: x.t.col.ytdOnTimeRate, width: 9, align: 'center' },
            { label: x.t.col.below(formatPercent(c.onTimeThreshold, x.lang)), width: 6, align: 'center' },
          ],
          rows: c.byUnit.map((u: UnitRow, n) => [
            x.int(n + 1),
            u.unit.name,
            ...statusCells(x, u),
            x.int(u.total),
            x.rate(u.completionRate),
            x.rate(u.previousCompletionRate),
            fmtChange(u.change, x.lang),
            x.rate(u.ytdOnTimeRate),
            u.belowThreshold ? 'x' : '',
          ]),
          footer: [
            '',
            x.t.col.grandTotal,
            ...statusCells(x, c.totals),
            x.int(c.totals.total),
            x.rate(c.totals.completionRate),
            x.rate(c.totals.previousCompletionRate),
            fmtChange(c.totals.change, x.lang),
            '',
            '',
          ],
        },
      },
    ],
  };
}

function overdueAppendix(x: Ctx, c: ReportContent, ref: string): Appendix {
  return {
    label: x.appendix.overdue,
    title: x.t.appendixTitle.overdue,
    reference: ref,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        table: {
          columns: [
            { label: x.t.col.no, width: 4, align: 'center' },
            { label: x.t.col.task, width: 34 },
            { label: x.t.col.assignee, width: 18 },
            { label: x.t.col.leadUnit, width: 16 },
            { label: x.t.col.dueDate, width: 9, align: 'center' },
            { label: x.t.col.daysOverdue, width: 8, align: 'center' },
            { label: x.t.col.escalation, width: 9, align: 'center' },
          ],
          rows: c.overdue.map((o, n) => [
            x.int(n + 1),
            o.occurrence
              ? `${o.task.title} (${x.t.period(formatPeriodLabel(o.occurrence, x.lang))})`
              : o.task.title,
            o.unit.name,
            o.leadUnit.name,
            dueOf(x, o),
            x.int(o.daysOverdue),
            fmtEscalation(o.escalationLevel, x.lang),
          ]),
        },
      },
    ],
  };
}

function evidenceAppendix(x: Ctx, c: ReportContent, ref: string): Appendix {
  const rows = c.criteria
    .filter((cr) => cr.criterion !== '')
    .flatMap((cr) => cr.evidence.map((e) => ({ cr, e })));
  return {
    label: x.appendix.evidence,
    title: x.t.appendixTitle.evidence,
    reference: ref,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        table: {
          columns: [
            { label: x.t.col.no, width: 4, align: 'center' },
            { label: x.t.col.criterion, width: 9, align: 'center' },
            { label: x.t.col.task, width: 32 },
            { label: x.t.col.unit, width: 17 },
            { label: x.t.col.completedOn, width: 10, align: 'center' },
            { label: x.t.col.evidenceDocument, width: 16 },
            { label: x.t.col.note, width: 12 },
          ],
          rows: rows.map(({ cr, e }, n) => [
            x.int(n + 1),
            cr.criterion,
            e.task.title,
            e.unit.name,
            `${formatDate(e.completedAt)}${e.late ? ` (${x.t.late})` : ''}`,
            [e.documentNumber, e.documentDate ? x.t.documentDated(formatDate(e.documentDate)) : null, e.link]
              .filter(Boolean)
              .join(', '),
            e.note ?? '',
          ]),
        },
      },
    ],
  };
}

/**
 * The report's decree-form document: header from the issuing settings, dated the day it was generated; in
 * Vietnamese unless `lang` asks for English.
 */
export function reportDocument(content: ReportContent, issuing: Issuing, lang: Lang = 'vi'): AdminDocument {
  const c = withReadings(normalizeNfc(content));
  const t = REPORT_TEXTS[lang];
  const form = FORM[lang];
  const issued = localDateOfInstant(c.generatedAt);
  const hasOverdue = c.overdue.length > 0;
  const hasEvidence = c.criteria.some((cr) => cr.criterion !== '' && cr.evidence.length > 0);
  const x: Ctx = {
    lang,
    t,
    form,
    int: (n) => fmtInt(n, lang),
    rate: (r) => fmtRate(r, lang),
    appendix: {
      units: form.appendix(1),
      overdue: form.appendix(2),
      evidence: form.appendix(hasOverdue ? 3 : 2),
    },
  };
  const period = t.period(periodLabelOf(c, lang));
  const ref = appendixReference(issuing, formatDateInText(issued, lang), lang);
  const appendices: Appendix[] = [unitsAppendix(x, c, ref)];
  if (hasOverdue) appendices.push(overdueAppendix(x, c, ref));
  if (hasEvidence) appendices.push(evidenceAppendix(x, c, ref));
  const blocks: Block[] = [
    p(t.intro(c.plan.title, issuing.bodyName, period, formatAsOf(figuresAt(c), lang))),
    h1(t.heading.results),
    ...overall(x, c),
    ...comparison(x, c),
    ...byArea(x, c),
    ...byUnit(x, c),
    ...overdue(x, c),
    ...indicators(x, c),
    ...evidence(x, c),
    ...nextPeriod(x, c),
    p(t.closing(c.plan.title, period, issuing.bodyName)),
  ];
  const summary = t.summary(c.plan.title, period);
  return {
    ...formParts(issuing, issued, lang),
    summary,
    ...(c.interim
      ? { notice: t.interim(formatAsOf(c.interim.until, lang), formatAsOf(cutOffOf(c), lang)) }
      : {}),
    blocks,
    appendices,
    meta: {
      title: t.metaTitle(summary),
      author: issuing.bodyName,
      subject: c.report.title,
      createdAt: c.generatedAt,
    },
  };
}
