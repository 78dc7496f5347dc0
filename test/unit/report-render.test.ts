import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, type ReportContent } from '../../apps/reports/report-model.js';
import { renderReport } from '../../apps/reports/render/index.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/reports/monthly-report.json', import.meta.url), 'utf8'),
) as ReportContent;

const load = (): ReportContent => structuredClone(fixture);
const unit = (c: ReportContent, code: string) => c.byUnit.find((u) => u.unit.code === code)!;

/** RFC 4180 fields: quotes, doubled quotes, commas and line ends inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Whitespace between and inside tags is layout only; assertions look at the markup. */
const flatten = (page: string) => page.replace(/[ \t\r\n]+/g, ' ').replace(/> </g, '><');

async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n').replace(/[ \u00a0]+/g, ' ');
}

describe('report rendering', () => {
  it('the fixture is consistent: units and areas add up to the totals', () => {
    for (const rows of [fixture.byUnit, fixture.byArea]) {
      for (const key of [
        'doneOnTime',
        'doneLate',
        'openInTime',
        'openOverdue',
        'notYetDue',
        'total',
      ] as const) {
        expect(rows.reduce((sum, r) => sum + r[key], 0)).toBe(fixture.totals[key]);
      }
    }
    expect(fixture.byUnit.filter((u) => u.belowThreshold).map((u) => u.unit.code)).toEqual(['KTHTDT']);
  });

  it('names every file in ASCII from plan code, report id and period, with the right content type', async () => {
    const expected = {
      html: 'text/html; charset=utf-8',
      pdf: 'application/pdf',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      csv: 'text/csv; charset=utf-8; header=present',
    } as const;
    for (const format of ['html', 'pdf', 'docx', 'xlsx', 'csv'] as const) {
      const r = await renderReport(fixture, format);
      expect(r.filename).toBe(`bao-cao_KH-CCHC-2027_bc-thang_2027-03.${format}`);
      expect(r.contentType).toBe(expected[format]);
      expect(r.body.length).toBeGreaterThan(0);
    }
    const c = load();
    c.plan.code = 'KH CCHC/Đông Hải';
    c.report.id = 'báo cáo tháng';
    const r = await renderReport(c, 'csv');
    expect(r.filename).toBe('bao-cao_KH-CCHC-Dong-Hai_bao-cao-thang_2027-03.csv');
    expect(r.filename).toMatch(/^[\x20-\x7e]+$/);
  });

  describe('HTML', () => {
    it('is a standalone Vietnamese document with every section, the flagged unit and two inline charts', async () => {
      const r = await renderReport(fixture, 'html');
      const page = flatten(r.body.toString('utf8'));
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(page).toContain('<html lang="vi">');
      expect(page).toMatch(/<meta charset="utf-8"\s*\/?>/);
      for (const label of [
        fixture.plan.title,
        fixture.plan.issuer.name,
        fixture.report.title,
        'Kỳ báo cáo',
        'Tháng 3/2027 (15/02 – 14/03/2027)',
        'hết ngày 14/03/2027',
        'Chính thức',
        'Tổng hợp chung',
        'Kết quả theo đơn vị',
        'Kết quả theo lĩnh vực',
        'Nhiệm vụ quá hạn',
        'Chỉ tiêu so với mục tiêu',
        'Minh chứng theo tiêu chí Chỉ số CCHC',
        ...Object.values(STATUS_LABELS).map((l) => l.vi),
        'Phòng Kinh tế, Hạ tầng và Đô thị',
        'Chuyển đổi số',
        '92,5 %',
        'Tiêu chí 2.3 — đã hoàn thành 2/3 nhiệm vụ',
      ]) {
        expect(page, label).toContain(label);
      }
      expect(page.match(/<svg\b/g)).toHaveLength(2);
      expect(page).toContain('<tr class="flag"><td>Phòng Kinh tế, Hạ tầng và Đô thị</td>');
      expect(page).not.toContain('<tr class="flag"><td>Văn phòng HĐND và UBND phường</td>');
      // Units by name, never by code; no English beside the Vietnamese.
      for (const u of fixture.byUnit) expect(page).not.toContain(`<td>${u.unit.code}</td>`);
      expect(page).not.toMatch(/Done on time|Completion rate|Overdue tasks|By unit/);
      // Missing indicator value, overdue row with its lead unit and escalation level.
      expect(page).toMatch(/Chưa báo cáo[^]*?Phòng Văn hóa – Xã hội/);
      expect(page).toMatch(
        /Số hóa hồ sơ[^]*?Trung tâm Phục vụ hành chính công phường[^]*?10\/03\/2027[^]*?>4<[^]*?Mức 1/,
      );
      // No scripts and nothing fetched from elsewhere.
      expect(page).not.toMatch(/<script|<link|\ssrc=|url\(/i);
    });

    it('escapes user-written text in tables and charts and keeps unsafe links unclickable', async () => {
      const c = load();
      c.overdue[0]!.task.title = '<script>alert("x")</script> & co';
      c.byUnit[0]!.unit.name = 'Văn phòng <b>HĐND</b>';
      c.criteria[0]!.evidence[0]!.link = 'javascript:alert(1)';
      c.criteria[0]!.evidence[1]!.note = '"><img src=x onerror=alert(1)>';
      const page = flatten((await renderReport(c, 'html')).body.toString('utf8'));
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<b>HĐND');
      expect(page).not.toContain('<img');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
      expect(page).toContain('Văn phòng &lt;b&gt;HĐND&lt;/b&gt;');
      expect(page).not.toContain('href="javascript:');
      expect(page).toContain('javascript:alert(1)');
      expect(page).toContain('<a href="https://donghai.example.gov.vn/thong-bao/88">');
    });

    it('writes decomposed input in NFC', async () => {
      const c = load();
      c.byUnit[1]!.unit.name = 'Phòng Kinh tế, Hạ tầng và Đô thị'.normalize('NFD');
      const page = flatten((await renderReport(c, 'html')).body.toString('utf8'));
      expect(page).not.toContain('Phòng Kinh tế'.normalize('NFD'));
      expect(page).toContain('<tr class="flag"><td>Phòng Kinh tế, Hạ tầng và Đô thị</td>');
    });
  });

  describe('PDF', () => {
    it('is the Decree 30 document, whose extracted text keeps the Vietnamese', async () => {
      const c = load();
      // Decomposed input must come out as the same letters.
      c.plan.title = fixture.plan.title.normalize('NFD');
      const r = await renderReport(c, 'pdf', {});
      expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(r.body);
      for (const phrase of [
        'ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HẢI',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        '/BC-UBND',
        'Đông Hải, ngày 15 tháng 3 năm 2027',
        'BÁO CÁO',
        fixture.plan.title,
        'Kết quả theo lĩnh vực',
        'Phòng Kinh tế, Hạ tầng và Đô thị',
        'Cải cách thủ tục hành chính',
        'NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
        'Nơi nhận:',
        'PHỤ LỤC I',
        '45/BC-UBND',
        '92,5 %',
      ]) {
        expect(text, phrase).toContain(phrase);
      }
      // Units by name only: no unit code, no English label.
      // (Document numbers such as 88/TB-TTPVHCC are the units' own text.)
      const prose = text.replace(/\d+\/[A-Z]+-[A-Z-]+/g, '');
      for (const u of fixture.byUnit) expect(prose).not.toMatch(new RegExp(`\\b${u.unit.code}\\b`));
      expect(text).not.toMatch(/Done on time|Completion rate|Overdue/);
    });
  });

  it('removes bidirectional controls from names and notes in every format (issue 18, defect 5)', async () => {
    const c = load();
    const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
    const name = unit(c, 'KTHTDT').unit.name;
    // Text stored before the API refused such characters: an override that would show the name reversed.
    unit(c, 'KTHTDT').unit.name = `\u202e${name}\u202c`;
    c.report.title = `${c.report.title}\u2067\u2069`;
    const text = await pdfText((await renderReport(c, 'pdf')).body);
    expect(text).not.toMatch(BIDI);
    expect(text).toContain(name);
    for (const format of ['html', 'csv'] as const) {
      const body = (await renderReport(c, format)).body.toString('utf8');
      expect(body, format).not.toMatch(BIDI);
      expect(body, format).toContain(name);
    }
  });

  it('PDF: the same stored report renders to the same bytes', async () => {
    const [a, b] = await Promise.all([renderReport(fixture, 'pdf', {}), renderReport(fixture, 'pdf', {})]);
    expect(a.body.equals(b.body)).toBe(true);
  });

  describe('XLSX', () => {
    const open = async (c: ReportContent) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array((await renderReport(c, 'xlsx')).body).buffer);
      return wb;
    };
    const rowOf = (ws: ExcelJS.Worksheet, column: number, value: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(column).value === value) found = row;
      });
      if (!found) throw new Error(`no row with ${value} in ${ws.name}`);
      return found;
    };

    it('has one worksheet per view with a bold, frozen header', async () => {
      const wb = await open(fixture);
      expect(wb.worksheets.map((ws) => ws.name)).toEqual([
        'Tổng hợp',
        'Theo đơn vị',
        'Theo lĩnh vực',
        'Quá hạn',
        'Chỉ tiêu',
        'Minh chứng',
      ]);
      for (const ws of wb.worksheets) {
        expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
        expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.getColumn(2).width ?? 0, ws.name).toBeGreaterThan(8);
      }
      expect(wb.getWorksheet('Theo đơn vị')!.rowCount).toBe(1 + fixture.byUnit.length);
      expect(wb.getWorksheet('Quá hạn')!.rowCount).toBe(1 + 3);
    });

    it('stores counts and rates as numbers and dates as dates', async () => {
      const wb = await open(fixture);
      const units = wb.getWorksheet('Theo đơn vị')!;
      // Vietnamese headers only, units by name.
      expect(units.getRow(1).getCell(1).value).toBe('Đơn vị');
      expect(units.getRow(1).getCell(2).value).toBe('Đã hoàn thành đúng hạn');
      const k = rowOf(units, 1, 'Phòng Kinh tế, Hạ tầng và Đô thị');
      const expected = unit(fixture, 'KTHTDT');
      expect(typeof k.getCell(2).value).toBe('number');
      expect(k.getCell(2).value).toBe(expected.doneOnTime);
      expect(k.getCell(5).value).toBe(expected.openOverdue);
      expect(k.getCell(7).value).toBe(expected.total);
      const rate = k.getCell(8);
      expect(typeof rate.value).toBe('number');
      expect(rate.value as number).toBeCloseTo(expected.completionRate! / 100, 6);
      expect(rate.numFmt).toContain('%');
      expect(k.getCell(10).value).toBe(-7.9);
      expect(k.getCell(11).value as number).toBeCloseTo(0.714, 6);
      expect(k.getCell(12).value).toBe('Có');
      expect(rowOf(units, 1, 'Công an phường').getCell(9).value).toBeNull();

      const summary = wb.getWorksheet('Tổng hợp')!;
      expect(rowOf(summary, 1, 'Tỷ lệ hoàn thành').getCell(2).value as number).toBeCloseTo(0.925, 6);
      expect(rowOf(summary, 1, STATUS_LABELS.doneOnTime.vi).getCell(2).value).toBe(33);
      expect(rowOf(summary, 1, 'Từ ngày').getCell(2).value).toEqual(new Date(Date.UTC(2027, 1, 15)));

      const overdue = rowOf(wb.getWorksheet('Quá hạn')!, 1, 'CDS-04');
      expect(overdue.getCell(7).value).toEqual(new Date(Date.UTC(2027, 1, 28)));
      expect(overdue.getCell(8).value).toBe(14);
      expect(overdue.getCell(9).value).toBe(2);

      const areas = wb.getWorksheet('Theo lĩnh vực')!;
      expect(rowOf(areas, 1, 'Cải cách thủ tục hành chính').getCell(3).value).toBe(1);

      const indicators = wb.getWorksheet('Chỉ tiêu')!;
      expect(rowOf(indicators, 4, 'Trung tâm Phục vụ hành chính công phường').getCell(6).value).toBe(83.5);
      const missing = rowOf(indicators, 4, 'Phòng Văn hóa – Xã hội');
      expect(missing.getCell(6).value).toBeNull();
      expect(missing.getCell(7).value).toBe('Chưa báo cáo');

      const evidence = rowOf(wb.getWorksheet('Minh chứng')!, 4, 'TC-03');
      // 15:15 in Hanoi, as the wall clock shows it.
      expect(evidence.getCell(7).value).toEqual(new Date(Date.UTC(2027, 2, 2, 15, 15)));
      expect(evidence.getCell(11).value).toMatchObject({
        hyperlink: 'https://donghai.example.gov.vn/van-ban/45-bc-ubnd',
      });
    });
  });

  describe('CSV', () => {
    it('is the per-unit table with a BOM, a Vietnamese header and plain numbers', async () => {
      const r = await renderReport(fixture, 'csv');
      expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = r.body.subarray(3).toString('utf8');
      expect(text).toContain('\r\n');
      const rows = parseCsv(text);
      expect(rows).toHaveLength(1 + fixture.byUnit.length);
      expect(rows[0]).toEqual([
        'Kỳ báo cáo',
        'Tình trạng số liệu',
        'Tên đơn vị',
        'Đã hoàn thành đúng hạn',
        'Đã hoàn thành quá hạn',
        'Chưa hoàn thành – trong hạn',
        'Chưa hoàn thành – quá hạn',
        'Chưa đến kỳ',
        'Tổng số (trừ chưa đến kỳ)',
        'Tỷ lệ hoàn thành (%)',
        'Tỷ lệ kỳ trước (%)',
        'Thay đổi (điểm %)',
        'Tỷ lệ đúng hạn lũy kế năm (%)',
        'Dưới ngưỡng 80 %',
      ]);
      expect(rows.find((row) => row[2] === 'Phòng Kinh tế, Hạ tầng và Đô thị')).toEqual([
        'Tháng 3/2027 (15/02 – 14/03/2027)',
        'Chính thức',
        'Phòng Kinh tế, Hạ tầng và Đô thị',
        '5',
        '2',
        '2',
        '2',
        '3',
        '11',
        '77.8',
        '85.7',
        '-7.9',
        '71.4',
        'Có',
      ]);
      const cap = rows.find((row) => row[2] === 'Công an phường')!;
      expect(cap.slice(10, 12)).toEqual(['', '']);
      expect(cap[13]).toBe('Không');
    });

    it('keeps a name that looks like a formula as text', async () => {
      const c = load();
      c.byUnit[0]!.unit.name = '=HYPERLINK("http://x")';
      const rows = parseCsv((await renderReport(c, 'csv')).body.subarray(3).toString('utf8'));
      expect(rows[1]![3]).not.toMatch(/^=/);
    });
  });
});

describe('report rendering at the edges', () => {
  const empty = (): ReportContent => {
    const c = structuredClone(fixture);
    c.previous = null;
    c.totals = {
      doneOnTime: 0,
      doneLate: 0,
      openInTime: 0,
      openOverdue: 0,
      notYetDue: 0,
      total: 0,
      completionRate: null,
      previousCompletionRate: null,
      change: null,
      ongoing: 0,
    };
    c.byUnit = [];
    c.byArea = [];
    c.overdue = [];
    c.indicators = [];
    c.criteria = [];
    return c;
  };

  it('renders a report with nothing due yet in every format', async () => {
    for (const format of ['html', 'pdf', 'docx', 'xlsx', 'csv'] as const) {
      const r = await renderReport(empty(), format);
      expect(r.body.length, format).toBeGreaterThan(0);
    }
    const page = (await renderReport(empty(), 'html')).body.toString('utf8');
    expect(page).toContain('Không có nhiệm vụ quá hạn.');
    const csv = (await renderReport(empty(), 'csv')).body.subarray(3).toString('utf8');
    expect(parseCsv(csv)).toHaveLength(1);
  });

  it('renders a large plan: many units, long names and many overdue rows', async () => {
    const c = structuredClone(fixture);
    const template = c.byUnit[1]!;
    c.byUnit = Array.from({ length: 80 }, (_, i) => ({
      ...structuredClone(template),
      unit: {
        code: `U${i}`,
        name: `${template.unit.name} số ${i} — tổ công tác liên ngành rất dài`,
        kind: 'phong',
      },
    }));
    const row = c.overdue[0]!;
    c.overdue = Array.from({ length: 300 }, (_, i) => ({
      ...structuredClone(row),
      task: { id: `T${i}`, title: row.task.title.repeat(3) },
    }));
    const r = await renderReport(c, 'pdf');
    expect(r.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array((await renderReport(c, 'xlsx')).body).buffer);
    expect(wb.getWorksheet('Quá hạn')!.rowCount).toBe(301);
  }, 30_000);
});

describe('a report whose period has not ended', () => {
  // Generated on 02/12/2026 at 21:00 in Vietnam for March 2027; one overdue deadline extended to 05/03/2027
  // (the stored dueDate is still the original day), another due at 15:05.
  const interim = (): ReportContent => {
    const c = structuredClone(fixture);
    c.generatedAt = '2026-12-02T14:00:00.000Z';
    c.overdue[0]!.dueDate = '2027-02-28';
    c.overdue[0]!.dueAt = '2027-03-05T17:00:00.000Z';
    c.overdue[1]!.dueAt = '2027-03-10T08:05:00.000Z';
    return c;
  };
  const LABEL = 'Tạm tính đến 02/12/2026 21:00';

  it('says so at the top of the HTML and the PDF, and dates overdue work by its last day', async () => {
    const page = flatten((await renderReport(interim(), 'html')).body.toString('utf8'));
    expect(page).toMatch(/<title>[^<]*Tháng 3\/2027 \(15\/02 – 14\/03\/2027\) \(tạm tính\)<\/title>/);
    expect(page).toMatch(
      new RegExp(`<h1>[^<]*</h1><p class="interim" role="note"><strong>${LABEL}</strong>`),
    );
    expect(page).toContain('Kỳ báo cáo chưa kết thúc (kết thúc hết ngày 14/03/2027)');
    expect(page).toContain('05/03/2027');
    expect(page).toContain('15:05 ngày 10/03/2027');
    const text = await pdfText((await renderReport(interim(), 'pdf', {})).body);
    expect(text).toContain(`Số liệu ${LABEL.charAt(0).toLowerCase()}${LABEL.slice(1)}`);
    expect(text).toContain('kỳ báo cáo kết thúc hết ngày 14/03/2027');
    expect(text).toContain('tháng 3/2027 (15/02 – 14/03/2027)');
    expect(text).toContain('15:05 ngày 10/03/2027');
    expect(text).toContain('05/03/2027');
    // The final report says nothing of the kind.
    const final = await pdfText((await renderReport(fixture, 'pdf', {})).body);
    expect(final).not.toMatch(/tạm tính/i);
  });

  it('says so in the workbook (first fact, every sheet header) and stores the last day as a date', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array((await renderReport(interim(), 'xlsx')).body).buffer);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(2).values).toEqual([undefined, 'Tình trạng số liệu', LABEL]);
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddHeader, ws.name).toContain(LABEL);
    expect(wb.title).toContain('(tạm tính)');
    const overdue = wb.getWorksheet('Quá hạn')!;
    // Column 7 is the due date: the extended last day, a real date.
    expect(overdue.getRow(2).getCell(7).value).toEqual(new Date(Date.UTC(2027, 2, 5)));
    expect(overdue.getRow(3).getCell(7).value).toEqual(new Date(Date.UTC(2027, 2, 10)));
  });

  it('says so on every CSV row', async () => {
    const rows = parseCsv((await renderReport(interim(), 'csv')).body.subarray(3).toString('utf8'));
    expect(rows.slice(1).every((r) => r[0] === 'Tháng 3/2027 (15/02 – 14/03/2027)' && r[1] === LABEL)).toBe(
      true,
    );
  });
});
