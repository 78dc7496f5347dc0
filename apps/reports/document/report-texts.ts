/**
 * Every fixed text of the report document (report-document.ts) in Vietnamese and in English, side by side in one
 * shape, so neither can miss one. The arguments are already formatted (numbers, dates, names) for the language;
 * a paragraph with an emphasised part is a list of runs. Table headings reuse the labels the HTML report shows
 * (render/format.ts, report-model.ts) where they name the same thing.
 */
import { STATUS_LABELS } from '../report-model.js';
import { L, TEXT, type StatusKey } from '../render/format.js';
import type { Lang } from './form-texts.js';
import type { Run } from './model.js';

const b = (text: string): Run => ({ text, bold: true });
/** English number agreement: "1 unit", "2 units" (the count as formatted). */
export const countEn = (n: string, one: string, many: string) => (n === '1' ? one : many);
const unitsEn = (n: string) => `${n} ${countEn(n, 'agency or unit', 'agencies and units')}`;
/** "Tháng 3/2027" → "tháng 3/2027" inside a Vietnamese sentence. */
export const lowerFirstVi = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

type Four = Exclude<StatusKey, 'notYetDue'>;

/** Table headings, shared by the report and the digest. */
export interface ColumnTexts {
  no: string;
  unit: string;
  area: string;
  status: Record<Four, string>;
  total: string;
  grandTotal: string;
  completionRate: string;
  previousRate: string;
  change: string;
  ytdOnTimeRate: string;
  below(threshold: string): string;
  indicator: string;
  target: string;
  reporting: string;
  met: string;
  notMet: string;
  missing: string;
  criterion: string;
  assignmentsDue: string;
  done: string;
  withEvidence: string;
  task: string;
  dueDate: string;
  unitsDoing: string;
  assignee: string;
  leadUnit: string;
  daysOverdue: string;
  escalation: string;
  completedOn: string;
  evidenceDocument: string;
  note: string;
}

export interface ReportTexts {
  col: ColumnTexts;
  /** A period's name inside a sentence: "tháng 3/2027 (15/02 – 14/03/2027)". */
  period(label: string): string;
  summary(plan: string, period: string): string;
  metaTitle(summary: string): string;
  interim(asOf: string, periodEnds: string): string;
  intro(plan: string, body: string, period: string, asOf: string): string;
  closing(plan: string, period: string, body: string): string;
  heading: {
    results: string;
    overall: string;
    comparison: string;
    byArea: string;
    byUnit: string;
    below(threshold: string): string;
    overdue: string;
    indicators: string;
    criteria: string;
    next: string;
  };
  overall(o: {
    total: string;
    doneOnTime: string;
    doneLate: string;
    openInTime: string;
    openOverdue: string;
    rate: string | null;
  }): Run[];
  notYetDue(n: string): string;
  ongoing(n: string): string;
  apart(parts: string[]): string;
  noPrevious: string;
  rose(points: string): string;
  fell(points: string): string;
  unchanged: string;
  compared(previous: string, previousRate: string, trend: string): Run[];
  unitsMoved(up: string, down: string): string;
  nothingDue: string;
  byUnit(units: string, appendix: string): string;
  noneBelow(threshold: string): string;
  someBelow(n: string, threshold: string): Run[];
  noOverdue: string;
  overdue(n: string, units: string, escalated: string, appendix: string): Run[];
  overdueItem(o: { task: string; unit: string; due: string; days: string; escalation: string }): Run[];
  noIndicators: string;
  missedTarget(indicator: string): string;
  noCriteria: string;
  criteriaIntro: string;
  evidenceIn(appendix: string): string;
  noNextPeriod(appendix: string): string;
  continueRemaining: string;
  nextWindow(period: string, from: string, to: string): string;
  nextNone(window: string): string;
  nextSome(window: string, n: string): Run[];
  alsoOverdue(appendix: string): string;
  appendixTitle: { units: string; overdue: string; evidence: string };
  late: string;
  documentDated(date: string): string;
}

const VI: ReportTexts = {
  col: {
    no: L.rowNumber.vi,
    unit: 'Cơ quan, đơn vị',
    area: L.area.vi,
    status: {
      doneOnTime: 'Hoàn thành đúng hạn',
      doneLate: 'Hoàn thành quá hạn',
      openInTime: 'Chưa hoàn thành, trong hạn',
      openOverdue: 'Chưa hoàn thành, quá hạn',
    },
    total: 'Tổng số',
    grandTotal: L.grandTotal.vi,
    completionRate: L.completionRate.vi,
    previousRate: L.previousRate.vi,
    change: L.change.vi,
    ytdOnTimeRate: L.ytdOnTimeRate.vi,
    below: (threshold) => `Dưới ${threshold}`,
    indicator: L.indicator.vi,
    target: L.target.vi,
    reporting: 'Số đơn vị báo cáo',
    met: TEXT.met,
    notMet: TEXT.notMet,
    missing: L.missing.vi,
    criterion: L.criterion.vi,
    assignmentsDue: 'Số lượt nhiệm vụ đến kỳ',
    done: L.done.vi,
    withEvidence: 'Có văn bản kiểm chứng',
    task: L.task.vi,
    dueDate: L.dueDate.vi,
    unitsDoing: 'Cơ quan, đơn vị thực hiện',
    assignee: L.assignee.vi,
    leadUnit: L.leadUnit.vi,
    daysOverdue: L.daysOverdue.vi,
    escalation: L.escalation.vi,
    completedOn: 'Ngày hoàn thành',
    evidenceDocument: 'Văn bản kiểm chứng',
    note: L.note.vi,
  },
  period: lowerFirstVi,
  summary: (plan, period) => `Kết quả thực hiện ${plan}, ${period}`,
  metaTitle: (summary) => `Báo cáo ${lowerFirstVi(summary)}`,
  interim: (asOf, ends) =>
    `(Số liệu tạm tính đến ${asOf}; kỳ báo cáo kết thúc ${ends}, số liệu còn thay đổi)`,
  intro: (plan, body, period, asOf) =>
    `Thực hiện ${plan}, ${body} báo cáo kết quả thực hiện ${period}, số liệu tính đến ${asOf}, như sau:`,
  closing: (plan, period, body) => `Trên đây là báo cáo kết quả thực hiện ${plan}, ${period} của ${body}./.`,
  heading: {
    results: 'I. KẾT QUẢ THỰC HIỆN',
    overall: '1. Tình hình chung',
    comparison: '2. So sánh với kỳ trước',
    byArea: '3. Kết quả theo lĩnh vực',
    byUnit: '4. Kết quả theo cơ quan, đơn vị',
    below: (threshold) => `5. Các đơn vị có tỷ lệ hoàn thành đúng hạn dưới ${threshold}`,
    overdue: '6. Nhiệm vụ chưa hoàn thành, quá hạn',
    indicators: '7. Chỉ tiêu so với mục tiêu',
    criteria: '8. Kết quả theo tiêu chí Chỉ số cải cách hành chính',
    next: 'II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
  },
  overall: (o) => {
    const counts =
      `; trong đó hoàn thành đúng hạn ${o.doneOnTime}, hoàn thành quá hạn ${o.doneLate}, ` +
      `chưa hoàn thành nhưng còn trong hạn ${o.openInTime}, chưa hoàn thành và đã quá hạn ${o.openOverdue}.`;
    return o.rate === null
      ? [
          'Tổng số lượt nhiệm vụ đã đến kỳ thực hiện: ',
          b(o.total),
          `${counts} Chưa có nhiệm vụ nào đến hạn nên chưa tính tỷ lệ hoàn thành.`,
        ]
      : [
          'Tổng số lượt nhiệm vụ đã đến kỳ thực hiện: ',
          b(o.total),
          `${counts} Tỷ lệ hoàn thành (số đã hoàn thành trên số đã đến hạn) đạt `,
          b(o.rate),
          '.',
        ];
  },
  notYetDue: (n) => `${n} lượt nhiệm vụ chưa đến kỳ thực hiện`,
  ongoing: (n) => `${n} nhiệm vụ thực hiện thường xuyên`,
  apart: (parts) => `Ngoài ra còn ${parts.join(' và ')}, không tính vào tỷ lệ trên.`,
  noPrevious: 'Kỳ trước chưa có số liệu để so sánh.',
  rose: (points) => `tăng ${points} điểm phần trăm`,
  fell: (points) => `giảm ${points} điểm phần trăm`,
  unchanged: 'không thay đổi',
  compared: (previous, rate, trend) => [
    `So với ${previous} (tỷ lệ hoàn thành `,
    b(rate),
    '), tỷ lệ hoàn thành kỳ này ',
    b(trend),
    '.',
  ],
  unitsMoved: (up, down) => `Có ${up} đơn vị tăng và ${down} đơn vị giảm tỷ lệ hoàn thành so với kỳ trước.`,
  nothingDue: 'Chưa có nhiệm vụ nào đến kỳ thực hiện.',
  byUnit: (units, appendix) =>
    `Kết quả thực hiện của ${units} cơ quan, đơn vị theo bốn nhóm tình trạng (hoàn thành đúng hạn, hoàn ` +
    `thành quá hạn, chưa hoàn thành trong hạn, chưa hoàn thành quá hạn) tại ${appendix} kèm theo.`,
  noneBelow: (threshold) =>
    `Không có cơ quan, đơn vị nào có tỷ lệ hoàn thành đúng hạn lũy kế năm dưới ${threshold}.`,
  someBelow: (n, threshold) => [
    'Có ',
    b(n),
    ` cơ quan, đơn vị có tỷ lệ hoàn thành đúng hạn lũy kế năm dưới ${threshold} (mức "hoàn thành tốt" ` +
      'theo Nghị định số 90/2020/NĐ-CP):',
  ],
  noOverdue: 'Không có nhiệm vụ chưa hoàn thành quá hạn.',
  overdue: (n, units, escalated, appendix) => [
    'Có ',
    b(n),
    ` lượt nhiệm vụ chưa hoàn thành, quá hạn của ${units} cơ quan, đơn vị; ${escalated} lượt đã được đôn đốc ` +
      `lên cấp trên. Danh sách chi tiết, số ngày quá hạn và mức đôn đốc tại ${appendix}. Các nhiệm vụ quá ` +
      'hạn lâu nhất:',
  ],
  overdueItem: (o) => [
    `${o.task} (${o.unit}): hạn ${o.due}, quá hạn `,
    b(`${o.days} ngày`),
    `, ${lowerFirstVi(o.escalation)}.`,
  ],
  noIndicators: 'Kế hoạch không đặt chỉ tiêu.',
  missedTarget: (indicator) => `${indicator}: chưa đạt mục tiêu tại `,
  noCriteria: 'Chưa có nhiệm vụ gắn tiêu chí Chỉ số CCHC đến kỳ thực hiện.',
  criteriaIntro:
    'Các nhiệm vụ gắn với tiêu chí, tiêu chí thành phần của Chỉ số CCHC và tài liệu kiểm chứng đã có:',
  evidenceIn: (appendix) => `Danh mục tài liệu kiểm chứng tại ${appendix}.`,
  noNextPeriod: (appendix) =>
    `Kế hoạch không còn kỳ báo cáo tiếp theo; tập trung hoàn thành các nhiệm vụ còn quá hạn nêu tại ${appendix}.`,
  continueRemaining: 'Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch.',
  nextWindow: (period, from, to) => `${lowerFirstVi(period)} (từ ${from} đến ${to})`,
  nextNone: (window) =>
    `Trong ${window} không có nhiệm vụ đến hạn; tập trung hoàn thành các nhiệm vụ còn quá hạn.`,
  nextSome: (window, n) => [`Trong ${window} có `, b(n), ' nhiệm vụ đến hạn hoàn thành:'],
  alsoOverdue: (appendix) => `Đồng thời khẩn trương hoàn thành các nhiệm vụ còn quá hạn nêu tại ${appendix}.`,
  appendixTitle: {
    units: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA TỪNG CƠ QUAN, ĐƠN VỊ',
    overdue: 'DANH SÁCH NHIỆM VỤ CHƯA HOÀN THÀNH, QUÁ HẠN',
    evidence: 'DANH MỤC TÀI LIỆU KIỂM CHỨNG THEO TIÊU CHÍ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH',
  },
  late: 'quá hạn',
  documentDated: (date) => `ngày ${date}`,
};

const EN: ReportTexts = {
  col: {
    no: L.rowNumber.en,
    unit: 'Agency, unit',
    area: L.area.en,
    status: {
      doneOnTime: STATUS_LABELS.doneOnTime.en,
      doneLate: STATUS_LABELS.doneLate.en,
      openInTime: STATUS_LABELS.openInTime.en,
      openOverdue: STATUS_LABELS.openOverdue.en,
    },
    total: 'Total',
    grandTotal: L.grandTotal.en,
    completionRate: L.completionRate.en,
    previousRate: L.previousRate.en,
    change: L.change.en,
    ytdOnTimeRate: L.ytdOnTimeRate.en,
    below: (threshold) => `Below ${threshold}`,
    indicator: L.indicator.en,
    target: L.target.en,
    reporting: 'Units reporting',
    met: 'Met',
    notMet: 'Not met',
    missing: L.missing.en,
    criterion: L.criterion.en,
    assignmentsDue: 'Assignments due',
    done: L.done.en,
    withEvidence: 'With an evidence document',
    task: L.task.en,
    dueDate: L.dueDate.en,
    unitsDoing: 'Implementing agencies, units',
    assignee: L.assignee.en,
    leadUnit: L.leadUnit.en,
    daysOverdue: L.daysOverdue.en,
    escalation: L.escalation.en,
    completedOn: 'Completed on',
    evidenceDocument: 'Evidence document',
    note: L.note.en,
  },
  period: (label) => label,
  summary: (plan, period) => `Results of the implementation of ${plan}, ${period}`,
  metaTitle: (summary) => `Report: ${summary}`,
  interim: (asOf, ends) =>
    `(Interim figures as of ${asOf}; the reporting period ends at ${ends}, the figures may still change)`,
  intro: (plan, body, period, asOf) =>
    `In implementation of ${plan}, ${body} reports the results for ${period}, with figures as of ${asOf}, ` +
    'as follows:',
  closing: (plan, period, body) =>
    `The above is the report of ${body} on the results of the implementation of ${plan}, ${period}./.`,
  heading: {
    results: 'I. RESULTS OF IMPLEMENTATION',
    overall: '1. Overview',
    comparison: '2. Comparison with the previous period',
    byArea: '3. Results by area',
    byUnit: '4. Results by agency and unit',
    below: (threshold) => `5. Units with an on-time completion rate below ${threshold}`,
    overdue: '6. Tasks not done and overdue',
    indicators: '7. Indicators against targets',
    criteria: '8. Results by criterion of the Public Administration Reform Index',
    next: 'II. KEY TASKS FOR THE NEXT PERIOD',
  },
  overall: (o) => {
    const counts =
      `, of which ${o.doneOnTime} done on time, ${o.doneLate} done late, ${o.openInTime} not yet done but ` +
      `within the deadline, and ${o.openOverdue} not done and overdue.`;
    return o.rate === null
      ? [
          'Assignments fallen due: ',
          b(o.total),
          `${counts} No task has fallen due yet, so no completion rate is computed.`,
        ]
      : [
          'Assignments fallen due: ',
          b(o.total),
          `${counts} The completion rate (done out of fallen due) is `,
          b(o.rate),
          '.',
        ];
  },
  notYetDue: (n) => `${n} ${countEn(n, 'assignment', 'assignments')} not yet due`,
  ongoing: (n) => `${n} ongoing ${countEn(n, 'task', 'tasks')}`,
  apart: (parts) => `The rate above does not count ${parts.join(' and ')}.`,
  noPrevious: 'The previous period has no figures to compare with.',
  rose: (points) => `rose by ${points} percentage points`,
  fell: (points) => `fell by ${points} percentage points`,
  unchanged: 'did not change',
  compared: (previous, rate, trend) => [
    `Compared with ${previous} (completion rate `,
    b(rate),
    "), this period's completion rate ",
    b(trend),
    '.',
  ],
  unitsMoved: (up, down) =>
    `${up} ${countEn(up, 'unit', 'units')} raised and ${down} ${countEn(down, 'unit', 'units')} lowered their ` +
    'completion rate compared with the previous period.',
  nothingDue: 'No task has fallen due yet.',
  byUnit: (units, appendix) =>
    `The results of the ${unitsEn(units)} in the four status classes (done on time, done late, ` +
    `not done within the deadline, not done and overdue) are given in the attached ${appendix}.`,
  noneBelow: (threshold) =>
    `No agency or unit has a year-to-date on-time completion rate below ${threshold}.`,
  someBelow: (n, threshold) => [
    b(n),
    ` ${countEn(n, 'agency or unit has', 'agencies and units have')} a year-to-date on-time completion rate below ${threshold} (the "well ` +
      'completed" level under Decree No. 90/2020/ND-CP):',
  ],
  noOverdue: 'No task is left not done and overdue.',
  overdue: (n, units, escalated, appendix) => [
    b(n),
    ` ${countEn(n, 'assignment', 'assignments')} in ${unitsEn(units)} ${countEn(n, 'is', 'are')} not done ` +
      `and overdue; ${escalated} of them ${countEn(escalated, 'has', 'have')} been escalated. The full list, with days overdue and escalation levels, is given in ${appendix}. The ` +
      'longest overdue:',
  ],
  overdueItem: (o) => [
    `${o.task} (${o.unit}): due ${o.due}, `,
    b(`${o.days} ${o.days === '1' ? 'day' : 'days'} overdue`),
    `, escalation: ${o.escalation.toLowerCase()}.`,
  ],
  noIndicators: 'The plan sets no indicators.',
  missedTarget: (indicator) => `${indicator}: target not met at `,
  noCriteria: 'No task tied to a PAR Index criterion has fallen due yet.',
  criteriaIntro:
    'Tasks tied to the criteria and sub-criteria of the PAR Index, and the evidence documents so far:',
  evidenceIn: (appendix) => `The list of evidence documents is given in ${appendix}.`,
  noNextPeriod: (appendix) =>
    `The plan has no further reporting period; the focus is on completing the overdue tasks listed in ${appendix}.`,
  continueRemaining: 'Continue implementing the remaining tasks of the Plan.',
  nextWindow: (period, from, to) => `${period} (from ${from} to ${to})`,
  nextNone: (window) => `No task falls due in ${window}; the focus is on completing the overdue tasks.`,
  nextSome: (window, n) => [`In ${window}, `, b(n), countEn(n, ' task falls due:', ' tasks fall due:')],
  alsoOverdue: (appendix) =>
    `At the same time, the overdue tasks listed in ${appendix} are to be completed urgently.`,
  appendixTitle: {
    units: 'RESULTS OF EACH AGENCY AND UNIT',
    overdue: 'LIST OF TASKS NOT DONE AND OVERDUE',
    evidence: 'LIST OF EVIDENCE DOCUMENTS BY CRITERION OF THE PUBLIC ADMINISTRATION REFORM INDEX',
  },
  late: 'late',
  documentDated: (date) => `dated ${date}`,
};

export const REPORT_TEXTS: Readonly<Record<Lang, ReportTexts>> = { vi: VI, en: EN };
