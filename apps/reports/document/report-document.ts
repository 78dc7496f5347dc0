/**
 * A completion report (monthly, quarterly, half-year, year) as an administrative document: the body reads the
 * way Home Affairs offices write these reports (results overall and by area, comparison with the previous
 * period, units below the on-time line, overdue work, indicators, evidence by PAR-index criterion, the next
 * period's tasks); the per-unit table and the overdue list go to landscape appendices.
 */
import { localDateOfInstant } from '../../../dsl/calendar/local-time.js';
import { formatDate, formatDeadline, formatPercent, formatPeriodLabel } from '../../presentation/index.js';
import { cutOffOf, figuresAt, formatAsOf, withReadings } from '../readings.js';
import { STATUS_LABELS, type ReportContent, type UnitRow } from '../report-model.js';
import {
  CHART_KEYS,
  criterionTitle,
  fmtChange,
  fmtEscalation,
  fmtInt,
  fmtNumber,
  fmtRate,
  fmtTarget,
  normalizeNfc,
} from '../render/format.js';
import {
  appendixReference,
  numberLine,
  parentLine,
  placeDateLine,
  upper,
  type AdminDocument,
  type Appendix,
  type Block,
  type DocTable,
  type Issuing,
  type Run,
} from './model.js';

/** "Tháng 3/2027" → "tháng 3/2027" inside a sentence. */
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
const h1 = (text: string): Block => ({ kind: 'heading', level: 1, text });
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, text });
const b = (text: string): Run => ({ text, bold: true });

/** "Sở Tư pháp, Sở Y tế và 12 đơn vị khác": a list of names that stays readable for a hundred communes. */
export function namesOf(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} và ${fmtInt(names.length - max)} đơn vị khác`;
}

const STATUS_SHORT = {
  doneOnTime: 'Hoàn thành đúng hạn',
  doneLate: 'Hoàn thành quá hạn',
  openInTime: 'Chưa hoàn thành, trong hạn',
  openOverdue: 'Chưa hoàn thành, quá hạn',
} as const;

function statusColumns(width: number): DocTable['columns'] {
  return CHART_KEYS.map((k) => ({
    label: STATUS_SHORT[k as keyof typeof STATUS_SHORT] ?? STATUS_LABELS[k].vi,
    width,
    align: 'center' as const,
  }));
}

const statusCells = (r: Record<(typeof CHART_KEYS)[number], number>) => CHART_KEYS.map((k) => fmtInt(r[k]));

function overall(c: ReportContent): Block[] {
  const t = c.totals;
  const counts =
    `; trong đó hoàn thành đúng hạn ${fmtInt(t.doneOnTime)}, hoàn thành quá hạn ${fmtInt(t.doneLate)}, ` +
    `chưa hoàn thành nhưng còn trong hạn ${fmtInt(t.openInTime)}, chưa hoàn thành và đã quá hạn ` +
    `${fmtInt(t.openOverdue)}.`;
  const out: Block[] = [
    h2('1. Tình hình chung'),
    t.completionRate === null
      ? p(
          `Tổng số lượt nhiệm vụ đã đến kỳ thực hiện: `,
          b(fmtInt(t.total)),
          `${counts} Chưa có nhiệm vụ nào đến hạn nên chưa tính tỷ lệ hoàn thành.`,
        )
      : p(
          `Tổng số lượt nhiệm vụ đã đến kỳ thực hiện: `,
          b(fmtInt(t.total)),
          `${counts} Tỷ lệ hoàn thành (số đã hoàn thành trên số đã đến hạn) đạt `,
          b(fmtRate(t.completionRate)),
          '.',
        ),
  ];
  const more: string[] = [];
  if (t.notYetDue > 0) more.push(`${fmtInt(t.notYetDue)} lượt nhiệm vụ chưa đến kỳ thực hiện`);
  if (t.ongoing > 0) more.push(`${fmtInt(t.ongoing)} nhiệm vụ thực hiện thường xuyên`);
  if (more.length) out.push(p(`Ngoài ra còn ${more.join(' và ')}, không tính vào tỷ lệ trên.`));
  return out;
}

function comparison(c: ReportContent): Block[] {
  const t = c.totals;
  const out: Block[] = [h2('2. So sánh với kỳ trước')];
  if (!c.previous || t.previousCompletionRate === null || t.change === null) {
    out.push(p('Kỳ trước chưa có số liệu để so sánh.'));
    return out;
  }
  const trend =
    t.change > 0
      ? `tăng ${fmtChange(t.change).replace('+', '')} điểm phần trăm`
      : t.change < 0
        ? `giảm ${fmtChange(-t.change)} điểm phần trăm`
        : 'không thay đổi';
  out.push(
    p(
      `So với ${lowerFirst(formatPeriodLabel(c.previous.period))} (tỷ lệ hoàn thành `,
      b(fmtRate(t.previousCompletionRate)),
      `), tỷ lệ hoàn thành kỳ này `,
      b(trend),
      '.',
    ),
  );
  const up = c.byUnit.filter((u) => (u.change ?? 0) > 0).length;
  const down = c.byUnit.filter((u) => (u.change ?? 0) < 0).length;
  if (up + down > 0)
    out.push(
      p(`Có ${fmtInt(up)} đơn vị tăng và ${fmtInt(down)} đơn vị giảm tỷ lệ hoàn thành so với kỳ trước.`),
    );
  return out;
}

function byArea(c: ReportContent): Block[] {
  const out: Block[] = [h2('3. Kết quả theo lĩnh vực')];
  if (c.byArea.length === 0) return [...out, p('Chưa có nhiệm vụ nào đến kỳ thực hiện.')];
  out.push({
    kind: 'table',
    table: {
      columns: [
        { label: 'STT', width: 7, align: 'center' },
        { label: 'Lĩnh vực', width: 30 },
        ...statusColumns(11),
        { label: 'Tổng số', width: 9, align: 'center' },
        { label: 'Tỷ lệ hoàn thành', width: 12, align: 'center' },
      ],
      rows: c.byArea.map((a, n) => [
        fmtInt(n + 1),
        a.area.title,
        ...statusCells(a),
        fmtInt(a.total),
        fmtRate(a.completionRate),
      ]),
      footer: [
        '',
        'Tổng cộng',
        ...statusCells(c.totals),
        fmtInt(c.totals.total),
        fmtRate(c.totals.completionRate),
      ],
    },
  });
  return out;
}

function byUnit(c: ReportContent): Block[] {
  const threshold = formatPercent(c.onTimeThreshold);
  const below = c.byUnit.filter((u) => u.belowThreshold);
  const out: Block[] = [
    h2('4. Kết quả theo cơ quan, đơn vị'),
    p(
      `Kết quả thực hiện của ${fmtInt(c.byUnit.length)} cơ quan, đơn vị theo bốn nhóm tình trạng (hoàn thành ` +
        `đúng hạn, hoàn thành quá hạn, chưa hoàn thành trong hạn, chưa hoàn thành quá hạn) tại Phụ lục I kèm theo.`,
    ),
    h2(`5. Các đơn vị có tỷ lệ hoàn thành đúng hạn dưới ${threshold}`),
  ];
  if (below.length === 0) {
    out.push(p(`Không có cơ quan, đơn vị nào có tỷ lệ hoàn thành đúng hạn lũy kế năm dưới ${threshold}.`));
    return out;
  }
  out.push(
    p(
      `Có `,
      b(fmtInt(below.length)),
      ` cơ quan, đơn vị có tỷ lệ hoàn thành đúng hạn lũy kế năm dưới ${threshold} (mức "hoàn thành tốt" ` +
        `theo Nghị định số 90/2020/NĐ-CP):`,
    ),
    {
      kind: 'table',
      table: {
        columns: [
          { label: 'STT', width: 7, align: 'center' },
          { label: 'Cơ quan, đơn vị', width: 44 },
          { label: 'Tỷ lệ đúng hạn lũy kế năm', width: 17, align: 'center' },
          { label: 'Chưa hoàn thành, quá hạn', width: 16, align: 'center' },
          { label: 'Hoàn thành quá hạn', width: 16, align: 'center' },
        ],
        rows: [...below]
          .sort(
            (x, y) =>
              (x.ytdOnTimeRate ?? 0) - (y.ytdOnTimeRate ?? 0) || x.unit.name.localeCompare(y.unit.name, 'vi'),
          )
          .map((u, n) => [
            fmtInt(n + 1),
            u.unit.name,
            fmtRate(u.ytdOnTimeRate),
            fmtInt(u.openOverdue),
            fmtInt(u.doneLate),
          ]),
      },
    },
  );
  return out;
}

function overdue(c: ReportContent): Block[] {
  const out: Block[] = [h2('6. Nhiệm vụ chưa hoàn thành, quá hạn')];
  if (c.overdue.length === 0) return [...out, p('Không có nhiệm vụ chưa hoàn thành quá hạn.')];
  const units = new Set(c.overdue.map((o) => o.unit.code)).size;
  const escalated = c.overdue.filter((o) => o.escalationLevel > 0).length;
  out.push(
    p(
      `Có `,
      b(fmtInt(c.overdue.length)),
      ` lượt nhiệm vụ chưa hoàn thành, quá hạn của ${fmtInt(units)} cơ quan, đơn vị; ` +
        `${fmtInt(escalated)} lượt đã được đôn đốc lên cấp trên. Danh sách chi tiết, số ngày quá hạn và mức ` +
        `đôn đốc tại Phụ lục II. Các nhiệm vụ quá hạn lâu nhất:`,
    ),
    {
      kind: 'list',
      items: c.overdue
        .slice(0, 5)
        .map((o) => [
          `${o.task.title} (${o.unit.name}): hạn ${o.dueAt ? formatDeadline(o.dueAt) : formatDate(o.dueDate)}, quá hạn `,
          b(`${fmtInt(o.daysOverdue)} ngày`),
          `, ${lowerFirst(fmtEscalation(o.escalationLevel))}.`,
        ]),
    },
  );
  return out;
}

function indicators(c: ReportContent): Block[] {
  const out: Block[] = [h2('7. Chỉ tiêu so với mục tiêu')];
  if (c.indicators.length === 0) return [...out, p('Kế hoạch không đặt chỉ tiêu.')];
  out.push({
    kind: 'table',
    table: {
      columns: [
        { label: 'STT', width: 7, align: 'center' },
        { label: 'Chỉ tiêu', width: 35 },
        { label: 'Mục tiêu', width: 12, align: 'center' },
        { label: 'Số đơn vị báo cáo', width: 12, align: 'center' },
        { label: 'Đạt', width: 9, align: 'center' },
        { label: 'Không đạt', width: 10, align: 'center' },
        { label: 'Chưa báo cáo', width: 12, align: 'center' },
      ],
      rows: c.indicators.map((ind, n) => [
        fmtInt(n + 1),
        ind.measure && ind.measure !== '%' ? `${ind.title} (${ind.measure})` : ind.title,
        fmtTarget(ind.target),
        fmtInt(ind.values.length),
        ind.target ? fmtInt(ind.values.filter((v) => v.meetsTarget === true).length) : '—',
        ind.target ? fmtInt(ind.values.filter((v) => v.meetsTarget === false).length) : '—',
        fmtInt(ind.missing.length),
      ]),
    },
  });
  for (const ind of c.indicators) {
    const failing = ind.values.filter((v) => v.meetsTarget === false);
    if (failing.length === 0) continue;
    out.push(
      p(
        `${ind.title}: chưa đạt mục tiêu tại `,
        namesOf(
          failing.map(
            (v) => `${v.unit.name} (${ind.target?.percent ? formatPercent(v.value) : fmtNumber(v.value)})`,
          ),
          6,
        ),
        '.',
      ),
    );
  }
  return out;
}

function evidence(c: ReportContent): Block[] {
  const out: Block[] = [h2('8. Kết quả theo tiêu chí Chỉ số cải cách hành chính')];
  const tagged = c.criteria.filter((cr) => cr.criterion !== '');
  if (tagged.length === 0) return [...out, p('Chưa có nhiệm vụ gắn tiêu chí Chỉ số CCHC đến kỳ thực hiện.')];
  out.push(
    p('Các nhiệm vụ gắn với tiêu chí, tiêu chí thành phần của Chỉ số CCHC và tài liệu kiểm chứng đã có:'),
    {
      kind: 'table',
      table: {
        columns: [
          { label: 'STT', width: 7, align: 'center' },
          { label: 'Tiêu chí', width: 30 },
          { label: 'Số lượt nhiệm vụ đến kỳ', width: 18, align: 'center' },
          { label: 'Đã hoàn thành', width: 16, align: 'center' },
          { label: 'Có văn bản kiểm chứng', width: 18, align: 'center' },
        ],
        rows: tagged.map((cr, n) => [
          fmtInt(n + 1),
          criterionTitle(cr.criterion),
          fmtInt(cr.tasks),
          fmtInt(cr.done),
          fmtInt(cr.evidence.filter((e) => e.documentNumber || e.link).length),
        ]),
      },
    },
  );
  if (tagged.some((cr) => cr.evidence.length > 0))
    out.push(p('Danh mục tài liệu kiểm chứng tại Phụ lục III.'));
  return out;
}

function nextPeriod(c: ReportContent): Block[] {
  const out: Block[] = [h1('II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI')];
  const next = c.next;
  if (!next) {
    out.push(
      p(
        c.next === null
          ? 'Kế hoạch không còn kỳ báo cáo tiếp theo; tập trung hoàn thành các nhiệm vụ còn quá hạn nêu tại Phụ lục II.'
          : 'Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch.',
      ),
    );
    return out;
  }
  const label = `${lowerFirst(formatPeriodLabel(next.period))} (từ ${formatDate(next.window.from)} đến ${formatDate(next.window.to)})`;
  if (next.tasks.length === 0) {
    out.push(p(`Trong ${label} không có nhiệm vụ đến hạn; tập trung hoàn thành các nhiệm vụ còn quá hạn.`));
    return out;
  }
  out.push(p(`Trong ${label} có `, b(fmtInt(next.tasks.length)), ' nhiệm vụ đến hạn hoàn thành:'), {
    kind: 'table',
    table: {
      columns: [
        { label: 'STT', width: 7, align: 'center' },
        { label: 'Nhiệm vụ', width: 46 },
        { label: 'Hạn hoàn thành', width: 14, align: 'center' },
        { label: 'Cơ quan, đơn vị thực hiện', width: 34 },
      ],
      rows: next.tasks.map((t, n) => [
        fmtInt(n + 1),
        t.task.title,
        formatDate(t.dueDate),
        namesOf(t.units.map((u) => u.name)),
      ]),
    },
  });
  if (c.overdue.length > 0)
    out.push(p('Đồng thời khẩn trương hoàn thành các nhiệm vụ còn quá hạn nêu tại Phụ lục II.'));
  return out;
}

function unitsAppendix(c: ReportContent, ref: string): Appendix {
  const threshold = formatPercent(c.onTimeThreshold);
  return {
    label: 'Phụ lục I',
    title: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA TỪNG CƠ QUAN, ĐƠN VỊ',
    reference: ref,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        table: {
          columns: [
            { label: 'STT', width: 4, align: 'center' },
            { label: 'Cơ quan, đơn vị', width: 24 },
            ...statusColumns(8),
            { label: 'Tổng số', width: 6, align: 'center' },
            { label: 'Tỷ lệ hoàn thành', width: 8, align: 'center' },
            { label: 'Tỷ lệ kỳ trước', width: 8, align: 'center' },
            { label: 'Thay đổi (điểm %)', width: 8, align: 'center' },
            { label: 'Tỷ lệ đúng hạn lũy kế năm', width: 9, align: 'center' },
            { label: `Dưới ${threshold}`, width: 6, align: 'center' },
          ],
          rows: c.byUnit.map((u: UnitRow, n) => [
            fmtInt(n + 1),
            u.unit.name,
            ...statusCells(u),
            fmtInt(u.total),
            fmtRate(u.completionRate),
            fmtRate(u.previousCompletionRate),
            fmtChange(u.change),
            fmtRate(u.ytdOnTimeRate),
            u.belowThreshold ? 'x' : '',
          ]),
          footer: [
            '',
            'Tổng cộng',
            ...statusCells(c.totals),
            fmtInt(c.totals.total),
            fmtRate(c.totals.completionRate),
            fmtRate(c.totals.previousCompletionRate),
            fmtChange(c.totals.change),
            '',
            '',
          ],
        },
      },
    ],
  };
}

function overdueAppendix(c: ReportContent, ref: string, label: string): Appendix {
  return {
    label,
    title: 'DANH SÁCH NHIỆM VỤ CHƯA HOÀN THÀNH, QUÁ HẠN',
    reference: ref,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        table: {
          columns: [
            { label: 'STT', width: 4, align: 'center' },
            { label: 'Nhiệm vụ', width: 34 },
            { label: 'Đơn vị thực hiện', width: 18 },
            { label: 'Đơn vị chủ trì', width: 16 },
            { label: 'Hạn hoàn thành', width: 9, align: 'center' },
            { label: 'Số ngày quá hạn', width: 8, align: 'center' },
            { label: 'Mức đôn đốc', width: 9, align: 'center' },
          ],
          rows: c.overdue.map((o, n) => [
            fmtInt(n + 1),
            o.occurrence ? `${o.task.title} (${lowerFirst(formatPeriodLabel(o.occurrence))})` : o.task.title,
            o.unit.name,
            o.leadUnit.name,
            o.dueAt ? formatDeadline(o.dueAt) : formatDate(o.dueDate),
            fmtInt(o.daysOverdue),
            fmtEscalation(o.escalationLevel),
          ]),
        },
      },
    ],
  };
}

function evidenceAppendix(c: ReportContent, ref: string, label: string): Appendix {
  const rows = c.criteria
    .filter((cr) => cr.criterion !== '')
    .flatMap((cr) => cr.evidence.map((e) => ({ cr, e })));
  return {
    label,
    title: 'DANH MỤC TÀI LIỆU KIỂM CHỨNG THEO TIÊU CHÍ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH',
    reference: ref,
    landscape: true,
    blocks: [
      {
        kind: 'table',
        table: {
          columns: [
            { label: 'STT', width: 4, align: 'center' },
            { label: 'Tiêu chí', width: 9, align: 'center' },
            { label: 'Nhiệm vụ', width: 32 },
            { label: 'Cơ quan, đơn vị', width: 17 },
            { label: 'Ngày hoàn thành', width: 10, align: 'center' },
            { label: 'Văn bản kiểm chứng', width: 16 },
            { label: 'Ghi chú', width: 12 },
          ],
          rows: rows.map(({ cr, e }, n) => [
            fmtInt(n + 1),
            cr.criterion,
            e.task.title,
            e.unit.name,
            `${formatDate(e.completedAt)}${e.late ? ' (quá hạn)' : ''}`,
            [e.documentNumber, e.documentDate ? `ngày ${formatDate(e.documentDate)}` : null, e.link]
              .filter(Boolean)
              .join(', '),
            e.note ?? '',
          ]),
        },
      },
    ],
  };
}

/** The report's decree-form document: header from the issuing settings, dated the day it was generated. */
export function reportDocument(content: ReportContent, issuing: Issuing): AdminDocument {
  const c = withReadings(normalizeNfc(content));
  const issued = localDateOfInstant(c.generatedAt);
  const period = lowerFirst(c.periodLabel ?? formatPeriodLabel(c.period));
  const ref = appendixReference(issuing, 'Báo cáo', formatDate(issued));
  const appendices: Appendix[] = [unitsAppendix(c, ref)];
  if (c.overdue.length > 0) appendices.push(overdueAppendix(c, ref, 'Phụ lục II'));
  if (c.criteria.some((cr) => cr.criterion !== '' && cr.evidence.length > 0))
    appendices.push(evidenceAppendix(c, ref, c.overdue.length > 0 ? 'Phụ lục III' : 'Phụ lục II'));
  // The overdue list is "Phụ lục II" in the text only when it exists.
  const asOf = formatAsOf(figuresAt(c));
  const blocks: Block[] = [
    p(
      `Thực hiện ${c.plan.title}, ${issuing.bodyName} báo cáo kết quả thực hiện ${period}, số liệu tính đến ` +
        `${asOf}, như sau:`,
    ),
    h1('I. KẾT QUẢ THỰC HIỆN'),
    ...overall(c),
    ...comparison(c),
    ...byArea(c),
    ...byUnit(c),
    ...overdue(c),
    ...indicators(c),
    ...evidence(c),
    ...nextPeriod(c),
    p(`Trên đây là báo cáo kết quả thực hiện ${c.plan.title}, ${period} của ${issuing.bodyName}./.`),
  ];
  const summary = `Kết quả thực hiện ${c.plan.title}, ${period}`;
  return {
    header: {
      parent: issuing.parentName ? parentLine(issuing.parentName) : null,
      body: upper(issuing.bodyName),
      number: numberLine(issuing.symbol, issuing.number),
      placeDate: placeDateLine(issuing.place, issued),
    },
    type: 'BÁO CÁO',
    summary,
    ...(c.interim
      ? {
          notice:
            `(Số liệu ${lowerFirst(c.interim.label)}; kỳ báo cáo kết thúc ${formatAsOf(cutOffOf(c))}, ` +
            `số liệu còn thay đổi)`,
        }
      : {}),
    blocks,
    recipients: issuing.recipients,
    signer: issuing.signer,
    appendices,
    meta: {
      title: `Báo cáo ${summary.charAt(0).toLocaleLowerCase('vi')}${summary.slice(1)}`,
      author: issuing.bodyName,
      subject: c.report.title,
      createdAt: c.generatedAt,
    },
  };
}
