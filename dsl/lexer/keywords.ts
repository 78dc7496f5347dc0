/**
 * The keyword table: every keyword of the plan language with its Vietnamese and English spellings.
 * The first spelling of each language is the canonical one the formatter writes; the others are accepted
 * synonyms. A spelling may be several words ("kế hoạch", "working days") and may start with a number
 * ("6 tháng đầu năm"); the lexer joins the words of a line by longest match. Matching ignores case and
 * is done on NFC text, so "Kế Hoạch" and "kế hoạch" are the same keyword, but accents matter ("năm" ≠ "nam").
 */
export interface KeywordSpec {
  /** Token name, also used in syntax error messages. */
  readonly name: string;
  readonly vi: readonly string[];
  readonly en: readonly string[];
}

export const KEYWORDS = [
  // declarations
  { name: 'Plan', vi: ['kế hoạch'], en: ['plan'] },
  { name: 'Template', vi: ['mẫu kế hoạch', 'mẫu'], en: ['template'] },
  { name: 'Include', vi: ['bao gồm', 'nhúng'], en: ['include'] },
  { name: 'Extends', vi: ['mở rộng', 'kế thừa'], en: ['extends', 'extend'] },
  { name: 'Unit', vi: ['đơn vị', 'cơ quan'], en: ['unit'] },
  { name: 'Group', vi: ['nhóm'], en: ['group'] },
  { name: 'Person', vi: ['người', 'cán bộ'], en: ['person'] },
  { name: 'Policy', vi: ['chính sách'], en: ['policy'] },
  { name: 'Area', vi: ['lĩnh vực'], en: ['area'] },
  { name: 'Task', vi: ['nhiệm vụ'], en: ['task'] },
  { name: 'Indicator', vi: ['chỉ tiêu'], en: ['indicator'] },
  { name: 'Report', vi: ['báo cáo'], en: ['report'] },

  // plan header
  { name: 'Code', vi: ['mã', 'mã kế hoạch'], en: ['code', 'plan code'] },
  { name: 'Issuer', vi: ['cơ quan ban hành'], en: ['issuer', 'issued by'] },
  { name: 'Decision', vi: ['quyết định', 'số quyết định'], en: ['decision'] },
  { name: 'Published', vi: ['ban hành', 'ngày ban hành'], en: ['published', 'publication'] },
  { name: 'Year', vi: ['năm'], en: ['year'] },
  { name: 'TimeZone', vi: ['múi giờ'], en: ['time zone', 'timezone'] },
  { name: 'Calendar', vi: ['lịch'], en: ['calendar'] },
  { name: 'DeadlineDayIncluded', vi: ['tính cả ngày hạn'], en: ['deadline day included'] },
  { name: 'Yes', vi: ['có'], en: ['yes'] },
  { name: 'No', vi: ['không'], en: ['no'] },
  { name: 'Requires', vi: ['cần có', 'yêu cầu'], en: ['requires'] },
  { name: 'AwaitCoordinators', vi: ['chờ đơn vị phối hợp'], en: ['await coordinators'] },
  { name: 'MonthlyDue', vi: ['hạn hằng tháng', 'hạn hàng tháng'], en: ['monthly due'] },

  // organisation
  { name: 'Kind', vi: ['loại'], en: ['kind'] },
  { name: 'Parent', vi: ['cấp trên'], en: ['parent'] },
  { name: 'Under', vi: ['trực thuộc', 'thuộc'], en: ['under'] },
  { name: 'Head', vi: ['thủ trưởng', 'người đứng đầu'], en: ['head'] },
  { name: 'UnitHead', vi: ['thủ trưởng đơn vị'], en: ['unit head'] },
  { name: 'Email', vi: ['thư điện tử', 'email', 'e-mail'], en: ['email', 'e-mail'] },
  { name: 'Members', vi: ['gồm', 'thành viên'], en: ['members'] },
  { name: 'Except', vi: ['trừ'], en: ['except'] },
  { name: 'Role', vi: ['chức vụ'], en: ['role'] },
  { name: 'Chair', vi: ['chủ tịch'], en: ['chairperson', 'chair'] },
  { name: 'ViceChair', vi: ['phó chủ tịch'], en: ['vice-chair', 'vice chair'] },
  { name: 'DeputyHead', vi: ['phó thủ trưởng'], en: ['deputy head'] },
  { name: 'Officer', vi: ['chuyên viên', 'công chức'], en: ['officer'] },

  // policies
  { name: 'Acknowledge', vi: ['tiếp nhận trong', 'tiếp nhận'], en: ['acknowledge within', 'acknowledge'] },
  { name: 'Remind', vi: ['nhắc', 'nhắc hạn'], en: ['remind'] },
  { name: 'Escalate', vi: ['leo thang'], en: ['escalate'] },
  { name: 'Level', vi: ['bậc', 'mức'], en: ['level'] },
  { name: 'Digest', vi: ['tổng hợp', 'bản tin'], en: ['digest'] },
  { name: 'Before', vi: ['trước'], en: ['before', 'by'] },
  { name: 'After', vi: ['sau'], en: ['after'] },
  { name: 'OnTheDay', vi: ['đúng hạn', 'đúng ngày hạn'], en: ['on the day', 'on the deadline'] },
  { name: 'At', vi: ['lúc', 'vào lúc'], en: ['at'] },
  { name: 'Day', vi: ['ngày'], en: ['day', 'days'] },
  { name: 'WorkingDay', vi: ['ngày làm việc'], en: ['working days', 'working day'] },

  // recurrences and periods
  { name: 'DailyWorking', vi: ['hằng ngày làm việc', 'hàng ngày làm việc'], en: ['every working day'] },
  { name: 'Weekly', vi: ['hằng tuần', 'hàng tuần'], en: ['weekly'] },
  {
    name: 'Monthly',
    vi: ['hằng tháng', 'hàng tháng', 'của tháng', 'của mỗi tháng', 'mỗi tháng'],
    en: ['monthly', 'of the month', 'of each month'],
  },
  { name: 'Quarterly', vi: ['hằng quý', 'hàng quý'], en: ['quarterly'] },
  { name: 'Yearly', vi: ['hằng năm', 'hàng năm'], en: ['yearly', 'annually'] },
  { name: 'Periodic', vi: ['định kỳ'], en: ['every'] },
  { name: 'Latest', vi: ['chậm nhất', 'chậm nhất là'], en: ['at the latest', 'no later than'] },
  { name: 'On', vi: ['vào'], en: ['on'] },
  {
    name: 'FirstMonth',
    vi: ['tháng đầu quý', 'tháng đầu của quý', 'tháng đầu của mỗi quý', 'của tháng đầu quý'],
    en: ['of the first month'],
  },
  {
    name: 'LastMonth',
    vi: [
      'tháng cuối quý',
      'tháng cuối của quý',
      'tháng cuối cùng của quý',
      'tháng cuối của mỗi quý',
      'tháng cuối cùng của mỗi quý',
      'của tháng cuối quý',
    ],
    en: ['of the last month'],
  },
  {
    name: 'PeriodLastMonth',
    vi: ['tháng cuối kỳ', 'tháng cuối kỳ báo cáo', 'của tháng cuối kỳ', 'của tháng cuối kỳ báo cáo'],
    en: ['of the last month of the period'],
  },
  { name: 'NextMonth', vi: ['tháng sau', 'tháng kế tiếp'], en: ['of the next month'] },
  { name: 'Month', vi: ['tháng'], en: ['month'] },
  { name: 'Quarter', vi: ['quý'], en: ['quarter'] },
  { name: 'HalfYear', vi: ['6 tháng', 'sáu tháng'], en: ['half-year', 'half year'] },
  { name: 'FirstHalf', vi: ['6 tháng đầu năm', 'sáu tháng đầu năm'], en: ['first half'] },
  { name: 'SecondHalf', vi: ['6 tháng cuối năm', 'sáu tháng cuối năm'], en: ['second half'] },
  // Civil Code 2015 art. 146: the start, middle and end of a month are its 1st, 15th and last day; of a
  // year, 1 January, 30 June and 31 December.
  { name: 'StartOfMonth', vi: ['đầu tháng'], en: ['start of month'] },
  { name: 'MidMonth', vi: ['giữa tháng'], en: ['middle of month', 'mid-month'] },
  { name: 'EndOfMonth', vi: ['cuối tháng'], en: ['end of month'] },
  { name: 'StartOfYear', vi: ['đầu năm'], en: ['start of year'] },
  { name: 'MidYear', vi: ['giữa năm'], en: ['middle of year', 'mid-year'] },
  { name: 'EndOfYear', vi: ['cuối năm'], en: ['end of year'] },
  { name: 'From', vi: ['từ', 'bắt đầu từ', 'kể từ'], en: ['from', 'starting'] },
  { name: 'To', vi: ['đến', 'đến hết'], en: ['to', 'until'] },
  {
    name: 'Regulated',
    vi: ['theo thời gian quy định', 'theo đúng thời gian quy định', 'theo quy định'],
    en: ['as regulated', 'as set by'],
  },
  { name: 'SameDay', vi: ['trong ngày'], en: ['same day'] },
  { name: 'NotMoreThan', vi: ['không quá', 'trong vòng'], en: ['within'] },
  {
    name: 'FromReceipt',
    vi: ['kể từ khi nhận', 'kể từ ngày nhận', 'kể từ khi nhận được', 'từ khi nhận'],
    en: ['of receipt', 'from receipt'],
  },
  { name: 'Ongoing', vi: ['thường xuyên'], en: ['ongoing'] },
  { name: 'Review', vi: ['rà soát'], en: ['review'] },
  { name: 'Monday', vi: ['thứ hai'], en: ['monday'] },
  { name: 'Tuesday', vi: ['thứ ba'], en: ['tuesday'] },
  { name: 'Wednesday', vi: ['thứ tư'], en: ['wednesday'] },
  { name: 'Thursday', vi: ['thứ năm'], en: ['thursday'] },
  { name: 'Friday', vi: ['thứ sáu'], en: ['friday'] },
  { name: 'Saturday', vi: ['thứ bảy'], en: ['saturday'] },
  { name: 'Sunday', vi: ['chủ nhật'], en: ['sunday'] },

  // tasks
  { name: 'Lead', vi: ['chủ trì'], en: ['lead'] },
  { name: 'Support', vi: ['phối hợp'], en: ['support', 'coordinating'] },
  { name: 'Deadline', vi: ['thời hạn', 'hạn'], en: ['deadline'] },
  { name: 'Output', vi: ['sản phẩm', 'kết quả'], en: ['output'] },
  { name: 'Criterion', vi: ['tiêu chí'], en: ['criterion'] },
  { name: 'DependsOn', vi: ['sau khi', 'phụ thuộc'], en: ['depends on'] },
  { name: 'Note', vi: ['ghi chú'], en: ['note'] },

  // indicators and reports
  { name: 'Measure', vi: ['đơn vị tính'], en: ['measure'] },
  { name: 'Target', vi: ['mục tiêu'], en: ['target'] },
  { name: 'Cadence', vi: ['chu kỳ', 'tần suất'], en: ['cadence'] },
  { name: 'ReportedBy', vi: ['báo cáo bởi', 'đơn vị báo cáo'], en: ['reported by'] },
  { name: 'Period', vi: ['kỳ', 'kỳ báo cáo'], en: ['period'] },
  { name: 'CutOff', vi: ['chốt số liệu'], en: ['cut-off', 'cutoff'] },
  { name: 'Due', vi: ['hạn gửi'], en: ['due'] },
  { name: 'Recipients', vi: ['người nhận', 'nơi nhận'], en: ['recipients'] },
  { name: 'PreparedBy', vi: ['lập bởi', 'đơn vị lập'], en: ['prepared by'] },

  // the reform areas
  { name: 'Direction', vi: ['chỉ đạo điều hành'], en: ['direction'] },
  { name: 'Institutions', vi: ['thể chế'], en: ['institutions'] },
  { name: 'Procedures', vi: ['thủ tục hành chính'], en: ['administrative procedures', 'procedures'] },
  { name: 'Apparatus', vi: ['tổ chức bộ máy'], en: ['organisation', 'organization'] },
  { name: 'CivilService', vi: ['chế độ công vụ', 'công vụ'], en: ['civil service'] },
  { name: 'PublicFinance', vi: ['tài chính công'], en: ['public finance'] },
  {
    name: 'DigitalGovernment',
    vi: ['chính phủ số', 'chính phủ điện tử', 'chính quyền số', 'chính quyền điện tử'],
    en: ['digital government', 'e-government'],
  },
  { name: 'Communication', vi: ['tuyên truyền'], en: ['communication'] },
  { name: 'Inspection', vi: ['kiểm tra'], en: ['inspection'] },
] as const satisfies readonly KeywordSpec[];

export type KeywordName = (typeof KEYWORDS)[number]['name'];
export type Lang = 'vi' | 'en';

/** Lower-cases keyword text the way the lexer compares it. */
export function foldKeyword(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

const byName = new Map<string, KeywordSpec>(KEYWORDS.map((k) => [k.name, k]));

/** The canonical spelling of a keyword in one language. */
export function spell(name: KeywordName, lang: Lang): string {
  const spec = byName.get(name);
  const text = spec?.[lang][0];
  if (text === undefined) throw new Error(`unknown keyword ${name}`);
  return text;
}
