// Renders an outbox row into a mail: subject, plain text and HTML, Vietnamese first and English after.
// Each kind gets a view built here from its payload (so templates only place fields); HTML templates escape
// every value ({{ }}), text templates are compiled without escaping because they are not HTML.
import Handlebars from 'handlebars';
import { ASSIGNMENT_TEMPLATES } from './assignment.js';
import { DIGEST_TEMPLATES } from './digest.js';
import { AREA_LABELS, RAG_LABELS, daysBetween, formatDate, formatPercent, splitLabel } from './format.js';
import { HTML_LAYOUT, HTML_PARTIALS, TEXT_LAYOUT, TEXT_PARTIALS } from './layout.js';
import { REPORT_TEMPLATES } from './report.js';
import type { KindTemplates, RenderedMail } from './types.js';

export type { RenderedMail } from './types.js';
export { formatDate, formatPercent } from './format.js';

export interface MailInput {
  kind: string;
  /** 'unit:<code>' or 'person:<id>'. */
  recipient: string;
  recipientName?: string | null;
  /** The instant the notification is about (the outbox row's due_at). */
  at: Date | string;
  payload: Record<string, unknown>;
  /** Base address of the web UI, for the footer link. */
  publicUrl?: string | undefined;
  /** The one-click acknowledge link, only while the assignment is not acknowledged yet. */
  acknowledge?: { url: string; expiresAt: Date } | undefined;
  /** Report mails: the stored run's content (null when it cannot be found), its link and attachment names. */
  report?: { content: Record<string, unknown> | null; url: string; attachments?: string[] } | undefined;
}

export class UnknownMailKindError extends Error {
  constructor(readonly kind: string) {
    super(`no mail template for notification kind "${kind}"`);
  }
}

// ---- compilation ----

type Compiled = (view: object) => string;
interface CompiledKind {
  subject: Compiled;
  text: Compiled;
  html: Compiled;
}

function environment(partials: Record<string, string>, escape: boolean): typeof Handlebars {
  const env = Handlebars.create();
  // Partials are compiled here with the same escaping rule as the templates that use them.
  for (const [name, source] of Object.entries(partials))
    env.registerPartial(name, env.compile(source, { noEscape: !escape, strict: false }));
  return env;
}

let envs: { html: typeof Handlebars; text: typeof Handlebars } | undefined;
const compiled = new Map<string, CompiledKind>();

function compileKind(name: string, t: KindTemplates): CompiledKind {
  envs ??= {
    html: environment({ ...HTML_PARTIALS, layout: HTML_LAYOUT }, true),
    text: environment({ ...TEXT_PARTIALS, layout: TEXT_LAYOUT }, false),
  };
  const frame = (vi: string, en: string) =>
    `{{#> layout}}{{#*inline "vi"}}${vi}{{/inline}}{{#*inline "en"}}${en}{{/inline}}{{/layout}}`;
  const kind: CompiledKind = {
    subject: envs.text.compile(t.subject, { noEscape: true }),
    text: envs.text.compile(frame(t.viText, t.enText), { noEscape: true }),
    html: envs.html.compile(frame(t.viHtml, t.enHtml)),
  };
  compiled.set(name, kind);
  return kind;
}

const SOURCES: Record<string, KindTemplates> = {
  ...ASSIGNMENT_TEMPLATES,
  digest: DIGEST_TEMPLATES,
  report: REPORT_TEMPLATES,
};

function templatesOf(kind: string): CompiledKind {
  const cached = compiled.get(kind);
  if (cached) return cached;
  if (!Object.hasOwn(SOURCES, kind)) throw new UnknownMailKindError(kind);
  return compileKind(kind, SOURCES[kind]!);
}

/** Every notification kind a template exists for. */
export const MAIL_KINDS: readonly string[] = Object.keys(SOURCES);

// ---- views ----

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function recipientNameOf(input: MailInput): string {
  const fromPayload = str(obj(input.payload.recipient).name);
  return input.recipientName?.trim() || fromPayload || input.recipient.replace(/^[a-z]+:/, '');
}

function base(input: MailInput) {
  return {
    recipientName: recipientNameOf(input),
    appUrl: input.publicUrl ? `${input.publicUrl.replace(/\/+$/, '')}/` : '',
  };
}

function assignmentView(input: MailInput) {
  const p = input.payload;
  const task = obj(p.task);
  const unit = obj(p.unit);
  const schedule = obj(p.schedule);
  const areaCode = str(task.area);
  const unitCode = str(unit.code);
  return {
    ...base(input),
    planCode: str(p.planCode),
    task: {
      id: str(task.id),
      title: str(task.title),
      output: str(task.output),
    },
    area: areaCode ? (AREA_LABELS[areaCode] ?? { vi: areaCode, en: areaCode }) : undefined,
    occurrence: str(p.occurrence),
    unit: { code: unitCode, name: str(unit.name) || unitCode },
    due: formatDate(p.dueAt),
    at: formatDate(input.at),
    toAssignee: unitCode !== '' && input.recipient === `unit:${unitCode}`,
    acknowledge: input.acknowledge
      ? { url: input.acknowledge.url, expires: formatDate(input.acknowledge.expiresAt) }
      : undefined,
    acknowledgeBy: formatDate(schedule.acknowledgeBy),
    label: splitLabel(p.label),
    after: p.when === 'after',
    level: num(p.level) ?? 0,
    overdueSince: formatDate(p.overdueSince ?? p.dueAt),
    daysOverdue: daysBetween(p.overdueSince ?? p.dueAt, input.at),
    newDue: formatDate(p.newDueDate),
    reason: str(p.reason),
    requestedBy: str(p.requestedBy),
    approved: p.approved === true,
    note: str(p.note),
    previousDue: formatDate(p.previousDueAt),
    planVersion: num(p.planVersion),
  };
}

function digestView(input: MailInput) {
  const p = input.payload;
  const rollUp = obj(p.rollUp);
  const units = (Array.isArray(p.units) ? p.units : []).map((u) => {
    const entry = obj(u);
    const unit = obj(entry.unit);
    const rag = entry.rag === 'red' || entry.rag === 'green' ? entry.rag : 'amber';
    const items = (Array.isArray(entry.items) ? entry.items : []).map((i) => {
      const item = obj(i);
      return {
        title: str(item.title),
        taskId: str(item.taskId),
        occurrence: str(item.occurrence),
        due: formatDate(item.dueAt),
        daysOverdue: num(item.daysOverdue) ?? 0,
        level: num(item.level) ?? 0,
      };
    });
    return {
      name: str(unit.name) || str(unit.code),
      code: str(unit.code),
      rag: RAG_LABELS[rag],
      items,
      maxLevel: Math.max(0, ...items.map((i) => i.level)),
      maxDaysOverdue: Math.max(0, ...items.map((i) => i.daysOverdue)),
    };
  });
  return {
    ...base(input),
    date: formatDate(p.at ?? input.at),
    planCode: str(p.planCode),
    rollUp: {
      red: num(rollUp.red) ?? 0,
      amber: num(rollUp.amber) ?? 0,
      green: num(rollUp.green) ?? 0,
      openEscalations: num(rollUp.openEscalations) ?? units.reduce((s, u) => s + u.items.length, 0),
    },
    units,
    empty: units.length === 0,
  };
}

/** Figures of a report run, whichever content shape it was stored in (the engine's, or ReportContent). */
function reportFigures(content: Record<string, unknown> | null) {
  if (!content) return { totals: undefined, units: [] };
  const t = obj(content.totals);
  const n = (v: unknown) => num(v) ?? 0;
  const rate = (row: Record<string, unknown>) => {
    if (row.completionRate !== undefined) return formatPercent(row.completionRate);
    const due = num(row.due) ?? n(row.doneOnTime) + n(row.doneLate) + n(row.openOverdue);
    return formatPercent(
      due === 0 ? null : Math.round((1000 * (n(row.doneOnTime) + n(row.doneLate))) / due) / 10,
    );
  };
  const totals = {
    total: num(t.total) ?? n(t.assignments),
    due: num(t.due) ?? n(t.doneOnTime) + n(t.doneLate) + n(t.openOverdue),
    doneOnTime: n(t.doneOnTime),
    doneLate: n(t.doneLate),
    openInTime: n(t.openInTime),
    openOverdue: n(t.openOverdue),
    completionRate: rate(t),
  };
  const rows = Array.isArray(content.byUnit)
    ? content.byUnit
    : Array.isArray(content.units)
      ? content.units
      : [];
  const units = rows.map((r) => {
    const row = obj(r);
    const unit = obj(row.unit);
    return {
      name: str(unit.name) || str(row.unitName) || str(unit.code) || str(row.unitCode),
      doneOnTime: n(row.doneOnTime),
      doneLate: n(row.doneLate),
      openInTime: n(row.openInTime),
      openOverdue: n(row.openOverdue),
      completionRate: rate(row),
    };
  });
  return { totals, units };
}

function reportView(input: MailInput) {
  const p = input.payload;
  const content = input.report?.content ?? null;
  const c = obj(content);
  return {
    ...base(input),
    title: str(p.title) || str(obj(c.report).title) || str(p.reportKey),
    period: str(p.period) || str(c.period),
    planTitle: str(obj(c.plan).title),
    asOf: formatDate(c.asOf ?? c.cutOffAt),
    ...reportFigures(content),
    url: input.report?.url ?? '',
    attachments: input.report?.attachments ?? [],
  };
}

// ---- rendering ----

/** One line, no control characters: a subject is a header. */
function cleanSubject(s: string): string {
  const visible = Array.from(s, (c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('');
  const line = visible.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function cleanText(s: string): string {
  return `${s
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

export function renderMail(input: MailInput): RenderedMail {
  const t = templatesOf(input.kind);
  const view =
    input.kind === 'digest'
      ? digestView(input)
      : input.kind === 'report'
        ? reportView(input)
        : assignmentView(input);
  const subject = cleanSubject(t.subject(view));
  return {
    subject,
    text: cleanText(t.text({ ...view, subject })),
    html: t.html({ ...view, subject }),
  };
}
