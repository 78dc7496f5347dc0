// Mails about people inside a unit and coordinating units: the work given to an officer, a coordinator's
// contribution, an invitation to join the unit. Written once in Vietnamese and once in English; fields come from
// the views in index.ts.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';

export const PEOPLE_TEMPLATES: Record<string, KindTemplates> = {
  officer_assigned: {
    vi: {
      subject:
        '[Đôn Đốc] {{#if reassigned}}Chuyển giao{{else}}Giao{{/if}} cho đồng chí nhiệm vụ: {{task.title}} (hạn {{due}})',
      text: `{{#if reassigned}}Nhiệm vụ sau được chuyển giao cho đồng chí thực hiện.{{else}}Lãnh đạo đơn vị giao đồng chí thực hiện nhiệm vụ sau.{{/if}} Từ nay, các thư nhắc việc của nhiệm vụ sẽ gửi đến đồng chí.
{{#if note}}
Ghi chú: {{note}}
{{/if}}

{{> task}}
Đề nghị đồng chí hoàn thành và báo cáo kết quả chậm nhất {{dueOn}}.`,
      html: `<p ${P}>{{#if reassigned}}Nhiệm vụ sau được <strong>chuyển giao</strong> cho đồng chí thực hiện.{{else}}Lãnh đạo đơn vị giao đồng chí thực hiện nhiệm vụ sau.{{/if}} Từ nay, các thư nhắc việc của nhiệm vụ sẽ gửi đến đồng chí.</p>
{{#if note}}<p ${P}>Ghi chú: {{note}}</p>{{/if}}
{{> task}}
<p ${P}>Đề nghị đồng chí hoàn thành và báo cáo kết quả chậm nhất {{dueOn}}.</p>`,
    },
    en: {
      subject:
        '[Đôn Đốc] {{#if reassigned}}Handed over to you{{else}}Given to you{{/if}}: {{task.title}} (due {{due}})',
      text: `{{#if reassigned}}The following task has been handed over to you.{{else}}The head of your unit has given you the following task.{{/if}} Its reminders will come to you from now on.
{{#if note}}
Note: {{note}}
{{/if}}

{{> task}}
Please complete it and report the result by {{dueOn}}.`,
      html: `<p ${P}>{{#if reassigned}}The following task has been <strong>handed over</strong> to you.{{else}}The head of your unit has given you the following task.{{/if}} Its reminders will come to you from now on.</p>
{{#if note}}<p ${P}>Note: {{note}}</p>{{/if}}
{{> task}}
<p ${P}>Please complete it and report the result by {{dueOn}}.</p>`,
    },
  },

  contribution_reported: {
    vi: {
      subject: '[Đôn Đốc] {{coordinator}} đã báo cáo phần phối hợp: {{task.title}}',
      text: `{{coordinator}} (đơn vị phối hợp) đã báo cáo phần việc của mình đối với nhiệm vụ sau:

{{note}}

{{> task}}`,
      html: `<p ${P}><strong>{{coordinator}}</strong> (đơn vị phối hợp) đã báo cáo phần việc của mình đối với nhiệm vụ sau:</p>
<blockquote style="margin:0 0 10px;padding:6px 12px;border-left:3px solid #d0d7de">{{note}}</blockquote>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] {{coordinator}} reported its contribution: {{task.title}}',
      text: `{{coordinator}} (coordinating unit) reported its part of the following task:

{{note}}

{{> task}}`,
      html: `<p ${P}><strong>{{coordinator}}</strong> (coordinating unit) reported its part of the following task:</p>
<blockquote style="margin:0 0 10px;padding:6px 12px;border-left:3px solid #d0d7de">{{note}}</blockquote>
{{> task}}`,
    },
  },

  invitation: {
    vi: {
      subject: '[Đôn Đốc] Mời tham gia theo dõi nhiệm vụ của {{unitName}}',
      text: `Đồng chí {{invitedBy}} mời đồng chí tham gia Đôn Đốc với tư cách chuyên viên của {{unitName}}, để nhận và báo cáo các nhiệm vụ cải cách hành chính được giao.

Đặt mật khẩu và kích hoạt tài khoản tại: {{url}}
Liên kết chỉ dùng được một lần, đến hết {{expires}}.`,
      html: `<p ${P}>Đồng chí {{invitedBy}} mời đồng chí tham gia Đôn Đốc với tư cách chuyên viên của <strong>{{unitName}}</strong>, để nhận và báo cáo các nhiệm vụ cải cách hành chính được giao.</p>
<p ${P}><a href="{{url}}" style="display:inline-block;padding:8px 16px;background:#0b5cad;color:#ffffff;border-radius:4px;text-decoration:none">Đặt mật khẩu và kích hoạt tài khoản</a></p>
<p ${P}>Liên kết chỉ dùng được một lần, đến hết {{expires}}.</p>`,
    },
    en: {
      subject: '[Đôn Đốc] Invitation to follow the tasks of {{unitName}}',
      text: `{{invitedBy}} invites you to Đôn Đốc as an officer of {{unitName}}, to receive and report the administrative-reform tasks given to you.

Set your password and activate your account: {{url}}
The link works once, until {{expires}}.`,
      html: `<p ${P}>{{invitedBy}} invites you to Đôn Đốc as an officer of <strong>{{unitName}}</strong>, to receive and report the administrative-reform tasks given to you.</p>
<p ${P}><a href="{{url}}" style="display:inline-block;padding:8px 16px;background:#0b5cad;color:#ffffff;border-radius:4px;text-decoration:none">Set your password and activate your account</a></p>
<p ${P}>The link works once, until {{expires}}.</p>`,
    },
  },
};
