// Mails about one assignment, one per notification kind the assignment workflow writes. Subjects and bodies
// are Vietnamese first, then English. Fields come from the view built in index.ts (AssignmentView).
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';

export const ASSIGNMENT_TEMPLATES: Record<string, KindTemplates> = {
  assigned: {
    subject: '[Đôn Đốc] Giao nhiệm vụ: {{task.title}} (hạn {{due}}) / New assignment',
    viText: `Đơn vị được giao thực hiện nhiệm vụ sau:

{{> taskVi}}
{{#if acknowledgeBy}}
Đề nghị đơn vị xác nhận đã tiếp nhận nhiệm vụ trước ngày {{acknowledgeBy}}.
{{else}}
Đề nghị đơn vị xác nhận đã tiếp nhận nhiệm vụ.
{{/if}}
{{> ackVi}}`,
    enText: `Your unit has been assigned the following task:

{{> taskEn}}
Please acknowledge the assignment{{#if acknowledgeBy}} by {{acknowledgeBy}}{{/if}}.
{{> ackEn}}`,
    viHtml: `<p ${P}>Đơn vị được giao thực hiện nhiệm vụ sau:</p>
{{> taskVi}}
<p ${P}>Đề nghị đơn vị xác nhận đã tiếp nhận nhiệm vụ{{#if acknowledgeBy}} trước ngày <strong>{{acknowledgeBy}}</strong>{{/if}}.</p>
{{> ackVi}}`,
    enHtml: `<p ${P}>Your unit has been assigned the following task:</p>
{{> taskEn}}
<p ${P}>Please acknowledge the assignment{{#if acknowledgeBy}} by <strong>{{acknowledgeBy}}</strong>{{/if}}.</p>
{{> ackEn}}`,
  },

  acknowledge_reminder: {
    subject: '[Đôn Đốc] Đề nghị xác nhận tiếp nhận nhiệm vụ: {{task.title}} / Please acknowledge',
    viText: `Đơn vị chưa xác nhận tiếp nhận nhiệm vụ sau. Đề nghị xác nhận để việc theo dõi, đôn đốc được chính xác.

{{> taskVi}}
{{> ackVi}}`,
    enText: `Your unit has not yet acknowledged the following task. Please acknowledge it.

{{> taskEn}}
{{> ackEn}}`,
    viHtml: `<p ${P}>Đơn vị <strong>chưa xác nhận tiếp nhận</strong> nhiệm vụ sau. Đề nghị xác nhận để việc theo dõi, đôn đốc được chính xác.</p>
{{> taskVi}}
{{> ackVi}}`,
    enHtml: `<p ${P}>Your unit has not yet acknowledged the following task. Please acknowledge it.</p>
{{> taskEn}}
{{> ackEn}}`,
  },

  reminder: {
    subject: '[Đôn Đốc] Nhắc hạn ({{label.vi}}): {{task.title}} – hạn {{due}} / Reminder',
    viText: `{{#if after}}
Nhắc việc ({{label.vi}}): nhiệm vụ sau đã quá thời hạn {{due}} mà chưa có báo cáo hoàn thành. Đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả.
{{else}}
Nhắc việc ({{label.vi}}): nhiệm vụ sau có thời hạn hoàn thành ngày {{due}}. Đề nghị đơn vị hoàn thành đúng hạn và báo cáo kết quả kèm văn bản kiểm chứng.
{{/if}}

{{> taskVi}}
{{> ackVi}}`,
    enText: `{{#if after}}
Reminder ({{label.en}}): the following task was due on {{due}} and is not reported done. Please complete it and report the result.
{{else}}
Reminder ({{label.en}}): the following task is due on {{due}}. Please complete it on time and report the result with evidence.
{{/if}}

{{> taskEn}}
{{> ackEn}}`,
    viHtml: `{{#if after}}
<p ${P}>Nhắc việc ({{label.vi}}): nhiệm vụ sau đã quá thời hạn <strong>{{due}}</strong> mà chưa có báo cáo hoàn thành. Đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả.</p>
{{else}}
<p ${P}>Nhắc việc ({{label.vi}}): nhiệm vụ sau có thời hạn hoàn thành ngày <strong>{{due}}</strong>. Đề nghị đơn vị hoàn thành đúng hạn và báo cáo kết quả kèm văn bản kiểm chứng.</p>
{{/if}}
{{> taskVi}}
{{> ackVi}}`,
    enHtml: `{{#if after}}
<p ${P}>Reminder ({{label.en}}): the following task was due on <strong>{{due}}</strong> and is not reported done. Please complete it and report the result.</p>
{{else}}
<p ${P}>Reminder ({{label.en}}): the following task is due on <strong>{{due}}</strong>. Please complete it on time and report the result with evidence.</p>
{{/if}}
{{> taskEn}}
{{> ackEn}}`,
  },

  overdue: {
    subject: '[Đôn Đốc] Nhiệm vụ quá hạn: {{task.title}} (hạn {{due}}) / Overdue',
    viText: `Nhiệm vụ sau đã quá thời hạn hoàn thành ({{due}}) nhưng chưa có báo cáo kết quả. Đề nghị đơn vị khẩn trương hoàn thành, báo cáo kết quả hoặc đề nghị gia hạn kèm lý do.

{{> taskVi}}
{{> ackVi}}`,
    enText: `The following task passed its deadline ({{due}}) without a reported result. Please complete it and report, or request an extension with a reason.

{{> taskEn}}
{{> ackEn}}`,
    viHtml: `<p ${P}>Nhiệm vụ sau đã <strong style="color:#c62828">quá thời hạn hoàn thành</strong> ({{due}}) nhưng chưa có báo cáo kết quả. Đề nghị đơn vị khẩn trương hoàn thành, báo cáo kết quả hoặc đề nghị gia hạn kèm lý do.</p>
{{> taskVi}}
{{> ackVi}}`,
    enHtml: `<p ${P}>The following task <strong style="color:#c62828">passed its deadline</strong> ({{due}}) without a reported result. Please complete it and report, or request an extension with a reason.</p>
{{> taskEn}}
{{> ackEn}}`,
  },

  check_in: {
    subject: '[Đôn Đốc] Đề nghị cập nhật tiến độ: {{task.title}} / Progress check-in',
    viText: `Đề nghị đơn vị cập nhật tiến độ thực hiện nhiệm vụ sau (tính đến ngày {{at}}):

{{> taskVi}}`,
    enText: `Please update the progress of the following task (as of {{at}}):

{{> taskEn}}`,
    viHtml: `<p ${P}>Đề nghị đơn vị cập nhật tiến độ thực hiện nhiệm vụ sau (tính đến ngày {{at}}):</p>
{{> taskVi}}`,
    enHtml: `<p ${P}>Please update the progress of the following task (as of {{at}}):</p>
{{> taskEn}}`,
  },

  escalation: {
    subject:
      '[Đôn Đốc] Báo cáo cấp {{level}}: {{unit.name}} chưa hoàn thành "{{task.title}}" / Escalation level {{level}}',
    viText: `Báo cáo cấp {{level}}: {{unit.name}} chưa hoàn thành nhiệm vụ sau, quá hạn {{daysOverdue}} ngày (thời hạn {{overdueSince}}).
{{#if toAssignee}}
Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả.
{{else}}
Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị khẩn trương thực hiện.
{{/if}}

{{> taskVi}}
{{> ackVi}}`,
    enText: `Escalation level {{level}}: {{unit.name}} has not completed the following task, {{daysOverdue}} day(s) overdue (deadline {{overdueSince}}).
{{#if toAssignee}}
Please complete it without delay and report the result.
{{else}}
Please direct the unit to complete it without delay.
{{/if}}

{{> taskEn}}
{{> ackEn}}`,
    viHtml: `<p ${P}><strong>Báo cáo cấp {{level}}:</strong> {{unit.name}} chưa hoàn thành nhiệm vụ sau, <strong style="color:#c62828">quá hạn {{daysOverdue}} ngày</strong> (thời hạn {{overdueSince}}).</p>
<p ${P}>{{#if toAssignee}}Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả.{{else}}Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị khẩn trương thực hiện.{{/if}}</p>
{{> taskVi}}
{{> ackVi}}`,
    enHtml: `<p ${P}><strong>Escalation level {{level}}:</strong> {{unit.name}} has not completed the following task, <strong style="color:#c62828">{{daysOverdue}} day(s) overdue</strong> (deadline {{overdueSince}}).</p>
<p ${P}>{{#if toAssignee}}Please complete it without delay and report the result.{{else}}Please direct the unit to complete it without delay.{{/if}}</p>
{{> taskEn}}
{{> ackEn}}`,
  },

  extension_requested: {
    subject: '[Đôn Đốc] Đề nghị gia hạn: {{unit.name}} – {{task.title}} / Extension requested',
    viText: `{{unit.name}} đề nghị gia hạn nhiệm vụ sau đến ngày {{newDue}}.
Lý do: {{reason}}
{{#if requestedBy}}
Người đề nghị: {{requestedBy}}
{{/if}}

{{> taskVi}}
Đề nghị xem xét, quyết định trên hệ thống Đôn Đốc.`,
    enText: `{{unit.name}} asks to extend the following task to {{newDue}}.
Reason: {{reason}}
{{#if requestedBy}}
Requested by: {{requestedBy}}
{{/if}}

{{> taskEn}}
Please decide in Đôn Đốc.`,
    viHtml: `<p ${P}>{{unit.name}} đề nghị gia hạn nhiệm vụ sau đến ngày <strong>{{newDue}}</strong>.</p>
<p ${P}>Lý do: {{reason}}{{#if requestedBy}}<br>Người đề nghị: {{requestedBy}}{{/if}}</p>
{{> taskVi}}
<p ${P}>Đề nghị xem xét, quyết định trên hệ thống Đôn Đốc.</p>`,
    enHtml: `<p ${P}>{{unit.name}} asks to extend the following task to <strong>{{newDue}}</strong>.</p>
<p ${P}>Reason: {{reason}}{{#if requestedBy}}<br>Requested by: {{requestedBy}}{{/if}}</p>
{{> taskEn}}
<p ${P}>Please decide in Đôn Đốc.</p>`,
  },

  extension_decided: {
    subject:
      '[Đôn Đốc] {{#if approved}}Đồng ý gia hạn{{else}}Không đồng ý gia hạn{{/if}}: {{task.title}} / Extension {{#if approved}}approved{{else}}refused{{/if}}',
    viText: `{{#if approved}}
Đề nghị gia hạn nhiệm vụ sau đã được chấp thuận. Thời hạn mới: {{due}}{{#if previousDue}} (trước đây: {{previousDue}}){{/if}}.
{{else}}
Đề nghị gia hạn nhiệm vụ sau không được chấp thuận; thời hạn giữ nguyên: {{due}}.
{{/if}}
{{#if note}}
Ý kiến: {{note}}
{{/if}}

{{> taskVi}}`,
    enText: `{{#if approved}}
The extension of the following task is approved. New deadline: {{due}}{{#if previousDue}} (was {{previousDue}}){{/if}}.
{{else}}
The extension of the following task is refused; the deadline stays {{due}}.
{{/if}}
{{#if note}}
Note: {{note}}
{{/if}}

{{> taskEn}}`,
    viHtml: `{{#if approved}}
<p ${P}>Đề nghị gia hạn nhiệm vụ sau <strong>đã được chấp thuận</strong>. Thời hạn mới: <strong>{{due}}</strong>{{#if previousDue}} (trước đây: {{previousDue}}){{/if}}.</p>
{{else}}
<p ${P}>Đề nghị gia hạn nhiệm vụ sau <strong>không được chấp thuận</strong>; thời hạn giữ nguyên: <strong>{{due}}</strong>.</p>
{{/if}}
{{#if note}}<p ${P}>Ý kiến: {{note}}</p>{{/if}}
{{> taskVi}}`,
    enHtml: `{{#if approved}}
<p ${P}>The extension of the following task is <strong>approved</strong>. New deadline: <strong>{{due}}</strong>{{#if previousDue}} (was {{previousDue}}){{/if}}.</p>
{{else}}
<p ${P}>The extension of the following task is <strong>refused</strong>; the deadline stays <strong>{{due}}</strong>.</p>
{{/if}}
{{#if note}}<p ${P}>Note: {{note}}</p>{{/if}}
{{> taskEn}}`,
  },

  reopened: {
    subject: '[Đôn Đốc] Trả lại kết quả nhiệm vụ: {{task.title}} / Assignment reopened',
    viText: `Kết quả thực hiện nhiệm vụ sau được trả lại để đơn vị hoàn thiện.
Lý do: {{reason}}

{{> taskVi}}`,
    enText: `The result of the following task was sent back for completion.
Reason: {{reason}}

{{> taskEn}}`,
    viHtml: `<p ${P}>Kết quả thực hiện nhiệm vụ sau <strong>được trả lại</strong> để đơn vị hoàn thiện.</p>
<p ${P}>Lý do: {{reason}}</p>
{{> taskVi}}`,
    enHtml: `<p ${P}>The result of the following task was <strong>sent back</strong> for completion.</p>
<p ${P}>Reason: {{reason}}</p>
{{> taskEn}}`,
  },

  cancelled: {
    subject: '[Đôn Đốc] Hủy nhiệm vụ: {{task.title}} / Assignment cancelled',
    viText: `Nhiệm vụ sau đã được hủy, đơn vị không phải tiếp tục thực hiện.
Lý do: {{reason}}

{{> taskVi}}`,
    enText: `The following task is cancelled; your unit need not carry it out.
Reason: {{reason}}

{{> taskEn}}`,
    viHtml: `<p ${P}>Nhiệm vụ sau <strong>đã được hủy</strong>, đơn vị không phải tiếp tục thực hiện.</p>
<p ${P}>Lý do: {{reason}}</p>
{{> taskVi}}`,
    enHtml: `<p ${P}>The following task is <strong>cancelled</strong>; your unit need not carry it out.</p>
<p ${P}>Reason: {{reason}}</p>
{{> taskEn}}`,
  },

  amended: {
    subject: '[Đôn Đốc] Điều chỉnh thời hạn: {{task.title}} (hạn mới {{due}}) / Deadline changed',
    viText: `Kế hoạch được điều chỉnh{{#if planVersion}} (phiên bản {{planVersion}}){{/if}}: thời hạn của nhiệm vụ sau thay đổi{{#if previousDue}} từ {{previousDue}}{{/if}} thành {{due}}.

{{> taskVi}}`,
    enText: `The plan was amended{{#if planVersion}} (version {{planVersion}}){{/if}}: the deadline of the following task moved{{#if previousDue}} from {{previousDue}}{{/if}} to {{due}}.

{{> taskEn}}`,
    viHtml: `<p ${P}>Kế hoạch được điều chỉnh{{#if planVersion}} (phiên bản {{planVersion}}){{/if}}: thời hạn của nhiệm vụ sau thay đổi{{#if previousDue}} từ {{previousDue}}{{/if}} thành <strong>{{due}}</strong>.</p>
{{> taskVi}}`,
    enHtml: `<p ${P}>The plan was amended{{#if planVersion}} (version {{planVersion}}){{/if}}: the deadline of the following task moved{{#if previousDue}} from {{previousDue}}{{/if}} to <strong>{{due}}</strong>.</p>
{{> taskEn}}`,
  },
};
