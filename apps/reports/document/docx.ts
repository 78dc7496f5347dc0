/**
 * The administrative document as DOCX (the `docx` package): A4 portrait in Times New Roman with the decree's
 * margins and type sizes, the page number at the top centre from page 2 on, and each appendix in a section of its
 * own (landscape when its tables are wide).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { FORM, type Lang } from './form-texts.js';
import type { AdminDocument, Appendix, Block, DocTable, Run } from './model.js';
import { PAGE, SIZES } from './layout.js';

/** Points to docx's half-points. */
const hp = (pt: number) => pt * 2;
/** Millimetres to twips. */
const tw = (mm: number) => Math.round((mm * 1440) / 25.4);

const FONT = 'Times New Roman';

const MARGIN = {
  top: tw(PAGE.margin.top),
  bottom: tw(PAGE.margin.bottom),
  left: tw(PAGE.margin.left),
  right: tw(PAGE.margin.right),
  header: tw(10),
  footer: tw(10),
};
const PORTRAIT_WIDTH = tw(PAGE.width - PAGE.margin.left - PAGE.margin.right);
const LANDSCAPE_WIDTH = tw(PAGE.height - PAGE.margin.left - PAGE.margin.right);

interface TextStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

const run = (text: string, s: TextStyle) =>
  new TextRun({
    text,
    font: FONT,
    size: hp(s.size),
    ...(s.bold ? { bold: true } : {}),
    ...(s.italics ? { italics: true } : {}),
    ...(s.underline ? { underline: {} } : {}),
  });

const runs = (parts: readonly Run[], size: number): ParagraphChild[] =>
  parts.map((r) =>
    typeof r === 'string' ? run(r, { size }) : run(r.text, { size, bold: !!r.bold, italics: !!r.italic }),
  );

function centered(text: string, s: TextStyle, after = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after, line: 240 },
    children: [run(text, s)],
  });
}

/** A short solid line under a centred block: a bottom border between indents, as wide as `fraction` of `width`. */
function rule(width: number, fraction: number): Paragraph {
  const indent = Math.round((width * (1 - fraction)) / 2);
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

const noBorderCell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: TableBorders.NONE,
    children,
  });

function headerBlock(doc: AdminDocument): Table {
  const left = Math.round(PORTRAIT_WIDTH * 0.38);
  const right = PORTRAIT_WIDTH - left;
  const leftChildren = [
    ...(doc.header.parent ? [centered(doc.header.parent, { size: SIZES.header })] : []),
    centered(doc.header.body, { size: SIZES.header, bold: true }),
    rule(left, 0.4),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 0 },
      children: [run(doc.header.number, { size: SIZES.header })],
    }),
  ];
  const rightChildren = [
    centered(FORM[doc.lang].nation, { size: SIZES.nation, bold: true }),
    centered(FORM[doc.lang].motto, { size: SIZES.motto, bold: true, underline: true }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 0 },
      children: [run(doc.header.placeDate, { size: SIZES.motto, italics: true })],
    }),
  ];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({ children: [noBorderCell(left, leftChildren), noBorderCell(right, rightChildren)] }),
    ],
  });
}

function cellParagraph(text: string, size: number, align: 'left' | 'center' | 'right', bold = false) {
  return new Paragraph({
    alignment:
      align === 'center'
        ? AlignmentType.CENTER
        : align === 'right'
          ? AlignmentType.RIGHT
          : AlignmentType.LEFT,
    spacing: { before: 40, after: 40, line: 240 },
    children: [run(text, { size, bold })],
  });
}

function table(t: DocTable, width: number, size: number): Table {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => Math.round((width * c.width) / total));
  const cell = (text: string, i: number, bold: boolean, header = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      margins: { left: 60, right: 60 },
      children: [cellParagraph(text, size, header ? 'center' : (t.columns[i]!.align ?? 'left'), bold)],
    });
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: t.columns.map((c, i) => cell(c.label, i, true, true)),
    }),
    ...t.rows.map(
      (r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) }),
    ),
    ...(t.footer
      ? [new TableRow({ cantSplit: true, children: t.footer.map((text, i) => cell(text, i, true)) })]
      : []),
  ];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows,
  });
}

function blocks(list: readonly Block[], width: number, tableSize: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            keepNext: true,
            indent: { firstLine: tw(PAGE.indent) },
            spacing: { before: b.level === 1 ? 120 : 60, after: 120, line: 276 },
            children: [run(b.text, { size: SIZES.body, bold: true })],
          }),
        );
        break;
      case 'paragraph':
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: tw(PAGE.indent) },
            spacing: { before: 0, after: 120, line: 276 },
            children: runs(b.runs, SIZES.body),
          }),
        );
        break;
      case 'list':
        for (const item of b.items)
          out.push(
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              indent: { firstLine: tw(PAGE.indent) },
              spacing: { before: 0, after: 120, line: 276 },
              children: [run('- ', { size: SIZES.body }), ...runs(item, SIZES.body)],
            }),
          );
        break;
      case 'table':
        if (b.caption) out.push(centered(b.caption, { size: SIZES.body, bold: true }, 120));
        out.push(table(b.table, width, tableSize));
        // Word needs a paragraph between a table and what follows.
        out.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
        break;
    }
  }
  return out;
}

function signature(doc: AdminDocument): Table {
  const left = Math.round(PORTRAIT_WIDTH * 0.45);
  const right = PORTRAIT_WIDTH - left;
  const leftChildren = [
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [run(FORM[doc.lang].recipients, { size: SIZES.recipientsLabel, bold: true, italics: true })],
    }),
    ...doc.recipients.map(
      (r) =>
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [run(`- ${r}`, { size: SIZES.recipients })],
        }),
    ),
  ];
  const rightChildren = [
    ...(doc.signer.authority ? [centered(doc.signer.authority, { size: SIZES.signer, bold: true })] : []),
    centered(doc.signer.title, { size: SIZES.signer, bold: true }),
    // Room for the signature and the seal.
    ...Array.from({ length: 4 }, () => centered('', { size: SIZES.signer })),
    centered(doc.signer.name, { size: SIZES.signer, bold: true }),
  ];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [noBorderCell(left, leftChildren), noBorderCell(right, rightChildren)],
      }),
    ],
  });
}

const pageNumbers = () => ({
  default: new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: hp(SIZES.body) })],
      }),
    ],
  }),
  first: new Header({ children: [new Paragraph({ children: [] })] }),
});

function appendixSection(a: Appendix, lang: Lang): ISectionOptions {
  const width = a.landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
  return {
    properties: {
      page: {
        size: {
          width: tw(PAGE.width),
          height: tw(PAGE.height),
          orientation: a.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: MARGIN,
      },
    },
    headers: { default: pageNumbers().default },
    children: [
      centered(FORM[lang].upper(a.label), { size: SIZES.body, bold: true }),
      centered(a.title, { size: SIZES.body, bold: true }),
      centered(a.reference, { size: SIZES.body, italics: true }, 0),
      rule(width, 0.2),
      new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
      ...blocks(a.blocks, width, SIZES.appendixTable),
    ],
  };
}

/** The document as a .docx file. */
export async function renderDocx(doc: AdminDocument): Promise<Buffer> {
  const main: ISectionOptions = {
    properties: {
      titlePage: true,
      page: {
        size: { width: tw(PAGE.width), height: tw(PAGE.height), orientation: PageOrientation.PORTRAIT },
        margin: MARGIN,
      },
    },
    headers: pageNumbers(),
    children: [
      headerBlock(doc),
      new Paragraph({ spacing: { before: 0, after: 240 }, children: [] }),
      centered(doc.type, { size: SIZES.type, bold: true }),
      centered(doc.summary, { size: SIZES.type, bold: true }),
      ...(doc.notice ? [centered(doc.notice, { size: SIZES.body, italics: true })] : []),
      rule(PORTRAIT_WIDTH, 0.25),
      new Paragraph({ spacing: { before: 0, after: 240 }, children: [] }),
      ...blocks(doc.blocks, PORTRAIT_WIDTH, SIZES.table),
      new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
      signature(doc),
    ],
  };
  const document = new Document({
    creator: doc.meta.author,
    title: doc.meta.title,
    subject: doc.meta.subject,
    description: doc.meta.subject,
    styles: { default: { document: { run: { font: FONT, size: hp(SIZES.body) } } } },
    sections: [main, ...doc.appendices.map((a) => appendixSection(a, doc.lang))],
  });
  return Packer.toBuffer(document);
}
