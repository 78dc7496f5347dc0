// The digest: open escalations for one recipient grouped by unit (red first), with how long each is overdue,
// its level and the red/amber/green roll-up of DigestContent. Fields come from the digest view in index.ts.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';
const TH =
  'style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;font-weight:bold;color:#3d444d"';
const TD = 'style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top"';
const NUM = 'style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top;text-align:right"';
const BADGE =
  'style="display:inline-block;min-width:48px;padding:1px 8px;border-radius:10px;color:#ffffff;font-size:12px;text-align:center;background:{{rag.color}}"';

const table = (
  h: Record<'task' | 'period' | 'due' | 'overdue' | 'level' | 'waiting', string>,
) => `{{#each units}}
<h3 style="font-size:15px;margin:18px 0 6px"><span ${BADGE}>{{rag.label}}</span> {{name}}</h3>
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;font-size:13px">
<tr><th ${TH}>${h.task}</th><th ${TH}>${h.period}</th><th ${TH}>${h.due}</th><th ${TH}>${h.overdue}</th><th ${TH}>${h.level}</th></tr>
{{#each items}}
<tr><td ${TD}>{{title}}{{#if waitingFor}}<br><span style="color:#57606a">${h.waiting}: {{waitingFor}}</span>{{/if}}</td><td ${TD}>{{occurrence}}</td><td ${TD}>{{due}}</td><td ${TD}>{{overdue}}</td><td ${NUM}>{{level}}</td></tr>
{{/each}}
</table>
{{/each}}`;

export const DIGEST_TEMPLATES: KindTemplates = {
  vi: {
    subject: '[Đôn Đốc] Tổng hợp nhiệm vụ quá hạn ngày {{date}}: {{rollUp.red}} đỏ, {{rollUp.amber}} vàng',
    text: `Tổng hợp các nhiệm vụ quá hạn{{#if plan}} thuộc {{plan}}{{/if}} đã báo cáo lên đồng chí, tính đến {{asOf}}:
Đỏ (cần chỉ đạo ngay): {{rollUp.red}} đơn vị · Vàng: {{rollUp.amber}} đơn vị · Xanh (đã xử lý từ lần trước): {{rollUp.green}} đơn vị · Tổng số nhiệm vụ: {{rollUp.openEscalations}}
{{#if empty}}

Không còn nhiệm vụ quá hạn nào cần báo cáo.
{{/if}}
{{#each units}}

[{{rag.label}}] {{name}}
{{#each items}}
  - {{title}}{{#if occurrence}} ({{occurrence}}){{/if}}: hạn {{due}}, quá hạn {{overdue}}, cấp {{level}}{{#if waitingFor}}; chờ đơn vị phối hợp: {{waitingFor}}{{/if}}
{{/each}}
{{/each}}`,
    html: `<p ${P}>Tổng hợp các nhiệm vụ quá hạn{{#if plan}} thuộc {{plan}}{{/if}} đã báo cáo lên đồng chí, tính đến <strong>{{asOf}}</strong>:</p>
<p ${P}>
<span style="color:#c62828;font-weight:bold">Đỏ: {{rollUp.red}}</span> đơn vị ·
<span style="color:#ef8f00;font-weight:bold">Vàng: {{rollUp.amber}}</span> đơn vị ·
<span style="color:#2e7d32;font-weight:bold">Xanh: {{rollUp.green}}</span> đơn vị đã xử lý từ lần trước ·
Tổng số nhiệm vụ: <strong>{{rollUp.openEscalations}}</strong>
</p>
{{#if empty}}<p ${P}>Không còn nhiệm vụ quá hạn nào cần báo cáo.</p>{{/if}}
${table({ task: 'Nhiệm vụ', period: 'Kỳ', due: 'Thời hạn', overdue: 'Quá hạn', level: 'Cấp', waiting: 'Chờ đơn vị phối hợp' })}`,
  },
  en: {
    subject: '[Đôn Đốc] Overdue digest {{date}}: {{rollUp.red}} red, {{rollUp.amber}} amber',
    text: `Overdue tasks{{#if plan}} of {{plan}}{{/if}} escalated to you, as of {{asOf}}:
Red (needs direction now): {{rollUp.red}} unit(s) · Amber: {{rollUp.amber}} · Green (resolved since the last digest): {{rollUp.green}} · Tasks: {{rollUp.openEscalations}}
{{#if empty}}

Nothing overdue is left to report.
{{/if}}
{{#each units}}

[{{rag.label}}] {{name}}
{{#each items}}
  - {{title}}{{#if occurrence}} ({{occurrence}}){{/if}}: due {{due}}, {{overdue}} overdue, level {{level}}{{#if waitingFor}}; waiting for coordinating units: {{waitingFor}}{{/if}}
{{/each}}
{{/each}}`,
    html: `<p ${P}>Overdue tasks{{#if plan}} of {{plan}}{{/if}} escalated to you, as of <strong>{{asOf}}</strong>:</p>
<p ${P}>
<span style="color:#c62828;font-weight:bold">Red: {{rollUp.red}}</span> unit(s) ·
<span style="color:#ef8f00;font-weight:bold">Amber: {{rollUp.amber}}</span> ·
<span style="color:#2e7d32;font-weight:bold">Green: {{rollUp.green}}</span> resolved since the last digest ·
Tasks: <strong>{{rollUp.openEscalations}}</strong>
</p>
{{#if empty}}<p ${P}>Nothing overdue is left to report.</p>{{/if}}
${table({ task: 'Task', period: 'Period', due: 'Deadline', overdue: 'Overdue', level: 'Level', waiting: 'Waiting for coordinating units' })}`,
  },
};
