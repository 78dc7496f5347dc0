/**
 * The report as an A4 landscape PDF, laid out by pdfmake on the server. Text uses the Roboto fonts pdfmake
 * ships (they cover Vietnamese), loaded from node_modules so no machine path is involved.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { drawCharts, type Chart } from './charts.js';
import { L, STATUS_COLORS, type Label, type StatusKey } from './format.js';
import {
  cellsFor,
  forView,
  isStatus,
  printsEmpty,
  type Accent,
  type Cell,
  type Figure,
  type Groups,
  type Heading,
  type Inline,
  type Note,
  type ReportSections,
  type Section,
  type Table,
  type Tone,
} from './sections.js';

/** pdfmake's document nodes; the library ships no types, so this is the part the report uses. */
type Obj = { [key: string]: unknown };
type Node = string | Node[] | Obj;

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

const TONE_COLOR: Record<Tone, string> = {
  good: STATUS_COLORS.doneOnTime,
  bad: STATUS_COLORS.openOverdue,
  muted: GREY,
};

const ACCENT_COLOR: Record<Exclude<Accent, StatusKey>, string> = {
  total: '#616161',
  rate: '#b71c1c',
  count: '#9e9e9e',
};
const accentColor = (accent: Accent) => (isStatus(accent) ? STATUS_COLORS[accent] : ACCENT_COLOR[accent]);

function th(label: Label): Node {
  return {
    stack: [
      { text: t(label.vi), bold: true },
      { text: t(label.en), fontSize: 6.5, color: GREY },
    ],
    fillColor: '#eeeeee',
    alignment: 'center',
  };
}

/** A table cell: figures right-aligned on one line, colour from the tone. */
function cell(c: Cell, style: Obj = {}): Node {
  const tone = c.tone ? { color: TONE_COLOR[c.tone] } : {};
  const strong = c.strong ? { bold: true } : {};
  if (c.type !== 'text')
    return { text: c.text, alignment: 'right', noWrap: true, ...tone, ...strong, ...style };
  if (c.detail !== undefined) {
    return { stack: [t(c.text), { text: t(c.detail), fontSize: 6.5, color: GREY }], ...style };
  }
  if (c.href) return { text: t(c.text), link: c.href, color: '#0d47a1', fontSize: 7, ...style };
  const styled = { ...tone, ...strong, ...style };
  return Object.keys(styled).length > 0 ? { text: t(c.text), ...styled } : t(c.text);
}

function heading(h: Heading, style: 'h2' | 'h3'): Node {
  const aside =
    h.en !== undefined
      ? { text: ` / ${t(h.en)}`, fontSize: style === 'h2' ? 9 : 8, color: GREY, bold: false }
      : h.id !== undefined
        ? { text: ` (${t(h.id)})`, color: GREY }
        : '';
  return { text: [t(h.text), aside], style };
}

const sectionHeading = (label: Label) => heading({ text: label.vi, en: label.en }, 'h2');

function inline(parts: readonly Inline[]): Node {
  return { text: parts.map((p) => (typeof p === 'string' ? t(p) : { text: t(p.text), bold: true })) };
}

function note(n: Note): Node {
  const text =
    n.detail !== undefined ? `${n.label.vi} / ${n.label.en}: ${t(n.detail)}` : `${n.label.vi} ${n.label.en}`;
  return {
    text,
    ...(n.tone ? { color: TONE_COLOR[n.tone] } : {}),
    // A list of names gets the room a table would have below it.
    ...(n.detail !== undefined ? { margin: [0, 0, 0, 6] } : {}),
  };
}

function table(tbl: Table): Node {
  const columns = forView(tbl.columns, 'print');
  const body = forView(tbl.rows, 'print').map((row) => {
    const fill = row.flagged ? { fillColor: '#ffebee' } : {};
    return cellsFor(tbl.columns, row.cells, 'print').map((c) => cell(c, fill));
  });
  const f = tbl.footer;
  const footer = f
    ? [
        { text: t(f.label), colSpan: f.span, bold: true },
        ...Array.from({ length: f.span - 1 }, () => ''),
        ...cellsFor(tbl.columns.slice(f.span), f.cells, 'print').map((c) =>
          c ? cell(c, { bold: true }) : '',
        ),
      ]
    : null;
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => c.printWidth ?? 'auto'),
      body: [columns.map((c) => th(c.label)), ...body, ...(footer ? [footer] : [])],
    },
    layout: 'report',
    margin: [0, 2, 0, 8],
  };
}

/** Rows per chart: a plan with many units gets several charts, each still readable on one page. */
const CHART_ROWS = 16;

function chartNode(chart: Chart): Node {
  return { svg: chart.svg, width: 620, maxHeight: 500, margin: [0, 2, 0, 6] };
}

function cards(figures: Figure[]): Node {
  return {
    table: {
      widths: figures.map(() => '*'),
      body: [
        figures.map((f) => ({
          stack: [
            { text: t(f.label.vi) },
            {
              text: t(f.remark !== undefined ? `${f.label.en} · ${f.remark}` : f.label.en),
              fontSize: 6.5,
              color: GREY,
            },
            {
              text: f.cell.text,
              fontSize: 14,
              bold: true,
              margin: [0, 2, 0, 0],
              ...(f.cell.tone ? { color: TONE_COLOR[f.cell.tone] } : {}),
            },
          ],
        })),
      ],
    },
    // Each card is a cell whose left rule carries its colour.
    layout: {
      vLineWidth: (i: number) => (i < figures.length ? 3 : 0),
      hLineWidth: () => 0,
      vLineColor: (i: number) => {
        const accent = figures[i]?.accent;
        return accent === undefined ? '#ffffff' : accentColor(accent);
      },
      paddingLeft: () => 5,
    },
  };
}

function groups(g: Groups): Node[] {
  return g.groups.flatMap((group) => {
    const rows = forView(group.rows, 'print');
    return [
      heading(group.heading, 'h3'),
      ...(group.intro ? [inline(group.intro)] : []),
      ...(rows.length > 0 ? [table({ columns: g.columns, rows })] : group.empty ? [note(group.empty)] : []),
      ...group.notes.map(note),
    ];
  });
}

function section(s: Section): Node[] {
  const out: Node[] = [sectionHeading(s.heading)];
  if (s.figures) out.push(cards(forView(s.figures, 'print')));
  if (s.chart) out.push(...drawCharts(s.chart, CHART_ROWS).map(chartNode));
  if (printsEmpty(s)) out.push(note(s.empty));
  else if (s.table) out.push(table(s.table));
  else if (s.groups) out.push(...groups(s.groups));
  return out;
}

function header(doc: ReportSections): Node[] {
  return [
    { text: t(doc.plan.issuer.toLocaleUpperCase('vi')), bold: true, fontSize: 10 },
    {
      text: [
        `${L.plan.vi}: `,
        { text: t(doc.plan.title), bold: true },
        { text: ` (${t(doc.plan.code)}, v${doc.plan.version})`, color: GREY },
      ],
      margin: [0, 2, 0, 0],
    },
    { text: t(`${doc.report.title} — ${doc.periodLabel}`), style: 'h1' },
    ...(doc.interim
      ? [
          {
            table: {
              widths: ['*'],
              body: [
                [
                  {
                    stack: [
                      { text: t(doc.interim.label.toLocaleUpperCase('vi')), bold: true, fontSize: 11 },
                      t(doc.interim.detail.vi),
                      { text: t(doc.interim.detail.en), color: GREY, fontSize: 7 },
                    ],
                    color: '#b71c1c',
                    fillColor: '#ffebee',
                    margin: [4, 3, 4, 3],
                  },
                ],
              ],
            },
            layout: {
              hLineWidth: () => 1.5,
              vLineWidth: () => 1.5,
              hLineColor: () => '#c62828',
              vLineColor: () => '#c62828',
            },
            margin: [0, 0, 0, 6],
          },
        ]
      : []),
    {
      table: {
        widths: ['auto', '*'],
        body: forView(doc.facts, 'print').map((f) => [
          { text: [t(f.label.vi), { text: ` / ${f.label.en}`, color: GREY, fontSize: 7 }], bold: true },
          t(f.cell.text),
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

function documentDefinition(doc: ReportSections): object {
  const footerText = t(
    `${doc.plan.code} · ${doc.report.title} · ${doc.periodLabel}${doc.interim ? ` · ${doc.interim.label}` : ''}`,
  );
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 34],
    language: 'vi-VN',
    info: {
      title: t(doc.title),
      author: t(doc.plan.issuer),
      subject: t(doc.plan.title),
      keywords: t(`${doc.plan.code}, ${doc.report.id}, ${doc.period}`),
      creator: 'Đôn Đốc',
      producer: 'Đôn Đốc',
      // The generation instant, not the rendering one: rendering a stored report twice gives the same file.
      creationDate: new Date(doc.generatedAt),
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
          text: `${L.generatedAt.vi}: ${doc.generatedAtText} · ${L.page.vi} ${page}/${pages}`,
          alignment: 'right',
          color: GREY,
          fontSize: 7,
          width: 'auto',
        },
      ],
      margin: [28, 10, 28, 0],
    }),
    content: [...header(doc), ...doc.sections.flatMap(section)],
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

export async function renderPdf(doc: ReportSections): Promise<Buffer> {
  const urlResolver = new UrlResolver(EMPTY_FS);
  // The document needs nothing from the network or the disk beyond its fonts.
  urlResolver.setUrlAccessPolicy(() => false);
  const printer = new Printer({ Roboto: { ...ROBOTO } }, EMPTY_FS, urlResolver, (file) =>
    FONT_FILES.has(file),
  );
  const pdf = await printer.createPdfKitDocument(documentDefinition(doc), { tableLayouts: TABLE_LAYOUTS });
  return collect(pdf);
}
