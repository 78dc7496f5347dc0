// Mails about one assignment, one per notification kind the assignment workflow writes, each written once in
// Vietnamese and once in English (a mail is in one language). Fields come from the view built in index.ts.
// Deadlines are the last day (and the time when the plan gives one), never the midnight instant that ends it.
import type { KindTemplates } from './types.js';

const P = 'style="margin:0 0 10px"';
const RED = 'style="color:#c62828"';

export const ASSIGNMENT_TEMPLATES: Record<string, KindTemplates> = {
  assigned: {
    vi: {
      subject: '[Đôn Đốc] Giao nhiệm vụ: {{task.title}} (hạn {{due}})',
      text: `Đơn vị được giao thực hiện nhiệm vụ sau:

{{> task}}
Đề nghị đơn vị xác nhận đã tiếp nhận nhiệm vụ{{#if acknowledgeBy}} chậm nhất {{acknowledgeBy}}{{/if}}, hoàn thành và báo cáo kết quả chậm nhất {{dueOn}}.`,
      html: `<p ${P}>Đơn vị được giao thực hiện nhiệm vụ sau:</p>
{{> task}}
<p ${P}>Đề nghị đơn vị xác nhận đã tiếp nhận nhiệm vụ{{#if acknowledgeBy}} <strong>chậm nhất {{acknowledgeBy}}</strong>{{/if}}, hoàn thành và báo cáo kết quả chậm nhất {{dueOn}}.</p>`,
    },
    en: {
      subject: '[Đôn Đốc] New task: {{task.title}} (due {{due}})',
      text: `Your unit has been assigned the following task:

{{> task}}
Please acknowledge it{{#if acknowledgeBy}} by {{acknowledgeBy}}{{/if}}, then complete it and report the result by {{dueOn}}.`,
      html: `<p ${P}>Your unit has been assigned the following task:</p>
{{> task}}
<p ${P}>Please acknowledge it{{#if acknowledgeBy}} <strong>by {{acknowledgeBy}}</strong>{{/if}}, then complete it and report the result by {{dueOn}}.</p>`,
    },
  },

  acknowledge_reminder: {
    vi: {
      subject: '[Đôn Đốc] Đề nghị xác nhận tiếp nhận nhiệm vụ: {{task.title}}',
      text: `Đơn vị chưa xác nhận tiếp nhận nhiệm vụ sau. Đề nghị xác nhận để việc theo dõi, đôn đốc được chính xác.

{{> task}}`,
      html: `<p ${P}>Đơn vị <strong>chưa xác nhận tiếp nhận</strong> nhiệm vụ sau. Đề nghị xác nhận để việc theo dõi, đôn đốc được chính xác.</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Please acknowledge: {{task.title}}',
      text: `Your unit has not yet acknowledged the following task. Please acknowledge it so that follow-up is accurate.

{{> task}}`,
      html: `<p ${P}>Your unit has <strong>not yet acknowledged</strong> the following task. Please acknowledge it so that follow-up is accurate.</p>
{{> task}}`,
    },
  },

  reminder: {
    vi: {
      subject: '[Đôn Đốc] Nhắc hạn ({{label}}): {{task.title}} – hạn {{due}}',
      text: `{{#if after}}
Nhắc việc ({{label}}): nhiệm vụ sau đã quá thời hạn ({{due}}) mà chưa có báo cáo hoàn thành. Đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả.
{{else}}
Nhắc việc ({{label}}): nhiệm vụ sau có thời hạn hoàn thành {{dueOn}}{{#if dueNote}} ({{dueNote.text}}){{/if}}. Đề nghị đơn vị hoàn thành đúng hạn và báo cáo kết quả kèm văn bản kiểm chứng.
{{/if}}

{{> task}}`,
      html: `{{#if after}}
<p ${P}>Nhắc việc ({{label}}): nhiệm vụ sau <strong ${RED}>đã quá thời hạn</strong> ({{due}}) mà chưa có báo cáo hoàn thành. Đề nghị đơn vị khẩn trương hoàn thành và báo cáo kết quả.</p>
{{else}}
<p ${P}>Nhắc việc ({{label}}): nhiệm vụ sau có thời hạn hoàn thành <strong>{{dueOn}}</strong>{{#if dueNote}} ({{dueNote.text}}){{/if}}. Đề nghị đơn vị hoàn thành đúng hạn và báo cáo kết quả kèm văn bản kiểm chứng.</p>
{{/if}}
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Reminder ({{label}}): {{task.title}} – due {{due}}',
      text: `{{#if after}}
Reminder ({{label}}): the following task passed its deadline ({{due}}) and is not reported done. Please complete it and report the result without delay.
{{else}}
Reminder ({{label}}): the following task is due by {{dueOn}}{{#if dueNote}} ({{dueNote.text}}){{/if}}. Please complete it on time and report the result with evidence.
{{/if}}

{{> task}}`,
      html: `{{#if after}}
<p ${P}>Reminder ({{label}}): the following task <strong ${RED}>passed its deadline</strong> ({{due}}) and is not reported done. Please complete it and report the result without delay.</p>
{{else}}
<p ${P}>Reminder ({{label}}): the following task is due by <strong>{{dueOn}}</strong>{{#if dueNote}} ({{dueNote.text}}){{/if}}. Please complete it on time and report the result with evidence.</p>
{{/if}}
{{> task}}`,
    },
  },

  overdue: {
    vi: {
      subject: '[Đôn Đốc] Nhiệm vụ quá hạn: {{task.title}} (hạn {{due}})',
      text: `Nhiệm vụ sau đã quá thời hạn hoàn thành ({{due}}) nhưng chưa có báo cáo kết quả. Đề nghị đơn vị khẩn trương hoàn thành, báo cáo kết quả hoặc đề nghị gia hạn kèm lý do.

{{> task}}`,
      html: `<p ${P}>Nhiệm vụ sau đã <strong ${RED}>quá thời hạn hoàn thành</strong> ({{due}}) nhưng chưa có báo cáo kết quả. Đề nghị đơn vị khẩn trương hoàn thành, báo cáo kết quả hoặc đề nghị gia hạn kèm lý do.</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Overdue: {{task.title}} (due {{due}})',
      text: `The following task passed its deadline ({{due}}) without a reported result. Please complete it and report, or request an extension with a reason.

{{> task}}`,
      html: `<p ${P}>The following task <strong ${RED}>passed its deadline</strong> ({{due}}) without a reported result. Please complete it and report, or request an extension with a reason.</p>
{{> task}}`,
    },
  },

  check_in: {
    vi: {
      subject: '[Đôn Đốc] Đề nghị cập nhật tiến độ: {{task.title}}',
      text: `Đề nghị đơn vị cập nhật tiến độ thực hiện nhiệm vụ sau (tính đến ngày {{at}}):

{{> task}}`,
      html: `<p ${P}>Đề nghị đơn vị cập nhật tiến độ thực hiện nhiệm vụ sau (tính đến ngày {{at}}):</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Progress check-in: {{task.title}}',
      text: `Please update the progress of the following task (as of {{at}}):

{{> task}}`,
      html: `<p ${P}>Please update the progress of the following task (as of {{at}}):</p>
{{> task}}`,
    },
  },

  escalation: {
    vi: {
      subject: '[Đôn Đốc] Báo cáo cấp {{level}}: {{unit.name}} chưa hoàn thành "{{task.title}}"',
      text: `Báo cáo cấp {{level}}: {{unit.name}} chưa hoàn thành nhiệm vụ sau, {{overdueFor}} (thời hạn {{overdueSince}}).
{{#if waitingFor}}
Theo kế hoạch, đơn vị chủ trì chỉ hoàn thành được khi các đơn vị phối hợp đã báo cáo; còn chờ: {{waitingFor}}.
{{/if}}
{{#if toAssignee}}
Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả.
{{else}}
Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị khẩn trương thực hiện.
{{/if}}

{{> task}}`,
      html: `<p ${P}><strong>Báo cáo cấp {{level}}:</strong> {{unit.name}} chưa hoàn thành nhiệm vụ sau, <strong ${RED}>{{overdueFor}}</strong> (thời hạn {{overdueSince}}).</p>
{{#if waitingFor}}<p ${P}>Theo kế hoạch, đơn vị chủ trì chỉ hoàn thành được khi các đơn vị phối hợp đã báo cáo; còn chờ: <strong>{{waitingFor}}</strong>.</p>{{/if}}
<p ${P}>{{#if toAssignee}}Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả.{{else}}Đề nghị đồng chí chỉ đạo, đôn đốc đơn vị khẩn trương thực hiện.{{/if}}</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Escalation level {{level}}: {{unit.name}} has not completed "{{task.title}}"',
      text: `Escalation level {{level}}: {{unit.name}} has not completed the following task, {{overdueFor}} (deadline {{overdueSince}}).
{{#if waitingFor}}
The plan lets the lead unit complete only once its coordinating units have reported; still waiting for: {{waitingFor}}.
{{/if}}
{{#if toAssignee}}
Please complete it without delay and report the result.
{{else}}
Please direct the unit to complete it without delay.
{{/if}}

{{> task}}`,
      html: `<p ${P}><strong>Escalation level {{level}}:</strong> {{unit.name}} has not completed the following task, <strong ${RED}>{{overdueFor}}</strong> (deadline {{overdueSince}}).</p>
{{#if waitingFor}}<p ${P}>The plan lets the lead unit complete only once its coordinating units have reported; still waiting for: <strong>{{waitingFor}}</strong>.</p>{{/if}}
<p ${P}>{{#if toAssignee}}Please complete it without delay and report the result.{{else}}Please direct the unit to complete it without delay.{{/if}}</p>
{{> task}}`,
    },
  },

  extension_requested: {
    vi: {
      subject: '[Đôn Đốc] Đề nghị gia hạn: {{unit.name}} – {{task.title}}',
      text: `{{unit.name}} đề nghị gia hạn nhiệm vụ sau đến hết ngày {{newDue}} (thời hạn hiện tại: {{due}}).
Lý do: {{reason}}
{{#if requestedBy}}
Người đề nghị: {{requestedBy}}
{{/if}}

{{> task}}
Đề nghị xem xét, quyết định trên hệ thống Đôn Đốc.`,
      html: `<p ${P}>{{unit.name}} đề nghị gia hạn nhiệm vụ sau đến hết ngày <strong>{{newDue}}</strong> (thời hạn hiện tại: {{due}}).</p>
<p ${P}>Lý do: {{reason}}{{#if requestedBy}}<br>Người đề nghị: {{requestedBy}}{{/if}}</p>
{{> task}}
<p ${P}>Đề nghị xem xét, quyết định trên hệ thống Đôn Đốc.</p>`,
    },
    en: {
      subject: '[Đôn Đốc] Extension requested: {{unit.name}} – {{task.title}}',
      text: `{{unit.name}} asks to extend the following task to the end of {{newDue}} (deadline now: {{due}}).
Reason: {{reason}}
{{#if requestedBy}}
Requested by: {{requestedBy}}
{{/if}}

{{> task}}
Please decide in Đôn Đốc.`,
      html: `<p ${P}>{{unit.name}} asks to extend the following task to the end of <strong>{{newDue}}</strong> (deadline now: {{due}}).</p>
<p ${P}>Reason: {{reason}}{{#if requestedBy}}<br>Requested by: {{requestedBy}}{{/if}}</p>
{{> task}}
<p ${P}>Please decide in Đôn Đốc.</p>`,
    },
  },

  extension_decided: {
    vi: {
      subject:
        '[Đôn Đốc] {{#if approved}}Đồng ý gia hạn{{else}}Không đồng ý gia hạn{{/if}}: {{task.title}}{{#if approved}} (hạn mới {{due}}){{/if}}',
      text: `{{#if approved}}
Đề nghị gia hạn nhiệm vụ sau đã được chấp thuận. Thời hạn mới: {{due}}{{#if previousDue}} (trước đây: {{previousDue}}){{/if}}.
{{else}}
Đề nghị gia hạn nhiệm vụ sau không được chấp thuận; thời hạn giữ nguyên: {{due}}.
{{/if}}
{{#if note}}
Ý kiến: {{note}}
{{/if}}

{{> task}}`,
      html: `{{#if approved}}
<p ${P}>Đề nghị gia hạn nhiệm vụ sau <strong>đã được chấp thuận</strong>. Thời hạn mới: <strong>{{due}}</strong>{{#if previousDue}} (trước đây: {{previousDue}}){{/if}}.</p>
{{else}}
<p ${P}>Đề nghị gia hạn nhiệm vụ sau <strong>không được chấp thuận</strong>; thời hạn giữ nguyên: <strong>{{due}}</strong>.</p>
{{/if}}
{{#if note}}<p ${P}>Ý kiến: {{note}}</p>{{/if}}
{{> task}}`,
    },
    en: {
      subject:
        '[Đôn Đốc] Extension {{#if approved}}approved{{else}}refused{{/if}}: {{task.title}}{{#if approved}} (now due {{due}}){{/if}}',
      text: `{{#if approved}}
The extension of the following task is approved. New deadline: {{due}}{{#if previousDue}} (was {{previousDue}}){{/if}}.
{{else}}
The extension of the following task is refused; the deadline stays {{due}}.
{{/if}}
{{#if note}}
Note: {{note}}
{{/if}}

{{> task}}`,
      html: `{{#if approved}}
<p ${P}>The extension of the following task is <strong>approved</strong>. New deadline: <strong>{{due}}</strong>{{#if previousDue}} (was {{previousDue}}){{/if}}.</p>
{{else}}
<p ${P}>The extension of the following task is <strong>refused</strong>; the deadline stays <strong>{{due}}</strong>.</p>
{{/if}}
{{#if note}}<p ${P}>Note: {{note}}</p>{{/if}}
{{> task}}`,
    },
  },

  reopened: {
    vi: {
      subject: '[Đôn Đốc] Trả lại kết quả nhiệm vụ: {{task.title}}',
      text: `Kết quả thực hiện nhiệm vụ sau được trả lại để đơn vị hoàn thiện.
Lý do: {{reason}}

{{> task}}`,
      html: `<p ${P}>Kết quả thực hiện nhiệm vụ sau <strong>được trả lại</strong> để đơn vị hoàn thiện.</p>
<p ${P}>Lý do: {{reason}}</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Result sent back: {{task.title}}',
      text: `The result of the following task was sent back for completion.
Reason: {{reason}}

{{> task}}`,
      html: `<p ${P}>The result of the following task was <strong>sent back</strong> for completion.</p>
<p ${P}>Reason: {{reason}}</p>
{{> task}}`,
    },
  },

  cancelled: {
    vi: {
      subject: '[Đôn Đốc] Hủy nhiệm vụ: {{task.title}}',
      text: `Nhiệm vụ sau đã được hủy, đơn vị không phải tiếp tục thực hiện.
Lý do: {{reason}}

{{> task}}`,
      html: `<p ${P}>Nhiệm vụ sau <strong>đã được hủy</strong>, đơn vị không phải tiếp tục thực hiện.</p>
<p ${P}>Lý do: {{reason}}</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Task cancelled: {{task.title}}',
      text: `The following task is cancelled; your unit need not carry it out.
Reason: {{reason}}

{{> task}}`,
      html: `<p ${P}>The following task is <strong>cancelled</strong>; your unit need not carry it out.</p>
<p ${P}>Reason: {{reason}}</p>
{{> task}}`,
    },
  },

  amended: {
    vi: {
      subject: '[Đôn Đốc] Điều chỉnh thời hạn: {{task.title}} (hạn mới {{due}})',
      text: `Kế hoạch được điều chỉnh{{#if planVersion}} (phiên bản {{planVersion}}){{/if}}: thời hạn của nhiệm vụ sau thay đổi{{#if previousDue}} từ {{previousDue}}{{/if}} thành {{due}}.

{{> task}}`,
      html: `<p ${P}>Kế hoạch được điều chỉnh{{#if planVersion}} (phiên bản {{planVersion}}){{/if}}: thời hạn của nhiệm vụ sau thay đổi{{#if previousDue}} từ {{previousDue}}{{/if}} thành <strong>{{due}}</strong>.</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Deadline changed: {{task.title}} (now due {{due}})',
      text: `The plan was amended{{#if planVersion}} (version {{planVersion}}){{/if}}: the deadline of the following task moved{{#if previousDue}} from {{previousDue}}{{/if}} to {{due}}.

{{> task}}`,
      html: `<p ${P}>The plan was amended{{#if planVersion}} (version {{planVersion}}){{/if}}: the deadline of the following task moved{{#if previousDue}} from {{previousDue}}{{/if}} to <strong>{{due}}</strong>.</p>
{{> task}}`,
    },
  },
  // Home Affairs' "Nhắc ngay" from its queue, with the reason it gave.
  manual_reminder: {
    vi: {
      subject: '[Đôn Đốc] Sở Nội vụ đề nghị khẩn trương thực hiện: {{task.title}} (hạn {{due}})',
      text: `{{#if requestedBy}}{{requestedBy}}{{else}}Sở Nội vụ{{/if}} đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả nhiệm vụ sau (hạn {{dueOn}}).
Lý do: {{reason}}

{{> task}}`,
      html: `<p ${P}>{{#if requestedBy}}{{requestedBy}}{{else}}Sở Nội vụ{{/if}} đề nghị đơn vị <strong>khẩn trương thực hiện và báo cáo kết quả</strong> nhiệm vụ sau (hạn {{dueOn}}).</p>
<p ${P}>Lý do: {{reason}}</p>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Home Affairs asks you to act now: {{task.title}} (due {{due}})',
      text: `{{#if requestedBy}}{{requestedBy}}{{else}}Home Affairs{{/if}} asks your unit to carry out the following task and report its result without delay (due {{dueOn}}).
Reason: {{reason}}

{{> task}}`,
      html: `<p ${P}>{{#if requestedBy}}{{requestedBy}}{{else}}Home Affairs{{/if}} asks your unit to <strong>carry out the following task and report its result without delay</strong> (due {{dueOn}}).</p>
<p ${P}>Reason: {{reason}}</p>
{{> task}}`,
    },
  },

  // A comment on an assignment that names the unit with "@".
  comment_mention: {
    vi: {
      subject: '[Đôn Đốc] Đơn vị được nhắc đến trong trao đổi về nhiệm vụ: {{task.title}}',
      text: `{{#if requestedBy}}{{requestedBy}}{{else}}Một cán bộ{{/if}} nhắc đến đơn vị trong trao đổi về nhiệm vụ sau:

"{{note}}"

{{> task}}`,
      html: `<p ${P}>{{#if requestedBy}}{{requestedBy}}{{else}}Một cán bộ{{/if}} nhắc đến đơn vị trong trao đổi về nhiệm vụ sau:</p>
<blockquote style="margin:0 0 10px;padding:6px 12px;border-left:3px solid #c9d1d9;white-space:pre-wrap">{{note}}</blockquote>
{{> task}}`,
    },
    en: {
      subject: '[Đôn Đốc] Your unit was mentioned about: {{task.title}}',
      text: `{{#if requestedBy}}{{requestedBy}}{{else}}Someone{{/if}} mentioned your unit in the discussion of the following task:

"{{note}}"

{{> task}}`,
      html: `<p ${P}>{{#if requestedBy}}{{requestedBy}}{{else}}Someone{{/if}} mentioned your unit in the discussion of the following task:</p>
<blockquote style="margin:0 0 10px;padding:6px 12px;border-left:3px solid #c9d1d9;white-space:pre-wrap">{{note}}</blockquote>
{{> task}}`,
    },
  },
};
