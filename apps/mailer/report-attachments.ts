// The one place where files are attached to report mails: the PDF and the XLSX of the stored run, rendered
// by apps/reports/render. Loaded lazily, so that a process that never sends a report never loads the
// PDF and spreadsheet libraries.
import type { Attachment } from 'nodemailer';
import type { ReportContent } from '../reports/report-model.js';

export type ReportAttachments = (content: Record<string, unknown>) => Promise<Attachment[]>;

/** Only runs in the report content model (schemaVersion 1) can be rendered; older runs get the link alone. */
export function isRenderableReport(
  content: Record<string, unknown> | null,
): content is Record<string, unknown> {
  return content !== null && content.schemaVersion === 1;
}

export const renderReportAttachments: ReportAttachments = async (content) => {
  if (!isRenderableReport(content)) return [];
  const { renderReport } = await import('../reports/render/index.js');
  const report = content as unknown as ReportContent;
  const files = await Promise.all([renderReport(report, 'pdf'), renderReport(report, 'xlsx')]);
  return files.map((f) => ({ filename: f.filename, content: f.body, contentType: f.contentType }));
};
