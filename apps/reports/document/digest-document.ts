/**
 * The chairperson's digest (open escalations by unit, red first) as an administrative document: what the office
 * puts on the chairperson's desk, in the same form as the reports.
 */
import { z } from 'zod';
import { localDateOfInstant } from '../../../dsl/calendar/local-time.js';
import { formatDateTime, formatDeadline, formatPeriodLabel } from '../../presentation/index.js';
import { fmtEscalation, fmtInt, normalizeNfc } from '../render/format.js';
import {
  numberLine,
  parentLine,
  placeDateLine,
  upper,
  type AdminDocument,
  type Block,
  type Issuing,
  type Run,
} from './model.js';

/** A digest as stored (workflows' DigestContent), read defensively: it is JSON from the database. */
export const StoredDigest = z.object({
  key: z.string(),
  planCode: z.string(),
  recipient: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  at: z.string(),
  units: z.array(
    z.object({
      unit: z.object({ code: z.string(), name: z.string() }),
      rag: z.enum(['red', 'amber', 'green']),
      items: z.array(
        z.object({
          title: z.string(),
          occurrence: z.string(),
          dueAt: z.string(),
          daysOverdue: z.number(),
          level: z.number(),
        }),
      ),
    }),
  ),
  rollUp: z.object({ red: z.number(), amber: z.number(), green: z.number(), openEscalations: z.number() }),
});
export type StoredDigest = z.infer<typeof StoredDigest>;

const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
const b = (text: string): Run => ({ text, bold: true });
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

function unitTable(units: StoredDigest['units']): Block {
  let n = 0;
  return {
    kind: 'table',
    table: {
      columns: [
        { label: 'STT', width: 7, align: 'center' },
        { label: 'Cơ quan, đơn vị', width: 22 },
        { label: 'Nhiệm vụ', width: 37 },
        { label: 'Hạn hoàn thành', width: 13, align: 'center' },
        { label: 'Số ngày quá hạn', width: 10, align: 'center' },
        { label: 'Mức đôn đốc', width: 11, align: 'center' },
      ],
      rows: units.flatMap((u) =>
        u.items.map((i) => [
          fmtInt(++n),
          u.unit.name,
          i.occurrence ? `${i.title} (${lowerFirst(formatPeriodLabel(i.occurrence))})` : i.title,
          formatDeadline(i.dueAt),
          fmtInt(i.daysOverdue),
          fmtEscalation(i.level),
        ]),
      ),
    },
  };
}

/** The digest's decree-form document; `planTitle` names the plan (never its code). */
export function digestDocument(stored: StoredDigest, planTitle: string, issuing: Issuing): AdminDocument {
  const d = normalizeNfc(stored);
  const asOf = formatDateTime(d.at);
  const red = d.units.filter((u) => u.rag === 'red' && u.items.length > 0);
  const amber = d.units.filter((u) => u.rag === 'amber' && u.items.length > 0);
  const sections: [string, string, StoredDigest['units']][] = [
    ['CÁC CƠ QUAN, ĐƠN VỊ CẦN CHỈ ĐẠO NGAY', 'quá hạn từ 30 ngày hoặc đã đôn đốc từ mức 2', red],
    ['CÁC CƠ QUAN, ĐƠN VỊ CẦN TIẾP TỤC ĐÔN ĐỐC', 'đã đôn đốc mức 1', amber],
  ];
  const blocks: Block[] = [
    p(
      `Tính đến ${asOf}, có `,
      b(fmtInt(d.rollUp.openEscalations)),
      ` lượt nhiệm vụ thuộc ${planTitle} đã quá hạn và được đôn đốc lên ${d.recipient.name}, tại ` +
        `${fmtInt(red.length + amber.length)} cơ quan, đơn vị: `,
      b(`${fmtInt(d.rollUp.red)} đơn vị cần chỉ đạo ngay`),
      `, ${fmtInt(d.rollUp.amber)} đơn vị cần tiếp tục đôn đốc. Từ lần tổng hợp trước, ` +
        `${fmtInt(d.rollUp.green)} đơn vị đã xử lý xong các nhiệm vụ quá hạn.`,
    ),
  ];
  let roman = 0;
  for (const [title, why, units] of sections) {
    if (units.length === 0) continue;
    const numeral = ['I', 'II', 'III'][roman++]!;
    blocks.push(
      { kind: 'heading', level: 1, text: `${numeral}. ${title}` },
      p(`${fmtInt(units.length)} cơ quan, đơn vị có nhiệm vụ ${why}:`),
      unitTable(units),
    );
  }
  if (red.length + amber.length === 0) blocks.push(p('Không còn nhiệm vụ quá hạn nào cần báo cáo.'));
  else
    blocks.push(
      { kind: 'heading', level: 1, text: `${['I', 'II', 'III'][roman]!}. ĐỀ XUẤT` },
      p(
        `Đề nghị ${d.recipient.name} chỉ đạo các cơ quan, đơn vị nêu trên khẩn trương hoàn thành các nhiệm vụ ` +
          `quá hạn và báo cáo kết quả về ${issuing.bodyName} để tổng hợp.`,
      ),
    );
  blocks.push(
    p(`Trên đây là báo cáo tình hình nhiệm vụ quá hạn tính đến ${asOf} của ${issuing.bodyName}./.`),
  );
  const summary = `Tình hình nhiệm vụ quá hạn cần chỉ đạo thuộc ${planTitle}, tính đến ${asOf}`;
  return {
    header: {
      parent: issuing.parentName ? parentLine(issuing.parentName) : null,
      body: upper(issuing.bodyName),
      number: numberLine(issuing.symbol, issuing.number),
      placeDate: placeDateLine(issuing.place, localDateOfInstant(d.at)),
    },
    type: 'BÁO CÁO',
    summary,
    blocks,
    recipients: issuing.recipients,
    signer: issuing.signer,
    appendices: [],
    meta: {
      title: `Báo cáo ${lowerFirst(summary)}`,
      author: issuing.bodyName,
      subject: `Bản tổng hợp gửi ${d.recipient.name}`,
      createdAt: new Date(d.at).toISOString(),
    },
  };
}
