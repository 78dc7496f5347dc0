import type { Severity, Text } from './diagnostic.js';

export interface CodeSpec {
  severity: Severity;
  /** What the check is about, for the reference documentation. */
  title: Text;
  /** Message template; `{name}` placeholders are filled from the diagnostic's arguments. */
  message: Text;
  hint?: Text;
}

/**
 * Every diagnostic the plan language can report. Codes are stable: a code is never reused for another
 * meaning. 1xxx lexing, 2xxx syntax and structure, 3xxx files and names, 4xxx meaning of the plan.
 */
export const CODES = {
  DD1001: {
    severity: 'error',
    title: { vi: 'Ký tự không hợp lệ', en: 'Unexpected character' },
    message: { vi: 'Ký tự không hợp lệ "{text}".', en: 'Unexpected character "{text}".' },
    hint: {
      vi: 'Văn bản tự do phải đặt trong dấu ngoặc kép "…".',
      en: 'Free text must be written between double quotes "…".',
    },
  },
  DD1002: {
    severity: 'error',
    title: { vi: 'Chuỗi chưa đóng ngoặc kép', en: 'Unterminated string' },
    message: { vi: 'Chuỗi chưa có dấu ngoặc kép đóng.', en: 'This text has no closing double quote.' },
    hint: { vi: 'Thêm dấu " ở cuối đoạn văn bản.', en: 'Add a " at the end of the text.' },
  },
  DD1003: {
    severity: 'error',
    title: { vi: 'Thụt lề không khớp', en: 'Inconsistent indentation' },
    message: {
      vi: 'Dòng này thụt lề {indent} khoảng trắng, không khớp với dòng nào phía trên.',
      en: 'This line is indented by {indent} spaces, which matches no enclosing line.',
    },
    hint: {
      vi: 'Các dòng cùng cấp phải thụt lề bằng nhau (nên dùng 2 khoảng trắng mỗi cấp).',
      en: 'Lines at the same level must have the same indentation (2 spaces per level is usual).',
    },
  },
  DD1004: {
    severity: 'error',
    title: { vi: 'Dùng phím Tab để thụt lề', en: 'Tab used for indentation' },
    message: { vi: 'Không dùng ký tự Tab để thụt lề.', en: 'Tabs are not allowed in indentation.' },
    hint: { vi: 'Thay Tab bằng khoảng trắng.', en: 'Replace the tab with spaces.' },
  },
  DD2001: {
    severity: 'error',
    title: { vi: 'Thiếu hoặc sai từ khóa, ký hiệu', en: 'Expected token missing' },
    message: { vi: 'Cần {expected} nhưng gặp {found}.', en: 'Expected {expected} but found {found}.' },
  },
  DD2002: {
    severity: 'error',
    title: { vi: 'Cú pháp không hợp lệ', en: 'Invalid syntax' },
    message: {
      vi: 'Không hiểu {found} ở đây; cần một trong: {expected}.',
      en: 'Unexpected {found} here; expected one of: {expected}.',
    },
  },
  DD2003: {
    severity: 'error',
    title: { vi: 'Thiếu nội dung bắt buộc', en: 'Required content missing' },
    message: {
      vi: 'Cần ít nhất một {expected} nhưng gặp {found}.',
      en: 'Expected at least one {expected} but found {found}.',
    },
  },
  DD2004: {
    severity: 'error',
    title: { vi: 'Nội dung thừa', en: 'Unexpected content' },
    message: { vi: 'Nội dung thừa: {found}.', en: 'Unexpected content: {found}.' },
  },
  DD2005: {
    severity: 'error',
    title: { vi: 'Thuộc tính không dùng ở đây', en: 'Property not allowed here' },
    message: {
      vi: '"{prop}" không dùng trong {block}.',
      en: '"{prop}" cannot be used in {blockEn}.',
    },
    hint: { vi: 'Các thuộc tính dùng được: {allowed}.', en: 'Allowed properties: {allowed}.' },
  },
  DD2006: {
    severity: 'error',
    title: { vi: 'Thuộc tính khai báo hai lần', en: 'Property given twice' },
    message: {
      vi: 'Thuộc tính "{prop}" đã khai báo ở dòng {line}.',
      en: 'The property "{prop}" was already given on line {line}.',
    },
  },
  DD2007: {
    severity: 'error',
    title: { vi: 'Giá trị không hợp lệ', en: 'Invalid value' },
    message: { vi: 'Giá trị không hợp lệ: {detail}.', en: 'Invalid value: {detailEn}.' },
  },
  DD2008: {
    severity: 'error',
    title: { vi: 'Mục không dùng trong danh sách này', en: 'List item not allowed here' },
    message: {
      vi: '"{item}" không dùng được trong "{prop}".',
      en: '"{item}" cannot be used in "{prop}".',
    },
  },
  DD3001: {
    severity: 'error',
    title: { vi: 'Tên chưa khai báo', en: 'Unknown name' },
    message: { vi: 'Không tìm thấy {what} "{name}".', en: 'Unknown {whatEn} "{name}".' },
  },
  DD3002: {
    severity: 'error',
    title: { vi: 'Tên bị trùng', en: 'Duplicate name' },
    message: {
      vi: 'Tên "{name}" đã được khai báo tại {where}.',
      en: 'The name "{name}" is already declared at {where}.',
    },
  },
  DD3003: {
    severity: 'error',
    title: { vi: 'Tên không đúng loại', en: 'Name of the wrong kind' },
    message: {
      vi: '"{name}" là {actual}, nhưng ở đây cần {expected}.',
      en: '"{name}" is {actualEn}, but {expectedEn} is needed here.',
    },
  },
  DD3004: {
    severity: 'error',
    title: { vi: 'Không tìm thấy tệp', en: 'File not found' },
    message: { vi: 'Không tìm thấy tệp "{path}".', en: 'File "{path}" not found.' },
  },
  DD3005: {
    severity: 'error',
    title: { vi: 'Bao gồm vòng tròn', en: 'Include cycle' },
    message: {
      vi: 'Các tệp bao gồm lẫn nhau thành vòng: {cycle}.',
      en: 'Files include each other in a cycle: {cycle}.',
    },
  },
  DD3006: {
    severity: 'error',
    title: { vi: 'Thiếu phần đầu kế hoạch', en: 'Plan header missing' },
    message: {
      vi: 'Tệp chính không có phần "kế hoạch" (tên, cơ quan ban hành, năm…).',
      en: 'The entry file has no "plan" header (title, issuer, year…).',
    },
  },
  DD3007: {
    severity: 'error',
    title: { vi: 'Phần đầu kế hoạch đặt sai chỗ', en: 'Plan header in the wrong place' },
    message: { vi: '{detail}', en: '{detailEn}' },
  },
  DD3008: {
    severity: 'error',
    title: { vi: 'Thiếu tên mà mẫu yêu cầu', en: 'Template requirement not provided' },
    message: {
      vi: 'Mẫu kế hoạch yêu cầu khai báo "{name}" nhưng kế hoạch chưa khai báo.',
      en: 'The template requires "{name}" but the plan does not declare it.',
    },
  },
  DD3009: {
    severity: 'error',
    title: { vi: 'Mở rộng không hợp lệ', en: 'Invalid extends' },
    message: { vi: '{detail}', en: '{detailEn}' },
  },
  DD4001: {
    severity: 'error',
    title: { vi: 'Nhiệm vụ chưa có đơn vị chủ trì', en: 'Task without a lead unit' },
    message: { vi: 'Nhiệm vụ "{task}" chưa có đơn vị chủ trì.', en: 'Task "{task}" has no lead unit.' },
    hint: {
      vi: 'Mỗi nhiệm vụ có đúng một đơn vị chủ trì (Nghị định 39/2022); thêm dòng "chủ trì: …".',
      en: 'Each task has exactly one lead (Decree 39/2022); add a "lead: …" line.',
    },
  },
  DD4002: {
    severity: 'error',
    title: { vi: 'Nhiệm vụ có nhiều đơn vị chủ trì', en: 'Task with several lead units' },
    message: {
      vi: 'Nhiệm vụ "{task}" có {count} đơn vị chủ trì; chỉ được một.',
      en: 'Task "{task}" has {count} lead units; only one is allowed.',
    },
    hint: {
      vi: 'Chọn một đơn vị chủ trì, chuyển các đơn vị khác sang "phối hợp", hoặc dùng một nhóm (mỗi đơn vị trong nhóm nhận một phần việc).',
      en: 'Keep one lead and move the others to "support", or lead with a group (one assignment per member).',
    },
  },
  DD4003: {
    severity: 'error',
    title: { vi: 'Ngày không tồn tại', en: 'Impossible date' },
    message: { vi: 'Ngày {date} không tồn tại.', en: 'The date {date} does not exist.' },
  },
  DD4004: {
    severity: 'error',
    title: { vi: 'Thời hạn ngoài năm kế hoạch', en: 'Deadline outside the plan year' },
    message: {
      vi: 'Thời hạn {date} nằm ngoài năm kế hoạch {year}.',
      en: 'The deadline {date} is outside the plan year {year}.',
    },
  },
  DD4005: {
    severity: 'error',
    title: { vi: 'Thời hạn trước ngày ban hành', en: 'Deadline before publication' },
    message: {
      vi: 'Thời hạn {date} sớm hơn ngày ban hành kế hoạch {published}.',
      en: 'The deadline {date} is before the plan is published ({published}).',
    },
  },
  DD4006: {
    severity: 'error',
    title: { vi: 'Phụ thuộc vòng tròn', en: 'Dependency cycle' },
    message: {
      vi: 'Các nhiệm vụ phụ thuộc lẫn nhau thành vòng: {cycle}.',
      en: 'Tasks depend on each other in a cycle: {cycle}.',
    },
  },
  DD4007: {
    severity: 'error',
    title: { vi: 'Leo thang không có người nhận', en: 'Escalation to nobody' },
    message: {
      vi: 'Bậc {level} của chính sách "{policy}" không gửi đến ai: {detail}.',
      en: 'Level {level} of policy "{policy}" reaches nobody: {detailEn}.',
    },
  },
  DD4008: {
    severity: 'error',
    title: { vi: 'Người nhận không có thư điện tử', en: 'Recipient without e-mail' },
    message: {
      vi: '"{name}" là người nhận nhưng chưa có thư điện tử.',
      en: '"{name}" is a recipient but has no e-mail address.',
    },
    hint: { vi: 'Thêm dòng "thư điện tử: …" cho "{name}".', en: 'Add an "email: …" line to "{name}".' },
  },
  DD4009: {
    severity: 'error',
    title: { vi: 'Nhóm rỗng', en: 'Empty group' },
    message: { vi: 'Nhóm "{name}" không có đơn vị nào.', en: 'Group "{name}" has no units.' },
  },
  DD4010: {
    severity: 'warning',
    title: { vi: 'Đơn vị không được dùng', en: 'Unused unit' },
    message: {
      vi: 'Đơn vị "{name}" không chủ trì, phối hợp hay nhận báo cáo nào.',
      en: 'Unit "{name}" leads, supports and receives nothing.',
    },
  },
  DD4011: {
    severity: 'warning',
    title: { vi: 'Chính sách không được dùng', en: 'Unused policy' },
    message: { vi: 'Chính sách "{name}" không được dùng.', en: 'Policy "{name}" is never used.' },
  },
  DD4012: {
    severity: 'info',
    title: { vi: 'Thời hạn rơi vào ngày nghỉ', en: 'Deadline on a day off' },
    message: {
      vi: 'Thời hạn {date} là ngày nghỉ; hạn được lùi đến hết ngày làm việc tiếp theo {next} (Điều 148 Bộ luật Dân sự).',
      en: 'The deadline {date} is a day off; it moves to the end of the next working day {next} (Civil Code art. 148).',
    },
  },
  DD4013: {
    severity: 'error',
    title: { vi: 'Nhiệm vụ chưa có thời hạn', en: 'Task without a deadline' },
    message: { vi: 'Nhiệm vụ "{task}" chưa có thời hạn.', en: 'Task "{task}" has no deadline.' },
    hint: {
      vi: 'Thêm dòng "thời hạn: …", ví dụ "thời hạn: quý II" hoặc "thời hạn: thường xuyên".',
      en: 'Add a "deadline: …" line, e.g. "deadline: quarter II" or "deadline: ongoing".',
    },
  },
  DD4014: {
    severity: 'error',
    title: { vi: 'Không có chính sách đôn đốc', en: 'No policy applies' },
    message: {
      vi: 'Nhiệm vụ "{task}" không có chính sách đôn đốc nào.',
      en: 'No follow-up policy applies to task "{task}".',
    },
    hint: {
      vi: 'Khai báo "chính sách: …" ở phần đầu kế hoạch (mặc định), ở lĩnh vực hoặc ở nhiệm vụ.',
      en: 'Set "policy: …" in the plan header (the default), in the area or in the task.',
    },
  },
  DD4015: {
    severity: 'warning',
    title: { vi: 'Bậc leo thang không tăng dần', en: 'Escalation levels out of order' },
    message: {
      vi: 'Bậc {level} của chính sách "{policy}" phải có thời gian chờ dài hơn bậc trước.',
      en: 'Level {level} of policy "{policy}" should wait longer than the level before it.',
    },
  },
  DD4016: {
    severity: 'warning',
    title: { vi: 'Địa chỉ thư điện tử không hợp lệ', en: 'Invalid e-mail address' },
    message: {
      vi: '"{email}" không phải địa chỉ thư điện tử hợp lệ.',
      en: '"{email}" is not a valid e-mail address.',
    },
  },
  DD4017: {
    severity: 'error',
    title: { vi: 'Nhóm chứa chính nó', en: 'Group cycle' },
    message: {
      vi: 'Các nhóm chứa lẫn nhau thành vòng: {cycle}.',
      en: 'Groups contain each other in a cycle: {cycle}.',
    },
  },
  DD4018: {
    severity: 'error',
    title: { vi: 'Cấp trên vòng tròn', en: 'Parent cycle' },
    message: {
      vi: 'Các đơn vị là cấp trên của nhau thành vòng: {cycle}.',
      en: 'Units are each other’s parent in a cycle: {cycle}.',
    },
  },
  DD4019: {
    severity: 'error',
    title: { vi: 'Thiếu thông tin bắt buộc', en: 'Required property missing' },
    message: { vi: '{block} thiếu "{prop}".', en: '{blockEn} has no "{propEn}".' },
  },
  DD4020: {
    severity: 'warning',
    title: { vi: 'Mục tiêu phần trăm vượt 100', en: 'Percentage target above 100' },
    message: { vi: 'Mục tiêu {value}% lớn hơn 100%.', en: 'The target {value}% is above 100%.' },
  },
  DD4021: {
    severity: 'info',
    title: { vi: 'Thay thế nội dung của mẫu', en: 'Overrides the template' },
    message: {
      vi: '{what} "{name}" thay thế nội dung cùng tên trong mẫu kế hoạch.',
      en: '{whatEn} "{name}" replaces the one of the same name in the template.',
    },
  },
  DD4022: {
    severity: 'error',
    title: { vi: 'Lịch làm việc không hợp lệ', en: 'Invalid working calendar' },
    message: {
      vi: 'Không dùng được lịch "{calendar}": {detail}.',
      en: 'Cannot use the calendar "{calendar}": {detailEn}.',
    },
    hint: {
      vi: 'Dùng "vn" (lịch Việt Nam có sẵn) hoặc một tệp .ics các ngày nghỉ, ngày làm bù.',
      en: 'Use "vn" (the built-in Vietnamese calendar) or an .ics file of days off and swapped working days.',
    },
  },
  DD4023: {
    severity: 'error',
    title: { vi: 'Mã kế hoạch không hợp lệ', en: 'Invalid plan code' },
    message: {
      vi: 'Mã kế hoạch "{code}" không hợp lệ: chỉ dùng chữ thường không dấu, chữ số, "-" và "_", tối đa 100 ký tự.',
      en: 'The plan code "{code}" is invalid: use lower-case letters without accents, digits, "-" and "_", at most 100 characters.',
    },
    hint: {
      vi: 'Mã là danh tính của kế hoạch, ví dụ "cchc-2027-ubnd-tinh"; kế hoạch khác phải có mã khác.',
      en: 'The code is the plan\'s identity, e.g. "cchc-2027-ubnd-tinh"; a different plan needs a different code.',
    },
  },
} as const satisfies Record<string, CodeSpec>;

export type DiagnosticCode = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as DiagnosticCode[];
