/**
 * The report as an A4 landscape PDF, laid out by pdfmake on the server. Text uses the Roboto fonts pdfmake
 * ships (they cover Vietnamese), loaded from node_modules so no machine path is involved.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { STATUS_LABELS, type CriterionRow, type IndicatorRow, type ReportContent } from '../report-model.js';
import { areaRateChart, unitStatusChart, type Chart } from './charts.js';
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

/** pdfmake's document nodes; the library ships no types, so this is the part the report uses. */
type Obj = { [key: string]: unknown };
type Node = string | Node[] | Obj;
type Cell = Node;

interface FontFiles {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

interface PdfKitDocument extends NodeJS.ReadableStream {
  end(): void;
}

interface PrinterInstance {
  createPdfKitDocument(doc: object, options?: object): Promise<PdfKitDocument>;
}

type PrinterClass = new (
  fonts: Record<string, FontFiles>,
  virtualfs: object,
  urlResolver: object,
  localAccessPolicy: (path: string) => boolean,
) => PrinterInstance;

type UrlResolverClass = new (fs: object) => { setUrlAccessPolicy(policy: (url: string) => boolean): void };

const require = createRequire(import.meta.url);
// The server-side classes of pdfmake 0.3; its default export is a shared singleton with global fonts.
const Printer = (require('pdfmake/js/Printer') as { default: PrinterClass }).default;
const UrlResolver = (require('pdfmake/js/URLResolver') as { default: UrlResolverClass }).default;

const ROBOTO_DIR = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
const ROBOTO: FontFiles = {
  normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
};
const FONT_FILES = new Set(Object.values(ROBOTO));

/** Nothing is ever read from this: the report has no images and no remote resources. */
const EMPTY_FS = {
  existsSync: () => false,
  readFileSync: (name: string) => {
    throw new Error(`No virtual file ${name}`);
  },
  writeFileSync: () => undefined,
};

const PAGE_WIDTH = 842 - 2 * 28;
const GREY = '#757575';

const TABLE_LAYOUTS = {
  report: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => '#bdbdbd',
    vLineColor: () => '#bdbdbd',
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
};

/** Text in NFC: Roboto has the precomposed Vietnamese letters, not every combining sequence. */
const t = (s: string) => s.normalize('NFC');

function th(label: Label): Cell {
  return {
    stack: [
      { text: t(label.vi), bold: true },
      { text: t(label.en), fontSize: 6.5, color: GREY },
    ],
    fillColor: '#eeeeee',
    alignment: 'center',
  };
}

const num = (n: number): Obj => ({ text: fmtInt(n), alignment: 'right' });
const rate = (r: number | null): Obj => ({ text: fmtRate(r), alignment: 'right', noWrap: true });
function change(c: number | null): Obj {
  const color =
    c === null || c === 0 ? undefined : c > 0 ? STATUS_COLORS.doneOnTime : STATUS_COLORS.openOverdue;
  return { text: fmtChange(c), alignment: 'right', noWrap: true, ...(color ? { color } : {}) };
}

function heading(label: Label): Node {
  return {
    text: [t(label.vi), { text: ` / ${t(label.en)}`, fontSize: 9, color: GREY, bold: false }],
    style: 'h2',
  };
}

function table(widths: (number | string)[], header: Cell[], body: Cell[][], footer?: Cell[]): Node {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [header, ...body, ...(footer ? [footer] : [])],
    },
    layout: 'report',
    margin: [0, 2, 0, 8],
  };
}

/** Rows per chart: a plan with many units gets several charts, each still readable on one page. */
const CHART_ROWS = 16;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHART_ROWS) out.push(rows.slice(i, i + CHART_ROWS));
  return out.length > 0 ? out : [[]];
}

function chartNode(chart: Chart): Node {
  return { svg: chart.svg, width: 620, maxHeight: 500, margin: [0, 2, 0, 6] };
}

function header(c: ReportContent): Node[] {
  const meta: [Label, string][] = [
    [L.period, c.period],
    [L.window, fmtWindow(c)],
    [L.asOf, fmtDateTime(c.asOf)],
    [L.previous, fmtPrevious(c)],
    [L.threshold, `${fmtNumber(c.onTimeThreshold)} %`],
  ];
  return [
    { text: t(c.plan.issuer.name.toLocaleUpperCase('vi')), bold: true, fontSize: 10 },
    {
      text: [
        `${L.plan.vi}: `,
        { text: t(c.plan.title), bold: true },
        { text: ` (${t(c.plan.code)}, v${c.plan.version})`, color: GREY },
      ],
      margin: [0, 2, 0, 0],
    },
    { text: t(c.report.title), style: 'h1' },
    {
      table: {
        widths: ['auto', '*'],
        body: meta.map(([label, value]) => [
          { text: [t(label.vi), { text: ` / ${label.en}`, color: GREY, fontSize: 7 }], bold: true },
          t(value),
        ]),
      },
      layout: 'noBorders',
    },
    {
      canvas: [{ type: 'line', x1: 0, y1: 4, x2: PAGE_WIDTH, y2: 4, lineWidth: 1.5, lineColor: '#b71c1c' }],
      margin: [0, 0, 0, 4],
    },
  ];
}

function totals(c: ReportContent): Node[] {
  const tt = c.totals;
  const cards: { label: Label; value: string; color: string }[] = [
    ...STATUS_KEYS.map((k) => ({ label: STATUS_LABELS[k], value: fmtInt(tt[k]), color: STATUS_COLORS[k] })),
    { label: L.total, value: fmtInt(tt.total), color: '#616161' },
    { label: L.completionRate, value: fmtRate(tt.completionRate), color: '#b71c1c' },
    {
      label: {
        vi: L.change.vi,
        en: `${L.change.en} · ${L.previousRate.vi}: ${fmtRate(tt.previousCompletionRate)}`,
      },
      value: fmtChange(tt.change),
      color: '#b71c1c',
    },
    { label: L.ongoing, value: fmtInt(tt.ongoing), color: '#9e9e9e' },
  ];
  return [
    heading(L.totals),
    {
      table: {
        widths: cards.map(() => '*'),
        body: [
          cards.map(({ label, value }) => ({
            stack: [
              { text: t(label.vi) },
              { text: t(label.en), fontSize: 6.5, color: GREY },
              { text: value, fontSize: 14, bold: true, margin: [0, 2, 0, 0] },
            ],
          })),
        ],
      },
      // Each card is a cell whose left rule carries its status colour.
      layout: {
        vLineWidth: (i: number) => (i < cards.length ? 3 : 0),
        hLineWidth: () => 0,
        vLineColor: (i: number) => cards[i]?.color ?? '#ffffff',
        paddingLeft: () => 5,
      },
    },
  ];
}

function byUnit(c: ReportContent): Node[] {
  const tt = c.totals;
  const body = c.byUnit.map((u) => {
    const fill = u.belowThreshold ? '#ffebee' : undefined;
    const cells: Cell[] = [
      u.unit.code,
      t(u.unit.name),
      ...STATUS_KEYS.map((k) => num(u[k])),
      num(u.total),
      rate(u.completionRate),
      rate(u.previousCompletionRate),
      change(u.change),
      rate(u.ytdOnTimeRate),
      u.belowThreshold ? { text: TEXT.yes, bold: true, color: STATUS_COLORS.openOverdue } : '',
    ];
    return fill
      ? cells.map((cell) =>
          typeof cell === 'object' && !Array.isArray(cell)
            ? { ...cell, fillColor: fill }
            : { text: cell, fillColor: fill },
        )
      : cells;
  });
  const footer: Cell[] = [
    { text: L.grandTotal.vi, colSpan: 2, bold: true },
    '',
    ...STATUS_KEYS.map((k) => ({ ...num(tt[k]), bold: true })),
    { ...num(tt.total), bold: true },
    { ...rate(tt.completionRate), bold: true },
    rate(tt.previousCompletionRate),
    change(tt.change),
    '',
    '',
  ];
  return [
    heading(L.byUnit),
    ...chunks(c.byUnit).map((rows) => chartNode(unitStatusChart(c, rows))),
    table(
      [40, '*', 40, 40, 40, 40, 40, 44, 44, 40, 40, 46, 44],
      [
        th(L.unitCode),
        th(L.unit),
        ...STATUS_KEYS.map((k) => th(STATUS_LABELS[k])),
        th(L.total),
        th(L.completionRate),
        th(L.previousRate),
        th(L.change),
        th(L.ytdOnTimeRate),
        th(thresholdLabel(c)),
      ],
      body,
      footer,
    ),
  ];
}

function byArea(c: ReportContent): Node[] {
  return [
    heading(L.byArea),
    ...chunks(c.byArea).map((rows) => chartNode(areaRateChart(c, rows))),
    table(
      ['*', 50, 50, 50, 50, 50, 56, 56],
      [th(L.area), ...STATUS_KEYS.map((k) => th(STATUS_LABELS[k])), th(L.total), th(L.completionRate)],
      c.byArea.map((a) => [
        t(a.area.title),
        ...STATUS_KEYS.map((k) => num(a[k])),
        num(a.total),
        rate(a.completionRate),
      ]),
    ),
  ];
}

function overdue(c: ReportContent): Node[] {
  if (c.overdue.length === 0) return [heading(L.overdue), { text: `${L.noOverdue.vi} ${L.noOverdue.en}` }];
  return [
    heading(L.overdue),
    table(
      [20, '*', 130, 130, 52, 44, 52],
      [
        th(L.rowNumber),
        th(L.task),
        th(L.assignee),
        th(L.leadUnit),
        th(L.dueDate),
        th(L.daysOverdue),
        th(L.escalation),
      ],
      c.overdue.map((o, i) => [
        num(i + 1),
        {
          stack: [
            t(o.task.title),
            {
              text: t(`${o.task.id}${o.occurrence ? ` · ${o.occurrence}` : ''} · ${o.area.title}`),
              fontSize: 6.5,
              color: GREY,
            },
          ],
        },
        t(o.unit.name),
        t(o.leadUnit.name),
        { text: fmtDate(o.dueDate), alignment: 'right' },
        { ...num(o.daysOverdue), bold: true, color: STATUS_COLORS.openOverdue },
        fmtEscalation(o.escalationLevel),
      ]),
    ),
  ];
}

function indicator(ind: IndicatorRow): Node[] {
  const out: Node[] = [
    { text: [t(ind.title), { text: ` (${t(ind.id)})`, color: GREY }], style: 'h3' },
    {
      text: [
        `${L.measure.vi}: ${t(ind.measure ?? TEXT.none)} · ${L.target.vi}: `,
        { text: fmtTarget(ind.target), bold: true },
      ],
    },
  ];
  if (ind.values.length > 0) {
    out.push(
      table(
        ['*', 70, 70, 70],
        [th(L.unit), th(L.period), th(L.value), th(L.assessment)],
        ind.values.map((v) => [
          t(v.unit.name),
          v.period,
          { text: fmtNumber(v.value), alignment: 'right' },
          {
            text: fmtMeets(v.meetsTarget),
            color:
              v.meetsTarget === null
                ? GREY
                : v.meetsTarget
                  ? STATUS_COLORS.doneOnTime
                  : STATUS_COLORS.openOverdue,
          },
        ]),
      ),
    );
  }
  if (ind.missing.length > 0) {
    out.push({
      text: `${L.missing.vi} / ${L.missing.en}: ${t(ind.missing.map((m) => m.name).join('; '))}`,
      color: STATUS_COLORS.openOverdue,
      margin: [0, 0, 0, 6],
    });
  }
  return out;
}

function indicators(c: ReportContent): Node[] {
  return [
    heading(L.indicators),
    ...(c.indicators.length > 0
      ? c.indicators.flatMap(indicator)
      : [{ text: `${L.noIndicators.vi} ${L.noIndicators.en}` }]),
  ];
}

function criterion(cr: CriterionRow): Node[] {
  const label = criterionHeading(cr);
  const title: Node = {
    text: [t(label.vi), { text: ` / ${t(label.en)}`, color: GREY, bold: false, fontSize: 8 }],
    style: 'h3',
  };
  if (cr.evidence.length === 0)
    return [title, { text: `${L.noEvidence.vi} ${L.noEvidence.en}`, color: GREY }];
  return [
    title,
    table(
      ['*', 110, 66, 44, 64, 48, 110, 100],
      [
        th(L.task),
        th(L.unit),
        th(L.completedAt),
        th(L.timeliness),
        th(L.documentNumber),
        th(L.documentDate),
        th(L.link),
        th(L.note),
      ],
      cr.evidence.map((e) => {
        const href = safeHref(e.link);
        return [
          t(e.task.title),
          t(e.unit.name),
          { text: fmtDateTime(e.completedAt), alignment: 'right', noWrap: true },
          {
            text: e.late ? TEXT.late : TEXT.onTime,
            color: e.late ? STATUS_COLORS.openOverdue : STATUS_COLORS.doneOnTime,
          },
          t(e.documentNumber ?? ''),
          { text: e.documentDate ? fmtDate(e.documentDate) : '', alignment: 'right' },
          href ? { text: t(e.link ?? ''), link: href, color: '#0d47a1', fontSize: 7 } : t(e.link ?? ''),
          t(e.note ?? ''),
        ];
      }),
    ),
  ];
}

function documentDefinition(c: ReportContent): object {
  const footerText = t(`${c.plan.code} · ${c.report.title} · ${c.period}`);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 34],
    language: 'vi-VN',
    info: {
      title: t(`${c.report.title} — ${c.period}`),
      author: t(c.plan.issuer.name),
      subject: t(c.plan.title),
      keywords: t(`${c.plan.code}, ${c.report.id}, ${c.period}`),
      creator: 'Đôn Đốc',
      producer: 'Đôn Đốc',
      // The generation instant, not the rendering one: rendering a stored report twice gives the same file.
      creationDate: new Date(c.generatedAt),
    },
    defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1 },
    styles: {
      h1: { fontSize: 15, bold: true, color: '#b71c1c', margin: [0, 6, 0, 4] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 9.5, bold: true, margin: [0, 6, 0, 2] },
    },
    footer: (page: number, pages: number): Node => ({
      columns: [
        { text: footerText, color: GREY, fontSize: 7 },
        {
          text: `${L.generatedAt.vi}: ${fmtDateTime(c.generatedAt)} · ${L.page.vi} ${page}/${pages}`,
          alignment: 'right',
          color: GREY,
          fontSize: 7,
          width: 'auto',
        },
      ],
      margin: [28, 10, 28, 0],
    }),
    content: [
      ...header(c),
      ...totals(c),
      ...byUnit(c),
      ...byArea(c),
      ...overdue(c),
      ...indicators(c),
      heading(L.evidence),
      ...c.criteria.flatMap(criterion),
    ],
  };
}

function collect(stream: PdfKitDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.end();
  });
}

export async function renderPdf(c: ReportContent): Promise<Buffer> {
  const urlResolver = new UrlResolver(EMPTY_FS);
  // The document needs nothing from the network or the disk beyond its fonts.
  urlResolver.setUrlAccessPolicy(() => false);
  const printer = new Printer({ Roboto: { ...ROBOTO } }, EMPTY_FS, urlResolver, (file) =>
    FONT_FILES.has(file),
  );
  const doc = await printer.createPdfKitDocument(documentDefinition(c), { tableLayouts: TABLE_LAYOUTS });
  return collect(doc);
}
