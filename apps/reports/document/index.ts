/**
 * The decree-form documents as files: a report (see ../render for its other formats) and the chairperson's
 * digest, each as DOCX or PDF.
 */
import { localDateOfInstant } from '../../../dsl/calendar/local-time.js';
import { slug } from '../render/index.js';
import { digestDocument, type StoredDigest } from './digest-document.js';
import { renderDocx } from './docx.js';
import type { Issuing, Lang } from './model.js';
import { renderDocumentPdf } from './pdf.js';

export type DocumentFormat = 'docx' | 'pdf';

export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** "tong-hop-qua-han_cchc-2027_2027-03-20.docx"; the English rendering "overdue-digest_cchc-2027_2027-03-20.docx". */
export function digestFilename(
  d: Pick<StoredDigest, 'planCode' | 'at'>,
  format: DocumentFormat,
  lang: Lang = 'vi',
): string {
  const name = lang === 'en' ? 'overdue-digest' : 'tong-hop-qua-han';
  return `${name}_${slug(d.planCode)}_${localDateOfInstant(d.at)}.${format}`;
}

export async function renderDigest(
  d: StoredDigest,
  planTitle: string,
  issuing: Issuing,
  format: DocumentFormat,
  lang: Lang = 'vi',
): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const doc = digestDocument(d, planTitle, issuing, lang);
  const body = format === 'docx' ? await renderDocx(doc) : await renderDocumentPdf(doc);
  return { body, contentType: DOCUMENT_CONTENT_TYPES[format], filename: digestFilename(d, format, lang) };
}
