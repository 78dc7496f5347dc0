// A period report: the summary figures of the stored run, a per-unit table, and the link to the full report
// (PDF and XLSX attached when they can be rendered). Fields come from the report view in index.ts.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';
const TH =
  'style="text-align:left;padding:4px 6px;border-bottom:1px solid #d0d7de;font-weight:bold;color:#3d444d;vertical-align:bottom"';
const THN =
  'style="text-align:right;padding:4px 6px;border-bottom:1px solid #d0d7de;font-weight:bold;color:#3d444d;vertical-align:bottom"';
const TD = 'style="padding:4px 6px;border-bottom:1px solid #eaeef2;vertical-align:top"';
const NUM = 'style="padding:4px 6px;border-bottom:1px solid #eaeef2;vertical-align:top;text-align:right"';
const BUTTON =
  'style="display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold"';

type Words = Record<
  | 'total'
  | 'due'
  | 'doneOnTime'
  | 'doneLate'
  | 'openInTime'
  | 'openOverdue'
  | 'rate'
  | 'unit'
  | 'onTime'
  | 'late'
  | 'openIn'
  | 'openOver'
  | 'rateShort'
  | 'byUnit'
  | 'unread'
  | 'full'
  | 'open'
  | 'attached',
  string
>;

const VI: Words = {
  total: 'Tổng số nhiệm vụ',
  due: 'Đến hạn',
  doneOnTime: 'Đã hoàn thành đúng hạn',
  doneLate: 'Đã hoàn thành quá hạn',
  openInTime: 'Chưa hoàn thành – trong hạn',
  openOverdue: 'Chưa hoàn thành – quá hạn',
  rate: 'Tỷ lệ hoàn thành',
  unit: 'Đơn vị',
  onTime: 'Đúng hạn',
  late: 'Quá hạn',
  openIn: 'Chưa xong – trong hạn',
  openOver: 'Chưa xong – quá hạn',
  rateShort: 'Tỷ lệ',
  byUnit: 'Theo đơn vị (đúng hạn / quá hạn / trong hạn / chưa xong quá hạn, tỷ lệ)',
  unread: 'Chưa đọc được số liệu của báo cáo này; xem báo cáo đầy đủ theo liên kết dưới đây.',
  full: 'Báo cáo đầy đủ',
  open: 'Xem báo cáo đầy đủ',
  attached: 'Tệp đính kèm',
};

const EN: Words = {
  total: 'Assignments',
  due: 'Due',
  doneOnTime: 'Done on time',
  doneLate: 'Done late',
  openInTime: 'Not done – within deadline',
  openOverdue: 'Not done – overdue',
  rate: 'Completion rate',
  unit: 'Unit',
  onTime: 'On time',
  late: 'Late',
  openIn: 'Open – in time',
  openOver: 'Open – overdue',
  rateShort: 'Rate',
  byUnit: 'By unit (on time / late / open in time / open overdue, rate)',
  unread: 'The figures of this report could not be read; see the full report at the link below.',
  full: 'Full report',
  open: 'Open the full report',
  attached: 'Attached',
};

const text = (w: Words, intro: string) => `${intro}
{{#if totals}}

${w.total}: {{totals.total}}
${w.due}: {{totals.due}}
${w.doneOnTime}: {{totals.doneOnTime}}
${w.doneLate}: {{totals.doneLate}}
${w.openInTime}: {{totals.openInTime}}
${w.openOverdue}: {{totals.openOverdue}}
${w.rate}: {{totals.completionRate}}
{{#if units.length}}

${w.byUnit}:
{{#each units}}
  - {{name}}: {{doneOnTime}} / {{doneLate}} / {{openInTime}} / {{openOverdue}}, {{completionRate}}
{{/each}}
{{/if}}
{{else}}

${w.unread}
{{/if}}

${w.full}: {{url}}
{{#if attachments.length}}
${w.attached}: {{#each attachments}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}.
{{/if}}`;

const html = (w: Words, intro: string) => `<p ${P}>${intro}</p>
{{#if totals}}
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 12px">
<tr><td ${TD}>${w.total}</td><td ${NUM}><strong>{{totals.total}}</strong></td></tr>
<tr><td ${TD}>${w.due}</td><td ${NUM}>{{totals.due}}</td></tr>
<tr><td ${TD}>${w.doneOnTime}</td><td ${NUM}>{{totals.doneOnTime}}</td></tr>
<tr><td ${TD}>${w.doneLate}</td><td ${NUM}>{{totals.doneLate}}</td></tr>
<tr><td ${TD}>${w.openInTime}</td><td ${NUM}>{{totals.openInTime}}</td></tr>
<tr><td ${TD}>${w.openOverdue}</td><td ${NUM}><strong style="color:#c62828">{{totals.openOverdue}}</strong></td></tr>
<tr><td ${TD}>${w.rate}</td><td ${NUM}><strong>{{totals.completionRate}}</strong></td></tr>
</table>
{{#if units.length}}
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 12px">
<tr><th ${TH}>${w.unit}</th><th ${THN}>${w.onTime}</th><th ${THN}>${w.late}</th><th ${THN}>${w.openIn}</th><th ${THN}>${w.openOver}</th><th ${THN}>${w.rateShort}</th></tr>
{{#each units}}
<tr><td ${TD}>{{name}}</td><td ${NUM}>{{doneOnTime}}</td><td ${NUM}>{{doneLate}}</td><td ${NUM}>{{openInTime}}</td><td ${NUM}>{{openOverdue}}</td><td ${NUM}>{{completionRate}}</td></tr>
{{/each}}
</table>
{{/if}}
{{else}}
<p ${P}>${w.unread}</p>
{{/if}}
<p ${P}><a href="{{url}}" ${BUTTON}>${w.open}</a></p>
{{#if attachments.length}}<p ${P}>${w.attached}: {{#each attachments}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}.</p>{{/if}}`;

const VI_INTRO =
  'Báo cáo "{{title}}" kỳ {{periodLower}}{{#if plan}} của {{plan}}{{/if}}{{#if asOf}}, số liệu tính đến hết ngày {{asOf}}{{/if}}.';
const EN_INTRO =
  'Report "{{title}}", period {{period}}{{#if plan}}, {{plan}}{{/if}}{{#if asOf}}, figures to the end of {{asOf}}{{/if}}.';

export const REPORT_TEMPLATES: KindTemplates = {
  vi: {
    subject: '[Đôn Đốc] Báo cáo: {{title}} – {{period}}',
    text: text(VI, VI_INTRO),
    html: html(VI, VI_INTRO),
  },
  en: {
    subject: '[Đôn Đốc] Report: {{title}} – {{period}}',
    text: text(EN, EN_INTRO),
    html: html(EN, EN_INTRO),
  },
};
