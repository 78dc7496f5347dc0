// Renders an outbox row into a mail: subject, plain text and HTML, in the recipient's language (Vietnamese unless
// English is asked for; one language per mail). Each kind gets a view built here from its payload (so templates
// only place fields); HTML templates escape every value ({{ }}), text templates are compiled without escaping
// because they are not HTML. Deadlines, dates, time left and rates come from apps/presentation.
import Handlebars from 'handlebars';
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  formatPercent,
  formatPeriodLabel,
  formatTimeLeft,
  readDeadline,
  stepLabel,
  withoutBidiControls,
} from '../../presentation/index.js';
import { ASSIGNMENT_TEMPLATES } from './assignment.js';
import { DIGEST_TEMPLATES } from './digest.js';
import { AREA_LABELS, deadlineInSentence, lowerFirst, RAG_LABELS, splitLabel } from './format.js';
import { INCIDENT_TEMPLATES } from './incident.js';
import { HTML_LAYOUT, HTML_PARTIALS, TEXT_LAYOUT, TEXT_PARTIALS } from './layout.js';
import { PEOPLE_TEMPLATES } from './people.js';
import { REPORT_TEMPLATES } from './report.js';
import type { KindTemplates, MailLang, RenderedMail } from './types.js';

export type { MailLang, RenderedMail } from './types.js';

export interface MailInput {
  kind: string;
  /** 'unit:<code>', 'person:<id>' or 'role:<role>'. */
  recipient: string;
  recipientName?: string | null;
  /** The language of the mail: Vietnamese unless the recipient asked for English. */
  lang?: MailLang | undefined;
  /** The instant the notification is about (the outbox row's due_at). */
  at: Date | string;
  /** When the mail goes out: how long is left or overdue is counted to it. Default `at`. */
  now?: Date | undefined;
  payload: Record<string, unknown>;
  /** Base address of the web UI, for links (the assignment itself, the footer). */
  publicUrl?: string | undefined;
  /** The assignment the mail is about: the mail links to its page. */
  assignmentId?: string | undefined;
  /** The plan as people name it: title and the number of the decision that issued it. */
  plan?: { title: string; decision?: string | null | undefined } | undefined;
  /** The name of the person behind a login the payload carries (who asked for an extension). */
  requestedByName?: string | undefined;
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

const envs = new Map<MailLang, { html: typeof Handlebars; text: typeof Handlebars }>();
const compiled = new Map<string, CompiledKind>();

function envsOf(lang: MailLang) {
  let e = envs.get(lang);
  if (!e) {
    e = {
      html: environment({ ...HTML_PARTIALS[lang], layout: HTML_LAYOUT[lang] }, true),
      text: environment({ ...TEXT_PARTIALS[lang], layout: TEXT_LAYOUT[lang] }, false),
    };
    envs.set(lang, e);
  }
  return e;
}

function compileKind(name: string, lang: MailLang, t: KindTemplates): CompiledKind {
  const e = envsOf(lang);
  const frame = (body: string) => `{{#> layout}}{{#*inline "body"}}${body}{{/inline}}{{/layout}}`;
  const kind: CompiledKind = {
    subject: e.text.compile(t[lang].subject, { noEscape: true }),
    text: e.text.compile(frame(t[lang].text), { noEscape: true }),
    html: e.html.compile(frame(t[lang].html)),
  };
  compiled.set(`${lang}:${name}`, kind);
  return kind;
}

const SOURCES: Record<string, KindTemplates> = {
  ...ASSIGNMENT_TEMPLATES,
  ...PEOPLE_TEMPLATES,
  digest: DIGEST_TEMPLATES,
  report: REPORT_TEMPLATES,
  incident: INCIDENT_TEMPLATES,
};

function templatesOf(kind: string, lang: MailLang): CompiledKind {
  const cached = compiled.get(`${lang}:${kind}`);
  if (cached) return cached;
  if (!Object.hasOwn(SOURCES, kind)) throw new UnknownMailKindError(kind);
  return compileKind(kind, lang, SOURCES[kind]!);
}

/** Every notification kind a template exists for. */
export const MAIL_KINDS: readonly string[] = Object.keys(SOURCES);

// ---- views ----

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** An instant as a canonical ISO string (the presentation functions read that), or '' when there is none. */
function instant(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if (typeof v !== 'string' || v === '' || Number.isNaN(Date.parse(v))) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? '' : new Date(v).toISOString();
}
const deadline = (v: unknown, lang: MailLang) => (instant(v) ? formatDeadline(instant(v), lang) : '');
const date = (v: unknown) => {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  return instant(v) ? formatDate(instant(v)) : '';
};
/** "Quý I/2027" for a period label, "05/03/2027" for a daily occurrence. */
const occurrenceOf = (v: unknown, lang: MailLang) => {
  const s = str(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? formatDate(s) : s ? formatPeriodLabel(s, lang) : '';
};

/** "Kế hoạch … năm 2027 (3012/KH-UBND)": the plan by its title and decision number, never its code. */
function planName(input: MailInput): string {
  const p = input.plan;
  if (!p?.title) return '';
  return p.decision ? `${p.title} (${p.decision})` : p.title;
}

/** A task's number as the plan writes it ("CĐ.01"); an identifier made for machines (with "_") is left out. */
const taskNumber = (id: string) => (id && !id.includes('_') ? id : '');

const base = (publicUrl: string | undefined) => (publicUrl ? publicUrl.replace(/\/+$/, '') : '');

function recipientNameOf(input: MailInput, lang: MailLang): string {
  const name = input.recipientName?.trim() || str(obj(input.payload.recipient).name).trim();
  return name || (lang === 'vi' ? 'Quý cơ quan, đơn vị' : 'Sir or Madam');
}

function common(input: MailInput, lang: MailLang) {
  const root = base(input.publicUrl);
  return { lang, recipientName: recipientNameOf(input, lang), appUrl: root ? `${root}/` : '' };
}

const ACTION_LABELS: Record<string, { vi: string; en: string }> = {
  report: { vi: 'Báo cáo tiến độ, kết quả thực hiện', en: 'Report progress or the result' },
  open: { vi: 'Xem nhiệm vụ trên Đôn Đốc', en: 'Open the task in Đôn Đốc' },
  direct: { vi: 'Xem tình hình thực hiện nhiệm vụ', en: 'See how the task stands' },
  decide: { vi: 'Xem xét, quyết định gia hạn', en: 'Review and decide the extension' },
};

/** What the mail offers besides the one-click acknowledgement: the assignment's own page, for the fitting act. */
function actionOf(input: MailInput, lang: MailLang, toAssignee: boolean) {
  const root = base(input.publicUrl);
  if (!root || !input.assignmentId) return undefined;
  const which =
    input.kind === 'extension_requested'
      ? 'decide'
      : input.kind === 'escalation' && !toAssignee
        ? 'direct'
        : ['reminder', 'overdue', 'check_in', 'escalation', 'reopened', 'extension_decided'].includes(
              input.kind,
            )
          ? 'report'
          : 'open';
  return {
    label: ACTION_LABELS[which]![lang],
    url: `${root}/assignments/${encodeURIComponent(input.assignmentId)}`,
  };
}

function assignmentView(input: MailInput, lang: MailLang) {
  const p = input.payload;
  const task = obj(p.task);
  const unit = obj(p.unit);
  const schedule = obj(p.schedule);
  const areaCode = str(task.area);
  const unitCode = str(unit.code);
  const toAssignee = unitCode !== '' && input.recipient === `unit:${unitCode}`;
  const now = input.now ?? new Date(instant(input.at) || Date.now());
  const dueAt = instant(p.dueAt);
  const overdueSince = instant(p.overdueSince) || dueAt;
  // How long is left (reminders before the deadline) — in hours and minutes on the last day, never "0 ngày".
  const showTimeLeft = input.kind === 'reminder' && p.when !== 'after' && dueAt !== '';
  const timeLeft = showTimeLeft ? formatTimeLeft(dueAt, now, lang) : '';
  return {
    ...common(input, lang),
    plan: planName(input),
    task: { number: taskNumber(str(task.id)), title: str(task.title), output: str(task.output) },
    area: AREA_LABELS[areaCode]?.[lang] ?? '',
    occurrence: occurrenceOf(p.occurrence, lang),
    unit: { name: str(unit.name) || recipientNameOf(input, lang) },
    due: deadline(dueAt, lang),
    dueOn: deadlineInSentence(dueAt, lang),
    dueNote: timeLeft
      ? {
          text: lowerFirst(timeLeft),
          color: timeLeft.startsWith(lang === 'vi' ? 'Còn' : '') ? '#3d444d' : '#c62828',
        }
      : undefined,
    at: date(input.at),
    toAssignee,
    acknowledge: input.acknowledge
      ? { url: input.acknowledge.url, expires: formatDateTime(input.acknowledge.expiresAt, lang) }
      : undefined,
    action: actionOf(input, lang, toAssignee),
    acknowledgeBy: deadlineInSentence(instant(schedule.acknowledgeBy), lang),
    label: splitLabel(p.label)[lang],
    after: p.when === 'after',
    level: num(p.level) ?? 0,
    overdueSince: deadline(overdueSince, lang),
    overdueFor: overdueSince ? lowerFirst(formatTimeLeft(overdueSince, now, lang)) : '',
    newDue: date(p.newDueDate),
    reason: str(p.reason),
    requestedBy:
      input.requestedByName?.trim() || (str(p.requestedBy).includes('@') ? str(p.requestedBy) : ''),
    approved: p.approved === true,
    note: str(p.note),
    previousDue: deadline(p.previousDueAt, lang),
    planVersion: num(p.planVersion),
    // Coordinating units and officers.
    coordinator: str(obj(p.coordinator).name),
    reassigned: p.reassigned === true,
    waitingFor: (Array.isArray(p.waitingFor) ? p.waitingFor : []).map(str).filter(Boolean).join('; '),
  };
}

function invitationView(input: MailInput, lang: MailLang) {
  const p = input.payload;
  const expires = instant(p.expiresAt);
  return {
    ...common(input, lang),
    url: str(p.url),
    unitName: str(obj(p.unit).name),
    invitedBy: str(p.invitedByName),
    expires: expires ? formatDateTime(expires, lang) : '',
  };
}

function digestView(input: MailInput, lang: MailLang) {
  const p = input.payload;
  const rollUp = obj(p.rollUp);
  const at = instant(p.at) || instant(input.at);
  const now = at ? new Date(at) : (input.now ?? new Date());
  const units = (Array.isArray(p.units) ? p.units : []).map((u) => {
    const entry = obj(u);
    const unit = obj(entry.unit);
    const rag = entry.rag === 'red' || entry.rag === 'green' ? entry.rag : 'amber';
    const items = (Array.isArray(entry.items) ? entry.items : []).map((i) => {
      const item = obj(i);
      const dueAt = instant(item.dueAt);
      const left = dueAt ? formatTimeLeft(dueAt, now, lang) : '';
      return {
        title: str(item.title),
        occurrence: occurrenceOf(item.occurrence, lang),
        due: deadline(dueAt, lang),
        // "2 ngày", "5 giờ": how long past the last day as of the digest, never "0 ngày".
        overdue: left.replace(/^(Quá hạn |Còn |Hạn hôm nay, còn )/, '').replace(/ (overdue|left)$/, ''),
        level: num(item.level) ?? 0,
        waitingFor: (Array.isArray(item.waitingFor) ? item.waitingFor : []).map(str).join('; '),
      };
    });
    return {
      name: str(unit.name),
      rag: { label: RAG_LABELS[rag][lang], color: RAG_LABELS[rag].color },
      items,
    };
  });
  return {
    ...common(input, lang),
    date: date(at),
    asOf: at ? formatDateTime(at, lang) : '',
    plan: planName(input),
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
function reportFigures(content: Record<string, unknown> | null, lang: MailLang) {
  if (!content) return { totals: undefined, units: [] };
  const t = obj(content.totals);
  const n = (v: unknown) => num(v) ?? 0;
  const rate = (row: Record<string, unknown>) => {
    if (row.completionRate !== undefined) return formatPercent(num(row.completionRate), lang);
    const due = num(row.due) ?? n(row.doneOnTime) + n(row.doneLate) + n(row.openOverdue);
    return formatPercent(
      due === 0 ? null : Math.round((1000 * (n(row.doneOnTime) + n(row.doneLate))) / due) / 10,
      lang,
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
      name: str(unit.name) || str(row.unitName),
      doneOnTime: n(row.doneOnTime),
      doneLate: n(row.doneLate),
      openInTime: n(row.openInTime),
      openOverdue: n(row.openOverdue),
      completionRate: rate(row),
    };
  });
  return { totals, units };
}

function reportView(input: MailInput, lang: MailLang) {
  const p = input.payload;
  const content = input.report?.content ?? null;
  const c = obj(content);
  const period = occurrenceOf(str(p.period) || str(c.period), lang);
  const cutOff = instant(c.asOf ?? c.cutOffAt);
  const plan = planName(input) || str(obj(c.plan).title);
  return {
    ...common(input, lang),
    title: str(p.title) || str(obj(c.report).title),
    period,
    periodLower: lang === 'vi' ? lowerFirst(period) : period,
    plan,
    // The figures cover whole days: a cut-off at 24:00 is the end of the day before.
    asOf: cutOff ? formatDate(readDeadline(cutOff).lastDay) : '',
    ...reportFigures(content, lang),
    url: input.report?.url ?? '',
    attachments: input.report?.attachments ?? [],
  };
}

function incidentView(input: MailInput, lang: MailLang) {
  const p = input.payload;
  const root = base(input.publicUrl);
  const failures = num(p.failures) ?? 1;
  return {
    ...assignmentView(input, lang),
    step: stepLabel(str(p.stepType), lang),
    failures,
    again: failures > 1,
    incidentsUrl: root ? `${root}/incidents` : '',
    // The page that repairs it is the incidents page, not the assignment's.
    action: root
      ? {
          label: lang === 'vi' ? 'Xem và xử lý sự cố' : 'See and repair the incident',
          url: `${root}/incidents`,
        }
      : undefined,
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
  const lang: MailLang = input.lang === 'en' ? 'en' : 'vi';
  const t = templatesOf(input.kind, lang);
  const view =
    input.kind === 'digest'
      ? digestView(input, lang)
      : input.kind === 'report'
        ? reportView(input, lang)
        : input.kind === 'invitation'
          ? invitationView(input, lang)
          : input.kind === 'incident'
            ? incidentView(input, lang)
            : assignmentView(input, lang);
  // Bidirectional controls (text stored before the API refused them, names from a plan) would let a name
  // reorder what a reader sees; no template holds one, so removing them from the result neutralises them all.
  const subject = cleanSubject(withoutBidiControls(t.subject(view)));
  return {
    subject,
    text: withoutBidiControls(cleanText(t.text({ ...view, subject }))),
    html: withoutBidiControls(t.html({ ...view, subject })),
  };
}
