/**
 * Rendering of a stored completion report (ReportContent) to the four formats users download: the content
 * becomes one sections model (sections.ts), which each format lays out.
 */
import type { ReportContent } from '../report-model.js';
import { renderCsv } from './csv.js';
import { normalizeNfc } from './format.js';
import { renderHtml } from './html.js';
import { renderPdf } from './pdf.js';
import { reportSections } from './sections.js';
import { renderXlsx } from './xlsx.js';

export type ReportFormat = 'html' | 'pdf' | 'xlsx' | 'csv';

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** ASCII only, so the name survives every mail client and Content-Disposition without encoding. */
function slug(text: string): string {
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

export function reportFilename(content: ReportContent, format: ReportFormat): string {
  return `bao-cao_${slug(content.plan.code)}_${slug(content.report.id)}_${slug(content.period)}.${format}`;
}

export async function renderReport(content: ReportContent, format: ReportFormat): Promise<RenderedReport> {
  const doc = reportSections(normalizeNfc(content));
  let body: Buffer;
  switch (format) {
    case 'html':
      body = Buffer.from(renderHtml(doc), 'utf8');
      break;
    case 'pdf':
      body = await renderPdf(doc);
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
