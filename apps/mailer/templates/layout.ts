// The frame of every mail, one per language: greeting, the kind's body (the inline partial "body"), the
// actions that fit, and the footer. User-written text only ever goes through {{ }}.
import type { MailLang } from './types.js';

const BUTTON =
  'style="display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold"';
const SECONDARY =
  'style="display:inline-block;padding:9px 17px;border:1px solid #0b5cad;color:#0b5cad;text-decoration:none;border-radius:4px;font-weight:bold"';
const SMALL = 'style="font-size:12px;color:#5b6470;margin:4px 0 0"';

const html = (
  lang: MailLang,
  strings: { tagline: string; greeting: string; footer: string; details: string },
) =>
  `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7">
<div style="max-width:680px;margin:0 auto;padding:20px 24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">
<div style="font-size:12px;color:#5b6470;margin-bottom:12px">${strings.tagline}</div>
<p>${strings.greeting}</p>
{{> body}}
{{> actions}}
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="font-size:12px;color:#5b6470">
${strings.footer}{{#if appUrl}} ${strings.details} <a href="{{appUrl}}" style="color:#0b5cad">{{appUrl}}</a>.{{/if}}
</p>
</div>
</body>
</html>
`;

export const HTML_LAYOUT: Record<MailLang, string> = {
  vi: html('vi', {
    tagline: 'Đôn Đốc — theo dõi, đôn đốc thực hiện kế hoạch cải cách hành chính',
    greeting: 'Kính gửi: {{recipientName}}',
    footer: 'Thư này được gửi tự động từ hệ thống Đôn Đốc, vui lòng không trả lời thư này.',
    details: 'Hệ thống Đôn Đốc:',
  }),
  en: html('en', {
    tagline: 'Đôn Đốc — monitoring the administrative reform plan',
    greeting: 'Dear {{recipientName}},',
    footer: 'This message was sent automatically by Đôn Đốc; please do not reply.',
    details: 'Đôn Đốc:',
  }),
};

// Blank lines after the body survive whatever a kind's text ends with; runs of them are folded later.
export const TEXT_LAYOUT: Record<MailLang, string> = {
  vi: `Kính gửi: {{recipientName}}

{{> body}}


{{> actions}}


--
Thư này được gửi tự động từ hệ thống Đôn Đốc, vui lòng không trả lời.
{{#if appUrl}}
{{appUrl}}
{{/if}}
`,
  en: `Dear {{recipientName}},

{{> body}}


{{> actions}}


--
This message was sent automatically by Đôn Đốc; please do not reply.
{{#if appUrl}}
{{appUrl}}
{{/if}}
`,
};

// ---- pieces shared by the assignment mails ----

const LABEL = 'style="color:#5b6470;vertical-align:top;padding:3px 12px 3px 0;white-space:nowrap"';
const VALUE = 'style="vertical-align:top;padding:3px 0"';

const taskHtml = (l: Record<'task' | 'area' | 'period' | 'unit' | 'output' | 'due' | 'plan', string>) =>
  `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 12px">
<tr><td ${LABEL}>${l.task}</td><td ${VALUE}><strong>{{task.title}}</strong>{{#if task.number}} <span style="color:#5b6470">({{task.number}})</span>{{/if}}</td></tr>
{{#if area}}<tr><td ${LABEL}>${l.area}</td><td ${VALUE}>{{area}}</td></tr>{{/if}}
{{#if occurrence}}<tr><td ${LABEL}>${l.period}</td><td ${VALUE}>{{occurrence}}</td></tr>{{/if}}
<tr><td ${LABEL}>${l.unit}</td><td ${VALUE}>{{unit.name}}</td></tr>
{{#if task.output}}<tr><td ${LABEL}>${l.output}</td><td ${VALUE}>{{task.output}}</td></tr>{{/if}}
{{#if due}}<tr><td ${LABEL}>${l.due}</td><td ${VALUE}><strong>{{due}}</strong>{{#if dueNote}} <span style="color:{{dueNote.color}}">({{dueNote.text}})</span>{{/if}}</td></tr>{{/if}}
{{#if plan}}<tr><td ${LABEL}>${l.plan}</td><td ${VALUE}>{{plan}}</td></tr>{{/if}}
</table>`;

const taskText = (l: Record<'task' | 'area' | 'period' | 'unit' | 'output' | 'due' | 'plan', string>) =>
  `${l.task}: {{task.title}}{{#if task.number}} ({{task.number}}){{/if}}
{{#if area}}
${l.area}: {{area}}
{{/if}}
{{#if occurrence}}
${l.period}: {{occurrence}}
{{/if}}
${l.unit}: {{unit.name}}
{{#if task.output}}
${l.output}: {{task.output}}
{{/if}}
{{#if due}}
${l.due}: {{due}}{{#if dueNote}} ({{dueNote.text}}){{/if}}
{{/if}}
{{#if plan}}
${l.plan}: {{plan}}
{{/if}}

`;

const VI_LABELS = {
  task: 'Nhiệm vụ',
  area: 'Lĩnh vực',
  period: 'Kỳ',
  unit: 'Đơn vị thực hiện',
  output: 'Sản phẩm',
  due: 'Thời hạn',
  plan: 'Kế hoạch',
};
const EN_LABELS = {
  task: 'Task',
  area: 'Area',
  period: 'Period',
  unit: 'Unit',
  output: 'Output',
  due: 'Deadline',
  plan: 'Plan',
};

/**
 * The actions that fit: acknowledge with the one-click link while the task is not acknowledged, and open the
 * assignment (to report progress, the result, ask for an extension, or decide one).
 */
const actionsHtml = (ack: string, once: string, fallback: string) => `{{#if acknowledge}}
<p style="margin:16px 0 0"><a href="{{acknowledge.url}}" ${BUTTON}>${ack}</a></p>
<p ${SMALL}>${once} {{acknowledge.expires}}. ${fallback} <a href="{{acknowledge.url}}" style="color:#0b5cad;word-break:break-all">{{acknowledge.url}}</a></p>
{{/if}}
{{#if action}}
<p style="margin:16px 0 0"><a href="{{action.url}}" {{#if acknowledge}}${SECONDARY}{{else}}${BUTTON}{{/if}}>{{action.label}}</a></p>
<p ${SMALL}><a href="{{action.url}}" style="color:#0b5cad;word-break:break-all">{{action.url}}</a></p>
{{/if}}`;

const actionsText = (ack: string, once: string) => `{{#if acknowledge}}
${ack} (${once} {{acknowledge.expires}}):
{{acknowledge.url}}

{{/if}}
{{#if action}}
{{action.label}}:
{{action.url}}
{{/if}}
`;

export const HTML_PARTIALS: Record<MailLang, Record<string, string>> = {
  vi: {
    task: taskHtml(VI_LABELS),
    actions: actionsHtml(
      'Xác nhận đã tiếp nhận nhiệm vụ',
      'Bấm một lần là đủ; liên kết dùng được một lần, đến',
      'Nếu nút không hoạt động, mở địa chỉ:',
    ),
  },
  en: {
    task: taskHtml(EN_LABELS),
    actions: actionsHtml(
      'Acknowledge the task',
      'One click is enough; the link works once, until',
      'If the button does not work, open:',
    ),
  },
};

export const TEXT_PARTIALS: Record<MailLang, Record<string, string>> = {
  vi: {
    task: taskText(VI_LABELS),
    actions: actionsText('Xác nhận đã tiếp nhận nhiệm vụ', 'một lần bấm, dùng được đến'),
  },
  en: {
    task: taskText(EN_LABELS),
    actions: actionsText('Acknowledge the task', 'one click, valid until'),
  },
};
