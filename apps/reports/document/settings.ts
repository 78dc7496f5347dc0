/**
 * Who a document is issued by, from the plan (the report's preparing unit, its superior and head, the report's
 * recipients), with what the office sets in the environment taking precedence: the place name, the signer, a
 * number from its register.
 */
import { z } from 'zod';
import type { ReportContent, ReportIssuing } from '../report-model.js';
import { authorityOf, headTitleOf, placeOf, symbolOf, titleOf, type Issuing } from './model.js';

const EnvSchema = z.object({
  /** "Đắk Lắk": the place in "Đắk Lắk, ngày … tháng … năm …"; default: the province or commune in the names. */
  DONDOC_DOCUMENT_PLACE: z.string().trim().min(1).optional(),
  /** The symbol after "BC-" (default: the issuing body's initials, "SNV"). */
  DONDOC_DOCUMENT_SYMBOL: z
    .string()
    .trim()
    .regex(/^[A-ZĐ0-9-]+$/u, 'chữ in hoa, số và dấu gạch ngang / capitals, digits, hyphens')
    .optional(),
  /** "GIÁM ĐỐC"; default: the head's title from the directory. */
  DONDOC_DOCUMENT_SIGNER_TITLE: z.string().trim().min(1).optional(),
  /** "KT. GIÁM ĐỐC" or "TM. ỦY BAN NHÂN DÂN" above the title, when the office signs that way. */
  DONDOC_DOCUMENT_SIGNER_AUTHORITY: z.string().trim().min(1).optional(),
  /** The signer's name; default empty (signed by hand). */
  DONDOC_DOCUMENT_SIGNER_NAME: z.string().trim().min(1).optional(),
});

export type DocumentEnv = z.infer<typeof EnvSchema>;

/** The document settings in the environment; a wrong value is a configuration error at start-up. */
export function readDocumentEnv(source: NodeJS.ProcessEnv = process.env): DocumentEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình văn bản không hợp lệ / invalid document settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The issuing settings of a source: a report's own (ReportIssuing), or the plan's issuer for older runs. */
export function issuingFrom(
  source: ReportIssuing | { issuer: { code: string; name: string } },
  env: DocumentEnv,
  extraRecipients: readonly string[] = [],
): Issuing {
  const from: ReportIssuing =
    'body' in source ? source : { body: source.issuer, parent: null, head: null, recipients: [] };
  const recipients = [...from.recipients, ...extraRecipients].filter((r, i, all) => all.indexOf(r) === i);
  const authority = env.DONDOC_DOCUMENT_SIGNER_AUTHORITY ?? authorityOf(from.body.name);
  return {
    bodyName: from.body.name,
    parentName: from.parent?.name ?? null,
    symbol: env.DONDOC_DOCUMENT_SYMBOL ?? symbolOf(from.body.name),
    place: env.DONDOC_DOCUMENT_PLACE ?? placeOf(from.body.name, from.parent?.name),
    signer: {
      ...(authority ? { authority } : {}),
      title:
        env.DONDOC_DOCUMENT_SIGNER_TITLE ??
        titleOf(from.head) ??
        headTitleOf(from.body.name) ??
        'THỦ TRƯỞNG CƠ QUAN',
      name: env.DONDOC_DOCUMENT_SIGNER_NAME ?? '',
    },
    number: null,
    recipients: recipients.map((r) => `${r};`),
  };
}

/** The issuing settings of a stored report. */
export function reportIssuing(c: ReportContent, env: DocumentEnv): Issuing {
  return issuingFrom(c.issuing ?? { issuer: c.plan.issuer }, env);
}
