/**
 * The chairperson's digest (open escalations by unit, red first) as an administrative document: what the office
 * puts on the chairperson's desk, in the same form as the reports.
 */
import { z } from 'zod';
import { localDateOfInstant } from '../../../dsl/calendar/local-time.js';
import { formatDateTimeInText, formatDeadline, formatPeriodLabel } from '../../presentation/index.js';
import { fmtEscalation, fmtInt, normalizeNfc } from '../render/format.js';
import { DIGEST_TEXTS } from './digest-texts.js';
import { ROMAN, type Lang } from './form-texts.js';
import { formParts, type AdminDocument, type Block, type Issuing, type Run } from './model.js';
import { REPORT_TEXTS } from './report-texts.js';

/** A digest as stored (workflows' DigestContent), read defensively: it is JSON from the database. */
export const StoredDigest = z.object({
  key: z.string(),
  planCode: z.string(),
  recipient: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  at: z.string(),
  units: z.array(
    z.object({
      unit: z.object({ code: z.string(), name: z.string() }),
      rag: z.enum(['red', 'amber', 'green']),
      items: z.array(
        z.object({
          title: z.string(),
          occurrence: z.string(),
          dueAt: z.string(),
          daysOverdue: z.number(),
          level: z.number(),
        }),
      ),
    }),
  ),
  rollUp: z.object({ red: z.number(), amber: z.number(), green: z.number(), openEscalations: z.number() }),
});
export type StoredDigest = z.infer<typeof StoredDigest>;

const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });

function unitTable(units: StoredDigest['units'], lang: Lang): Block {
  const col = REPORT_TEXTS[lang].col;
  const t = DIGEST_TEXTS[lang];
  const en = lang === 'en';
  let n = 0;
  return {
    kind: 'table',
    table: {
      columns: [
        { label: col.no, width: 7, align: 'center' },
        { label: col.unit, width: en ? 21 : 22 },
        { label: col.task, width: en ? 31 : 37 },
        { label: col.dueDate, width: 13, align: 'center' },
        // English headings are longer: wide enough for "overdue" and "Escalation" on lines of their own.
        { label: col.daysOverdue, width: en ? 12 : 10, align: 'center' },
        { label: col.escalation, width: en ? 16 : 11, align: 'center' },
      ],
      rows: units.flatMap((u) =>
        u.items.map((i) => [
          fmtInt(++n, lang),
          u.unit.name,
          i.occurrence ? `${i.title} (${t.period(formatPeriodLabel(i.occurrence, lang))})` : i.title,
          formatDeadline(i.dueAt, lang),
          fmtInt(i.daysOverdue, lang),
          fmtEscalation(i.level, lang),
        ]),
      ),
    },
  };
}

/**
 * The digest's decree-form document; `planTitle` names the plan (never its code). In Vietnamese unless `lang`
 * asks for English.
 */
export function digestDocument(
  stored: StoredDigest,
  planTitle: string,
  issuing: Issuing,
  lang: Lang = 'vi',
): AdminDocument {
  const d = normalizeNfc(stored);
  const t = DIGEST_TEXTS[lang];
  const int = (n: number) => fmtInt(n, lang);
  const asOf = formatDateTimeInText(d.at, lang);
  const red = d.units.filter((u) => u.rag === 'red' && u.items.length > 0);
  const amber = d.units.filter((u) => u.rag === 'amber' && u.items.length > 0);
  const sections: [{ title: string; why: string }, StoredDigest['units']][] = [
    [t.red, red],
    [t.amber, amber],
  ];
  const blocks: Block[] = [
    p(
      ...t.rollUp({
        asOf,
        open: int(d.rollUp.openEscalations),
        plan: planTitle,
        recipient: d.recipient.name,
        units: int(red.length + amber.length),
        red: int(d.rollUp.red),
        amber: int(d.rollUp.amber),
        green: int(d.rollUp.green),
      }),
    ),
  ];
  let roman = 0;
  for (const [{ title, why }, units] of sections) {
    if (units.length === 0) continue;
    blocks.push(
      { kind: 'heading', level: 1, text: `${ROMAN[roman++]}. ${title}` },
      p(t.sectionIntro(int(units.length), why)),
      unitTable(units, lang),
    );
  }
  if (red.length + amber.length === 0) blocks.push(p(t.nothingLeft));
  else
    blocks.push(
      { kind: 'heading', level: 1, text: `${ROMAN[roman]}. ${t.proposalHeading}` },
      p(t.proposal(d.recipient.name, issuing.bodyName)),
    );
  blocks.push(p(t.closing(asOf, issuing.bodyName)));
  const summary = t.summary(planTitle, asOf);
  return {
    ...formParts(issuing, localDateOfInstant(d.at), lang),
    summary,
    blocks,
    appendices: [],
    meta: {
      title: t.metaTitle(summary),
      author: issuing.bodyName,
      subject: t.subject(d.recipient.name),
      createdAt: new Date(d.at).toISOString(),
    },
  };
}
