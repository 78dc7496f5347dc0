// The digest: open escalations for one recipient grouped by unit (red first), with days overdue, level and
// the red/amber/green roll-up of DigestContent. Fields come from DigestView in index.ts.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';
const TH =
  'style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;font-weight:bold;color:#3d444d"';
const TD = 'style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top"';
const NUM = 'style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top;text-align:right"';
const BADGE =
  'style="display:inline-block;min-width:48px;padding:1px 8px;border-radius:10px;color:#ffffff;font-size:12px;text-align:center;background:{{rag.color}}"';

export const DIGEST_TEMPLATES: KindTemplates = {
  subject:
    '[Đôn Đốc] Tổng hợp nhiệm vụ quá hạn ngày {{date}}: {{rollUp.red}} đỏ, {{rollUp.amber}} vàng / Overdue digest',
  viText: `Tổng hợp các nhiệm vụ quá hạn đã báo cáo lên đồng chí, tính đến ngày {{date}}{{#if planCode}} (kế hoạch {{planCode}}){{/if}}:
Đỏ (cần chỉ đạo ngay): {{rollUp.red}} đơn vị · Vàng: {{rollUp.amber}} đơn vị · Xanh (đã xử lý từ lần trước): {{rollUp.green}} đơn vị · Tổng số nhiệm vụ: {{rollUp.openEscalations}}
{{#if empty}}

Không còn nhiệm vụ quá hạn nào cần báo cáo.
{{/if}}
{{#each units}}

[{{rag.vi}}] {{name}}
{{#each items}}
  - {{title}}{{#if occurrence}} (kỳ {{occurrence}}){{/if}}: hạn {{due}}, quá hạn {{daysOverdue}} ngày, cấp {{level}}
{{/each}}
{{/each}}`,
  enText: `Overdue tasks escalated to you, as of {{date}}{{#if planCode}} (plan {{planCode}}){{/if}}:
Red (needs direction now): {{rollUp.red}} unit(s) · Amber: {{rollUp.amber}} · Green (resolved since the last digest): {{rollUp.green}} · Tasks: {{rollUp.openEscalations}}
{{#if empty}}

Nothing overdue is left to report.
{{/if}}
{{#each units}}
  - {{name}} — {{rag.en}}: {{items.length}} task(s), highest level {{maxLevel}}, up to {{maxDaysOverdue}} day(s) overdue
{{/each}}`,
  viHtml: `<p ${P}>Tổng hợp các nhiệm vụ quá hạn đã báo cáo lên đồng chí, tính đến ngày <strong>{{date}}</strong>{{#if planCode}} (kế hoạch {{planCode}}){{/if}}:</p>
<p ${P}>
<span style="color:#c62828;font-weight:bold">Đỏ: {{rollUp.red}}</span> đơn vị ·
<span style="color:#ef8f00;font-weight:bold">Vàng: {{rollUp.amber}}</span> đơn vị ·
<span style="color:#2e7d32;font-weight:bold">Xanh: {{rollUp.green}}</span> đơn vị đã xử lý từ lần trước ·
Tổng số nhiệm vụ: <strong>{{rollUp.openEscalations}}</strong>
</p>
{{#if empty}}<p ${P}>Không còn nhiệm vụ quá hạn nào cần báo cáo.</p>{{/if}}
{{#each units}}
<h3 style="font-size:15px;margin:18px 0 6px"><span ${BADGE}>{{rag.vi}}</span> {{name}}</h3>
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;font-size:13px">
<tr><th ${TH}>Nhiệm vụ</th><th ${TH}>Kỳ</th><th ${TH}>Thời hạn</th><th ${TH}>Quá hạn (ngày)</th><th ${TH}>Cấp</th></tr>
{{#each items}}
<tr><td ${TD}>{{title}}</td><td ${TD}>{{occurrence}}</td><td ${TD}>{{due}}</td><td ${NUM}>{{daysOverdue}}</td><td ${NUM}>{{level}}</td></tr>
{{/each}}
</table>
{{/each}}`,
  enHtml: `<p ${P}>Overdue tasks escalated to you, as of <strong>{{date}}</strong>{{#if planCode}} (plan {{planCode}}){{/if}}:
red (needs direction now) {{rollUp.red}}, amber {{rollUp.amber}}, green (resolved since the last digest) {{rollUp.green}} unit(s); {{rollUp.openEscalations}} task(s) in all.</p>
{{#if empty}}<p ${P}>Nothing overdue is left to report.</p>{{/if}}
{{#if units.length}}
<ul style="margin:0 0 10px;padding-left:20px">
{{#each units}}
<li>{{name}} — <span style="color:{{rag.color}};font-weight:bold">{{rag.en}}</span>: {{items.length}} task(s), highest level {{maxLevel}}, up to {{maxDaysOverdue}} day(s) overdue</li>
{{/each}}
</ul>
{{/if}}`,
};
