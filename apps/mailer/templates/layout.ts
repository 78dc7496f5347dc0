// The frame of every mail: greeting, the Vietnamese section, then the English one, and the footer. A kind's
// template fills the inline partials "vi" and "en"; user-written text only ever goes through {{ }}.

export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7">
<div style="max-width:680px;margin:0 auto;padding:20px 24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">
<div style="font-size:12px;color:#5b6470;margin-bottom:12px">Đôn Đốc — theo dõi, đôn đốc thực hiện kế hoạch cải cách hành chính</div>
<div lang="vi">
<p>Kính gửi: {{recipientName}}</p>
{{> vi}}
</div>
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<div lang="en" style="color:#3d444d">
<p>Dear {{recipientName}},</p>
{{> en}}
</div>
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="font-size:12px;color:#5b6470">
Thư này được gửi tự động từ hệ thống Đôn Đốc, vui lòng không trả lời thư này.{{#if appUrl}} Xem chi tiết tại <a href="{{appUrl}}" style="color:#0b5cad">{{appUrl}}</a>.{{/if}}<br>
This message was sent automatically by Đôn Đốc; please do not reply.{{#if appUrl}} Details at <a href="{{appUrl}}" style="color:#0b5cad">{{appUrl}}</a>.{{/if}}
</p>
</div>
</body>
</html>
`;

// Blank lines after the sections survive whatever a kind's text ends with; runs of them are folded later.
export const TEXT_LAYOUT = `Kính gửi: {{recipientName}}

{{> vi}}


------------------------------------------------------------
English

Dear {{recipientName}},

{{> en}}


--
Thư này được gửi tự động từ hệ thống Đôn Đốc, vui lòng không trả lời.
This message was sent automatically by Đôn Đốc; please do not reply.
{{#if appUrl}}
{{appUrl}}
{{/if}}
`;

// ---- pieces shared by the assignment mails ----

const LABEL = 'style="color:#5b6470;vertical-align:top;padding:3px 12px 3px 0;white-space:nowrap"';
const VALUE = 'style="vertical-align:top;padding:3px 0"';

export const HTML_PARTIALS: Record<string, string> = {
  taskVi: `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 12px">
<tr><td ${LABEL}>Nhiệm vụ</td><td ${VALUE}><strong>{{task.title}}</strong>{{#if task.id}} <span style="color:#5b6470">({{task.id}})</span>{{/if}}</td></tr>
{{#if area}}<tr><td ${LABEL}>Lĩnh vực</td><td ${VALUE}>{{area.vi}}</td></tr>{{/if}}
{{#if occurrence}}<tr><td ${LABEL}>Kỳ</td><td ${VALUE}>{{occurrence}}</td></tr>{{/if}}
<tr><td ${LABEL}>Đơn vị thực hiện</td><td ${VALUE}>{{unit.name}}</td></tr>
{{#if task.output}}<tr><td ${LABEL}>Sản phẩm</td><td ${VALUE}>{{task.output}}</td></tr>{{/if}}
{{#if due}}<tr><td ${LABEL}>Thời hạn</td><td ${VALUE}><strong>{{due}}</strong></td></tr>{{/if}}
{{#if planCode}}<tr><td ${LABEL}>Kế hoạch</td><td ${VALUE}>{{planCode}}</td></tr>{{/if}}
</table>`,
  taskEn: `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 12px">
<tr><td ${LABEL}>Task</td><td ${VALUE}><strong>{{task.title}}</strong>{{#if task.id}} <span style="color:#5b6470">({{task.id}})</span>{{/if}}</td></tr>
{{#if area}}<tr><td ${LABEL}>Area</td><td ${VALUE}>{{area.en}}</td></tr>{{/if}}
{{#if occurrence}}<tr><td ${LABEL}>Period</td><td ${VALUE}>{{occurrence}}</td></tr>{{/if}}
<tr><td ${LABEL}>Unit</td><td ${VALUE}>{{unit.name}}</td></tr>
{{#if task.output}}<tr><td ${LABEL}>Output</td><td ${VALUE}>{{task.output}}</td></tr>{{/if}}
{{#if due}}<tr><td ${LABEL}>Deadline</td><td ${VALUE}><strong>{{due}}</strong></td></tr>{{/if}}
{{#if planCode}}<tr><td ${LABEL}>Plan</td><td ${VALUE}>{{planCode}}</td></tr>{{/if}}
</table>`,
  ackVi: `{{#if acknowledge}}
<p style="margin:16px 0 6px"><a href="{{acknowledge.url}}" style="display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">Xác nhận đã tiếp nhận nhiệm vụ</a></p>
<p style="font-size:12px;color:#5b6470;margin-top:0">Liên kết chỉ dùng được một lần, có hiệu lực đến hết ngày {{acknowledge.expires}}. Nếu nút không hoạt động, mở địa chỉ: <a href="{{acknowledge.url}}" style="color:#0b5cad;word-break:break-all">{{acknowledge.url}}</a></p>
{{/if}}`,
  ackEn: `{{#if acknowledge}}
<p style="margin:16px 0 6px"><a href="{{acknowledge.url}}" style="color:#0b5cad;font-weight:bold">Acknowledge the assignment</a> — the link works once, until {{acknowledge.expires}}.</p>
{{/if}}`,
};

export const TEXT_PARTIALS: Record<string, string> = {
  taskVi: `Nhiệm vụ: {{task.title}}{{#if task.id}} ({{task.id}}){{/if}}
{{#if area}}
Lĩnh vực: {{area.vi}}
{{/if}}
{{#if occurrence}}
Kỳ: {{occurrence}}
{{/if}}
Đơn vị thực hiện: {{unit.name}}
{{#if task.output}}
Sản phẩm: {{task.output}}
{{/if}}
{{#if due}}
Thời hạn: {{due}}
{{/if}}
{{#if planCode}}
Kế hoạch: {{planCode}}
{{/if}}

`,
  taskEn: `Task: {{task.title}}{{#if task.id}} ({{task.id}}){{/if}}
{{#if area}}
Area: {{area.en}}
{{/if}}
{{#if occurrence}}
Period: {{occurrence}}
{{/if}}
Unit: {{unit.name}}
{{#if task.output}}
Output: {{task.output}}
{{/if}}
{{#if due}}
Deadline: {{due}}
{{/if}}
{{#if planCode}}
Plan: {{planCode}}
{{/if}}

`,
  ackVi: `{{#if acknowledge}}

Xác nhận đã tiếp nhận nhiệm vụ (một lần bấm, có hiệu lực đến hết ngày {{acknowledge.expires}}):
{{acknowledge.url}}
{{/if}}
`,
  ackEn: `{{#if acknowledge}}

Acknowledge the assignment (one click, valid until {{acknowledge.expires}}):
{{acknowledge.url}}
{{/if}}
`,
};
