/**
 * Every fixed text of the chairperson's digest (digest-document.ts) in Vietnamese and in English, in one shape.
 * The arguments are already formatted for the language; the table headings are the report's (report-texts.ts).
 */
import type { Lang } from './form-texts.js';
import type { Run } from './model.js';
import { countEn, lowerFirstVi } from './report-texts.js';

const b = (text: string): Run => ({ text, bold: true });

export interface DigestTexts {
  /** The plan, when the digest's plan is no longer known. */
  aPlan: string;
  /** A period's name inside a sentence ("tháng 3/2027"). */
  period(label: string): string;
  rollUp(o: {
    asOf: string;
    open: string;
    plan: string;
    recipient: string;
    units: string;
    red: string;
    amber: string;
    green: string;
  }): Run[];
  red: { title: string; why: string };
  amber: { title: string; why: string };
  sectionIntro(units: string, why: string): string;
  nothingLeft: string;
  proposalHeading: string;
  proposal(recipient: string, body: string): string;
  closing(asOf: string, body: string): string;
  summary(plan: string, asOf: string): string;
  metaTitle(summary: string): string;
  subject(recipient: string): string;
}

const VI: DigestTexts = {
  aPlan: 'kế hoạch',
  period: lowerFirstVi,
  rollUp: (o) => [
    `Tính đến ${o.asOf}, có `,
    b(o.open),
    ` lượt nhiệm vụ thuộc ${o.plan} đã quá hạn và được đôn đốc lên ${o.recipient}, tại ${o.units} cơ quan, ` +
      'đơn vị: ',
    b(`${o.red} đơn vị cần chỉ đạo ngay`),
    `, ${o.amber} đơn vị cần tiếp tục đôn đốc. Từ lần tổng hợp trước, ${o.green} đơn vị đã xử lý xong các ` +
      'nhiệm vụ quá hạn.',
  ],
  red: { title: 'CÁC CƠ QUAN, ĐƠN VỊ CẦN CHỈ ĐẠO NGAY', why: 'quá hạn từ 30 ngày hoặc đã đôn đốc từ mức 2' },
  amber: { title: 'CÁC CƠ QUAN, ĐƠN VỊ CẦN TIẾP TỤC ĐÔN ĐỐC', why: 'đã đôn đốc mức 1' },
  sectionIntro: (units, why) => `${units} cơ quan, đơn vị có nhiệm vụ ${why}:`,
  nothingLeft: 'Không còn nhiệm vụ quá hạn nào cần báo cáo.',
  proposalHeading: 'ĐỀ XUẤT',
  proposal: (recipient, body) =>
    `Đề nghị ${recipient} chỉ đạo các cơ quan, đơn vị nêu trên khẩn trương hoàn thành các nhiệm vụ quá hạn ` +
    `và báo cáo kết quả về ${body} để tổng hợp.`,
  closing: (asOf, body) => `Trên đây là báo cáo tình hình nhiệm vụ quá hạn tính đến ${asOf} của ${body}./.`,
  summary: (plan, asOf) => `Tình hình nhiệm vụ quá hạn cần chỉ đạo thuộc ${plan}, tính đến ${asOf}`,
  metaTitle: (summary) => `Báo cáo ${lowerFirstVi(summary)}`,
  subject: (recipient) => `Bản tổng hợp gửi ${recipient}`,
};

const EN: DigestTexts = {
  aPlan: 'the plan',
  period: (label) => label,
  rollUp: (o) => [
    `As of ${o.asOf}, `,
    b(o.open),
    ` ${countEn(o.open, 'assignment', 'assignments')} under ${o.plan} ${countEn(o.open, 'is', 'are')} ` +
      `overdue and escalated to ${o.recipient}, in ${o.units} ` +
      `${countEn(o.units, 'agency or unit', 'agencies and units')}: `,
    b(`${o.red} ${countEn(o.red, 'unit', 'units')} requiring immediate direction`),
    `, ${o.amber} ${countEn(o.amber, 'unit', 'units')} requiring continued follow-up. Since the previous ` +
      `digest, ${o.green} ${countEn(o.green, 'unit has', 'units have')} cleared their overdue tasks.`,
  ],
  red: {
    title: 'AGENCIES AND UNITS REQUIRING IMMEDIATE DIRECTION',
    why: 'overdue by 30 days or more, or escalated to level 2 or higher',
  },
  amber: { title: 'AGENCIES AND UNITS REQUIRING CONTINUED FOLLOW-UP', why: 'escalated to level 1' },
  sectionIntro: (units, why) =>
    `${units} ${countEn(units, 'agency or unit has', 'agencies and units have')} tasks ${why}:`,
  nothingLeft: 'No overdue task is left to report.',
  proposalHeading: 'PROPOSAL',
  proposal: (recipient, body) =>
    `${recipient} is requested to direct the agencies and units above to complete their overdue tasks ` +
    `urgently and to report the results to ${body} for consolidation.`,
  closing: (asOf, body) => `The above is the report of ${body} on overdue tasks as of ${asOf}./.`,
  summary: (plan, asOf) => `Overdue tasks requiring direction under ${plan}, as of ${asOf}`,
  metaTitle: (summary) => `Report: ${summary}`,
  subject: (recipient) => `Digest for ${recipient}`,
};

export const DIGEST_TEXTS: Readonly<Record<Lang, DigestTexts>> = { vi: VI, en: EN };
