/**
 * Rendering of a stored completion report (ReportContent) to the formats users download. The documents people
 * read and sign (DOCX, PDF) are the administrative document of Decree 30/2020 (../document); the screen and data
 * files (HTML, XLSX, CSV) lay out one sections model (sections.ts) with the same labels and number formats.
 */
import { renderDocx } from '../document/docx.js';
import { renderDocumentPdf } from '../document/pdf.js';
import { reportDocument } from '../document/report-document.js';
import { readDocumentEnv, reportIssuing, type DocumentEnv } from '../document/settings.js';
import type { Lang } from '../document/model.js';
import type { ReportContent } from '../report-model.js';
import { renderCsv } from './csv.js';
import { normalizeNfc } from './format.js';
import { renderHtml } from './html.js';
import { reportSections } from './sections.js';
import { renderXlsx } from './xlsx.js';

export type ReportFormat = 'html' | 'pdf' | 'docx' | 'xlsx' | 'csv';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: DOCX_CONTENT_TYPE,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** ASCII only, so the name survives every mail client and Content-Disposition without encoding. */
export function slug(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return ascii || 'x';
}

/** "bao-cao_<plan>_<report>_<period>.docx"; the English rendering "report_<plan>_<report>_<period>.docx". */
export function reportFilename(content: ReportContent, format: ReportFormat, lang: Lang = 'vi'): string {
  const name = lang === 'en' ? 'report' : 'bao-cao';
  return `${name}_${slug(content.plan.code)}_${slug(content.report.id)}_${slug(content.period)}.${format}`;
}

/**
 * The report in one format. The document settings (place, signer, symbol) come from the environment unless
 * given. `lang` chooses the language of the decree documents (DOCX, PDF): Vietnamese, or English on request;
 * HTML, XLSX and CSV carry both languages' labels already and ignore it.
 */
export async function renderReport(
  content: ReportContent,
  format: ReportFormat,
  env: DocumentEnv = readDocumentEnv(),
  lang: Lang = 'vi',
): Promise<RenderedReport> {
  if (format === 'docx' || format === 'pdf') {
    const doc = reportDocument(content, reportIssuing(content, env), lang);
    const body = format === 'docx' ? await renderDocx(doc) : await renderDocumentPdf(doc);
    return { body, contentType: CONTENT_TYPES[format], filename: reportFilename(content, format, lang) };
  }
  const doc = reportSections(normalizeNfc(content));
  let body: Buffer;
  switch (format) {
    case 'html':
      body = Buffer.from(renderHtml(doc), 'utf8');
      break;
    case 'xlsx':
      body = await renderXlsx(doc);
      break;
    case 'csv':
      body = renderCsv(doc);
      break;
    default:
      throw new Error(`Unknown report format: ${String(format satisfies never)}`);
  }
  return { body, contentType: CONTENT_TYPES[format], filename: reportFilename(content, format) };
}
