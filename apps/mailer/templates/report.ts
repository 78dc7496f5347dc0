// A period report: the summary figures of the stored run, a per-unit table, and the link to the full report
// (PDF and XLSX attached when they can be rendered). Fields come from ReportView in index.ts.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';
const TH =
  'style="text-align:left;padding:4px 6px;border-bottom:1px solid #d0d7de;font-weight:bold;color:#3d444d;vertical-align:bottom"';
const THN =
  'style="text-align:right;padding:4px 6px;border-bottom:1px solid #d0d7de;font-weight:bold;color:#3d444d;vertical-align:bottom"';
const TD = 'style="padding:4px 6px;border-bottom:1px solid #eaeef2;vertical-align:top"';
const NUM = 'style="padding:4px 6px;border-bottom:1px solid #eaeef2;vertical-align:top;text-align:right"';

export const REPORT_TEMPLATES: KindTemplates = {
  subject: '[Đôn Đốc] Báo cáo: {{title}} – kỳ {{period}} / Report',
  viText: `Báo cáo "{{title}}" kỳ {{period}}{{#if planTitle}} của {{planTitle}}{{/if}}{{#if asOf}}, số liệu tính đến ngày {{asOf}}{{/if}}.
{{#if totals}}

Tổng số nhiệm vụ: {{totals.total}}
Đến hạn: {{totals.due}}
Đã hoàn thành đúng hạn: {{totals.doneOnTime}}
Đã hoàn thành quá hạn: {{totals.doneLate}}
Chưa hoàn thành – trong hạn: {{totals.openInTime}}
Chưa hoàn thành – quá hạn: {{totals.openOverdue}}
Tỷ lệ hoàn thành: {{totals.completionRate}}
{{#if units.length}}

Theo đơn vị (đúng hạn / quá hạn / trong hạn / chưa xong quá hạn, tỷ lệ):
{{#each units}}
  - {{name}}: {{doneOnTime}} / {{doneLate}} / {{openInTime}} / {{openOverdue}}, {{completionRate}}
{{/each}}
{{/if}}
{{else}}

Chưa đọc được số liệu của báo cáo này; xem báo cáo đầy đủ theo liên kết dưới đây.
{{/if}}

Báo cáo đầy đủ: {{url}}
{{#if attachments.length}}
Tệp đính kèm: {{#each attachments}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}.
{{/if}}`,
  enText: `Report "{{title}}", period {{period}}{{#if asOf}}, figures as of {{asOf}}{{/if}}.
{{#if totals}}
Assignments: {{totals.total}}; due: {{totals.due}}; done on time: {{totals.doneOnTime}}; done late: {{totals.doneLate}}; not done, within deadline: {{totals.openInTime}}; not done, overdue: {{totals.openOverdue}}; completion rate: {{totals.completionRate}}.
{{/if}}
Full report: {{url}}
{{#if attachments.length}}
Attached: {{#each attachments}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}.
{{/if}}`,
  viHtml: `<p ${P}>Báo cáo <strong>{{title}}</strong> kỳ <strong>{{period}}</strong>{{#if planTitle}} của {{planTitle}}{{/if}}{{#if asOf}}, số liệu tính đến ngày {{asOf}}{{/if}}.</p>
{{#if totals}}
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 12px">
<tr><td ${TD}>Tổng số nhiệm vụ</td><td ${NUM}><strong>{{totals.total}}</strong></td></tr>
<tr><td ${TD}>Đến hạn</td><td ${NUM}>{{totals.due}}</td></tr>
<tr><td ${TD}>Đã hoàn thành đúng hạn</td><td ${NUM}>{{totals.doneOnTime}}</td></tr>
<tr><td ${TD}>Đã hoàn thành quá hạn</td><td ${NUM}>{{totals.doneLate}}</td></tr>
<tr><td ${TD}>Chưa hoàn thành – trong hạn</td><td ${NUM}>{{totals.openInTime}}</td></tr>
<tr><td ${TD}>Chưa hoàn thành – quá hạn</td><td ${NUM}><strong style="color:#c62828">{{totals.openOverdue}}</strong></td></tr>
<tr><td ${TD}>Tỷ lệ hoàn thành</td><td ${NUM}><strong>{{totals.completionRate}}</strong></td></tr>
</table>
{{#if units.length}}
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 12px">
<tr><th ${TH}>Đơn vị</th><th ${THN}>Đúng hạn</th><th ${THN}>Quá hạn</th><th ${THN}>Chưa xong – trong hạn</th><th ${THN}>Chưa xong – quá hạn</th><th ${THN}>Tỷ lệ</th></tr>
{{#each units}}
<tr><td ${TD}>{{name}}</td><td ${NUM}>{{doneOnTime}}</td><td ${NUM}>{{doneLate}}</td><td ${NUM}>{{openInTime}}</td><td ${NUM}>{{openOverdue}}</td><td ${NUM}>{{completionRate}}</td></tr>
{{/each}}
</table>
{{/if}}
{{else}}
<p ${P}>Chưa đọc được số liệu của báo cáo này; xem báo cáo đầy đủ theo liên kết dưới đây.</p>
{{/if}}
<p ${P}><a href="{{url}}" style="display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">Xem báo cáo đầy đủ</a></p>
{{#if attachments.length}}<p ${P}>Tệp đính kèm: {{#each attachments}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}.</p>{{/if}}`,
  enHtml: `<p ${P}>Report <strong>{{title}}</strong>, period <strong>{{period}}</strong>{{#if asOf}}, figures as of {{asOf}}{{/if}}.
{{#if totals}}Assignments {{totals.total}}; due {{totals.due}}; done on time {{totals.doneOnTime}}; done late {{totals.doneLate}}; not done, within deadline {{totals.openInTime}}; not done, overdue {{totals.openOverdue}}; completion rate {{totals.completionRate}}.{{/if}}</p>
<p ${P}><a href="{{url}}" style="color:#0b5cad">Open the full report</a>{{#if attachments.length}} — attached: {{#each attachments}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}{{/if}}.</p>`,
};
