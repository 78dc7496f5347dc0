/**
 * The administrative document as PDF, laid out by pdfmake from the same model as the DOCX, so a server without
 * an office suite produces it. The text is set in Liberation Serif (vendored in ./fonts): metric-compatible with
 * the Times New Roman the DOCX names, so lines break where they do in the office suite.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE, SIZES } from './layout.js';
import { FORM, type Lang } from './form-texts.js';
import type { AdminDocument, Appendix, Block, DocTable, Run } from './model.js';

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

type PrinterClass = new (
  fonts: Record<string, FontFiles>,
  virtualfs: object,
  urlResolver: object,
  localAccessPolicy: (path: string) => boolean,
) => { createPdfKitDocument(doc: object, options?: object): Promise<PdfKitDocument> };

type UrlResolverClass = new (fs: object) => { setUrlAccessPolicy(policy: (url: string) => boolean): void };

const require = createRequire(import.meta.url);
// The server-side classes of pdfmake 0.3 (its default export is a singleton with global fonts).
const Printer = (require('pdfmake/js/Printer') as { default: PrinterClass }).default;
const UrlResolver = (require('pdfmake/js/URLResolver') as { default: UrlResolverClass }).default;

/** The fonts beside this module, or, when running compiled from dist/, in the source tree they were taken from. */
function fontDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, 'fonts'),
    path.resolve(here, '../../../../apps/reports/document/fonts'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'LiberationSerif-Regular.ttf')));
  if (!found) throw new Error(`Liberation Serif fonts not found in ${candidates.join(' or ')}`);
  return found;
}

let fonts: FontFiles | undefined;
function serif(): FontFiles {
  if (!fonts) {
    const dir = fontDir();
    fonts = {
      normal: path.join(dir, 'LiberationSerif-Regular.ttf'),
      bold: path.join(dir, 'LiberationSerif-Bold.ttf'),
      italics: path.join(dir, 'LiberationSerif-Italic.ttf'),
      bolditalics: path.join(dir, 'LiberationSerif-BoldItalic.ttf'),
    };
  }
  return fonts;
}

/** Nothing is read through this: the document has no images and no remote resources. */
const EMPTY_FS = {
  existsSync: () => false,
  readFileSync: (name: string) => {
    throw new Error(`No virtual file ${name}`);
  },
  writeFileSync: () => undefined,
};

const pt = (mm: number) => (mm * 72) / 25.4;
const MARGINS = [pt(PAGE.margin.left), pt(PAGE.margin.top), pt(PAGE.margin.right), pt(PAGE.margin.bottom)];
const PORTRAIT_WIDTH = pt(PAGE.width - PAGE.margin.left - PAGE.margin.right);
const LANDSCAPE_WIDTH = pt(PAGE.height - PAGE.margin.left - PAGE.margin.right);
const INDENT = pt(PAGE.indent);
const CELL_PADDING = 3;
const LINE = 1.15;

/** Text in NFC: the fonts have the precomposed Vietnamese letters. */
const t = (s: string) => s.normalize('NFC');

const runs = (parts: readonly Run[]): Node[] =>
  parts.map((r) =>
    typeof r === 'string'
      ? t(r)
      : { text: t(r.text), ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italics: true } : {}) },
  );

/** A short solid line centred in a box `width` wide, `fraction` of it long. */
function rule(width: number, fraction: number, margin: number[] = [0, 1, 0, 0]): Node {
  const length = width * fraction;
  const x1 = (width - length) / 2;
  return { canvas: [{ type: 'line', x1, y1: 0, x2: x1 + length, y2: 0, lineWidth: 0.6 }], margin };
}

function headerBlock(doc: AdminDocument): Node {
  const left = PORTRAIT_WIDTH * 0.38;
  return {
    columns: [
      {
        width: left,
        stack: [
          ...(doc.header.parent ? [{ text: t(doc.header.parent), fontSize: SIZES.header }] : []),
          { text: t(doc.header.body), fontSize: SIZES.header, bold: true },
          rule(left, 0.4),
          { text: t(doc.header.number), fontSize: SIZES.header, margin: [0, 6, 0, 0] },
        ],
        alignment: 'center',
      },
      {
        width: '*',
        stack: [
          { text: t(FORM[doc.lang].nation), fontSize: SIZES.nation, bold: true },
          {
            text: t(FORM[doc.lang].motto),
            fontSize: SIZES.motto,
            bold: true,
            decoration: 'underline',
          },
          { text: t(doc.header.placeDate), fontSize: SIZES.motto, italics: true, margin: [0, 12, 0, 0] },
        ],
        alignment: 'center',
      },
    ],
    columnGap: 0,
  };
}

function table(tb: DocTable, width: number, fontSize: number): Node {
  const total = tb.columns.reduce((s, c) => s + c.width, 0);
  const n = tb.columns.length;
  const avail = width - n * 2 * CELL_PADDING - (n + 1) * 0.5;
  const widths = tb.columns.map((c) => (avail * c.width) / total);
  const cell = (text: string, i: number, bold: boolean, header = false): Node => ({
    text: t(text),
    bold,
    alignment: header ? 'center' : (tb.columns[i]!.align ?? 'left'),
  });
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [
        tb.columns.map((c, i) => cell(c.label, i, true, true)),
        ...tb.rows.map((r) => r.map((text, i) => cell(text, i, false))),
        ...(tb.footer ? [tb.footer.map((text, i) => cell(text, i, true))] : []),
      ],
    },
    layout: 'decree',
    fontSize,
    lineHeight: 1,
    margin: [0, 0, 0, 8],
  };
}

function blocks(list: readonly Block[], width: number, tableSize: number): Node[] {
  return list.flatMap((b): Node[] => {
    switch (b.kind) {
      case 'heading':
        return [
          {
            text: t(b.text),
            bold: true,
            leadingIndent: INDENT,
            margin: [0, b.level === 1 ? 6 : 3, 0, 6],
            headlineLevel: b.level,
          },
        ];
      case 'paragraph':
        return [{ text: runs(b.runs), alignment: 'justify', leadingIndent: INDENT, margin: [0, 0, 0, 6] }];
      case 'list':
        return b.items.map((item) => ({
          text: ['- ', ...runs(item)],
          alignment: 'justify',
          leadingIndent: INDENT,
          margin: [0, 0, 0, 6],
        }));
      case 'table':
        return [
          ...(b.caption
            ? [{ text: t(b.caption), bold: true, alignment: 'center', margin: [0, 0, 0, 6] }]
            : []),
          table(b.table, width, tableSize),
        ];
    }
  });
}

function signature(doc: AdminDocument): Node {
  return {
    unbreakable: true,
    margin: [0, 6, 0, 0],
    columns: [
      {
        width: PORTRAIT_WIDTH * 0.45,
        stack: [
          { text: t(FORM[doc.lang].recipients), bold: true, italics: true, fontSize: SIZES.recipientsLabel },
          ...doc.recipients.map((r) => ({ text: t(`- ${r}`), fontSize: SIZES.recipients, lineHeight: 1 })),
        ],
      },
      {
        width: '*',
        alignment: 'center',
        stack: [
          ...(doc.signer.authority ? [{ text: t(doc.signer.authority), bold: true }] : []),
          { text: t(doc.signer.title), bold: true },
          // Room for the signature and the seal.
          { text: ' ', margin: [0, 0, 0, 60] },
          { text: t(doc.signer.name), bold: true },
        ],
        fontSize: SIZES.signer,
      },
    ],
  };
}

function appendix(a: Appendix, lang: Lang): Node[] {
  const width = a.landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
  return [
    {
      text: t(FORM[lang].upper(a.label)),
      bold: true,
      alignment: 'center',
      pageBreak: 'before',
      pageOrientation: a.landscape ? 'landscape' : 'portrait',
    },
    { text: t(a.title), bold: true, alignment: 'center' },
    { text: t(a.reference), italics: true, alignment: 'center' },
    rule(width, 0.2, [0, 2, 0, 10]),
    ...blocks(a.blocks, width, SIZES.appendixTable),
  ];
}

function definition(doc: AdminDocument): object {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    language: FORM[doc.lang].locale,
    info: {
      title: t(doc.meta.title),
      author: t(doc.meta.author),
      subject: t(doc.meta.subject),
      creator: 'Đôn Đốc',
      producer: 'Đôn Đốc',
      // The document's own date, not the rendering instant: the same report renders to the same bytes.
      creationDate: new Date(doc.meta.createdAt),
    },
    defaultStyle: { font: 'Serif', fontSize: SIZES.body, lineHeight: LINE },
    // The decree numbers pages at the top centre from the second page on.
    header: (page: number): Node | null =>
      page > 1
        ? { text: String(page), alignment: 'center', fontSize: SIZES.body, margin: [0, pt(10), 0, 0] }
        : null,
    content: [
      headerBlock(doc),
      { text: t(doc.type), bold: true, alignment: 'center', fontSize: SIZES.type, margin: [0, 18, 0, 0] },
      { text: t(doc.summary), bold: true, alignment: 'center', fontSize: SIZES.type },
      ...(doc.notice ? [{ text: t(doc.notice), italics: true, alignment: 'center' }] : []),
      // Clear of the descenders of the line above (an italic notice reads as underlined otherwise).
      rule(PORTRAIT_WIDTH, 0.25, [0, 5, 0, 14]),
      ...blocks(doc.blocks, PORTRAIT_WIDTH, SIZES.table),
      signature(doc),
      ...doc.appendices.flatMap((a) => appendix(a, doc.lang)),
    ],
  };
}

const LAYOUTS = {
  decree: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    paddingLeft: () => CELL_PADDING,
    paddingRight: () => CELL_PADDING,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
};

function collect(stream: PdfKitDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.end();
  });
}

/** The document as a PDF file. */
export async function renderDocumentPdf(doc: AdminDocument): Promise<Buffer> {
  const files = serif();
  const urlResolver = new UrlResolver(EMPTY_FS);
  urlResolver.setUrlAccessPolicy(() => false);
  const allowed = new Set(Object.values(files));
  const printer = new Printer({ Serif: { ...files } }, EMPTY_FS, urlResolver, (file) => allowed.has(file));
  return collect(await printer.createPdfKitDocument(definition(doc), { tableLayouts: LAYOUTS }));
}
