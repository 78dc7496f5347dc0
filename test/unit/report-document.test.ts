import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { issuingOf, upcomingTasks } from '../../apps/reports/build-report.js';
import { digestDocument, StoredDigest } from '../../apps/reports/document/digest-document.js';
import { DIGEST_TEXTS } from '../../apps/reports/document/digest-texts.js';
import { FORM, SIGNER_TITLES_EN } from '../../apps/reports/document/form-texts.js';
import { digestFilename } from '../../apps/reports/document/index.js';
import { renderDocx } from '../../apps/reports/document/docx.js';
import {
  authorityOf,
  headTitleOf,
  numberLine,
  parentLine,
  placeDateLine,
  placeOf,
  symbolOf,
  titleOf,
  type AdminDocument,
} from '../../apps/reports/document/model.js';
import { renderDocumentPdf } from '../../apps/reports/document/pdf.js';
import { namesOf, reportDocument } from '../../apps/reports/document/report-document.js';
import { REPORT_TEXTS } from '../../apps/reports/document/report-texts.js';
import { issuingFrom, readDocumentEnv, reportIssuing } from '../../apps/reports/document/settings.js';
import { reportFilename } from '../../apps/reports/render/index.js';
import type { ReportContent } from '../../apps/reports/report-model.js';
import { compileEntry } from '../support/engine.js';
import { overdueWardDigest, WARD_FIXTURE } from '../support/ward-plan.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/reports/monthly-report.json', import.meta.url), 'utf8'),
) as ReportContent;

const PROVINCE = compileEntry('plans/tinh-dak-lak-2027/ke-hoach.dondoc').ir;

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

/** Every text of the document model, to look for what must never be shown. */
function allText(doc: AdminDocument): string {
  return JSON.stringify(doc);
}

describe('the header of a Decree 30 document', () => {
  it('dates the document as the decree writes it: a leading zero for days below 10 and the months 1 and 2', () => {
    expect(placeDateLine('Đắk Lắk', '2027-02-05')).toBe('Đắk Lắk, ngày 05 tháng 02 năm 2027');
    expect(placeDateLine('Đắk Lắk', '2027-03-20')).toBe('Đắk Lắk, ngày 20 tháng 3 năm 2027');
    expect(placeDateLine('Đắk Lắk', '2027-12-01')).toBe('Đắk Lắk, ngày 01 tháng 12 năm 2027');
    expect(placeDateLine(null, '2027-11-11')).toBe('……, ngày 11 tháng 11 năm 2027');
  });

  it('takes the symbol, the place and the signer from the names in the directory', () => {
    expect(symbolOf('Sở Nội vụ')).toBe('SNV');
    expect(symbolOf('Ủy ban nhân dân tỉnh Đắk Lắk')).toBe('UBND');
    expect(symbolOf('Văn phòng HĐND và UBND phường')).toBe('VP');
    expect(symbolOf('Sở Tài chính')).toBe('STC');
    expect(symbolOf('Đài Phát thanh và Truyền hình tỉnh')).toBe('DPT');
    expect(placeOf('Sở Nội vụ', 'Ủy ban nhân dân tỉnh Đắk Lắk')).toBe('Đắk Lắk');
    expect(placeOf('Ủy ban nhân dân phường Tân Lập')).toBe('Tân Lập');
    expect(placeOf('Ủy ban nhân dân đặc khu Phú Quốc')).toBe('Phú Quốc');
    expect(placeOf('Sở Nội vụ')).toBeNull();
    expect(titleOf('Giám đốc Sở Nội vụ')).toBe('GIÁM ĐỐC');
    expect(titleOf('Chủ tịch UBND tỉnh')).toBe('CHỦ TỊCH');
    expect(titleOf(null)).toBeNull();
    expect(headTitleOf('Văn phòng HĐND và UBND phường')).toBe('CHÁNH VĂN PHÒNG');
    expect(headTitleOf('Sở Tư pháp')).toBe('GIÁM ĐỐC');
    expect(headTitleOf('Phòng Kinh tế, Hạ tầng và Đô thị')).toBe('TRƯỞNG PHÒNG');
    expect(headTitleOf('Công an phường')).toBeNull();
    expect(authorityOf('Ủy ban nhân dân phường Đông Hải')).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(authorityOf('Sở Nội vụ')).toBeNull();
    expect(parentLine('Ủy ban nhân dân tỉnh Đắk Lắk')).toBe('UBND TỈNH ĐẮK LẮK');
    expect(numberLine('SNV', null)).toMatch(/^Số: \s+\/BC-SNV$/u);
    expect(numberLine('SNV', '125')).toBe('Số: 125/BC-SNV');
  });

  it('for the province plan: prepared by Sở Nội vụ under UBND tỉnh, signed by its director, sent to the chair', () => {
    const report = PROVINCE.reports.find((r) => r.id === 'bc_thang')!;
    const issuing = issuingFrom(issuingOf(PROVINCE, report), {});
    expect(issuing).toMatchObject({
      bodyName: 'Sở Nội vụ',
      parentName: 'Ủy ban nhân dân tỉnh Đắk Lắk',
      symbol: 'SNV',
      place: 'Đắk Lắk',
      signer: { title: 'GIÁM ĐỐC', name: '' },
      number: null,
    });
    // The document adds its archive line ("Lưu: VT.") in its own language.
    expect(issuing.recipients).toEqual(['Chủ tịch UBND tỉnh;', 'Phó Chủ tịch Thường trực UBND tỉnh;']);
  });

  it('lets the office set the place, symbol and signer; a wrong setting is a clear error', () => {
    const env = readDocumentEnv({
      DONDOC_DOCUMENT_PLACE: 'Buôn Ma Thuột',
      DONDOC_DOCUMENT_SYMBOL: 'SNV-CCHC',
      DONDOC_DOCUMENT_SIGNER_AUTHORITY: 'KT. GIÁM ĐỐC',
      DONDOC_DOCUMENT_SIGNER_TITLE: 'PHÓ GIÁM ĐỐC',
      DONDOC_DOCUMENT_SIGNER_NAME: 'Nguyễn Văn A',
    });
    const issuing = reportIssuing(fixture, env);
    expect(issuing).toMatchObject({
      place: 'Buôn Ma Thuột',
      symbol: 'SNV-CCHC',
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn A' },
    });
    expect(() => readDocumentEnv({ DONDOC_DOCUMENT_SYMBOL: 'bc thang' })).toThrow(/DONDOC_DOCUMENT_SYMBOL/);
  });
});

describe('the report as a document', () => {
  const doc = reportDocument(fixture, reportIssuing(fixture, {}));

  it('has the form: issuing body, motto, number, place and date, type and summary, recipients, signer', () => {
    expect(doc.header).toEqual({
      parent: null,
      body: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HẢI',
      number: numberLine('UBND', null),
      placeDate: 'Đông Hải, ngày 15 tháng 3 năm 2027',
    });
    expect(doc.type).toBe('BÁO CÁO');
    expect(doc.summary).toBe(
      'Kết quả thực hiện Kế hoạch cải cách hành chính năm 2027 của phường Đông Hải, tháng 3/2027 (15/02 – 14/03/2027)',
    );
    expect(doc.recipients.at(-1)).toBe('Lưu: VT.');
    expect(doc.appendices.map((a) => [a.label, a.landscape])).toEqual([
      ['Phụ lục I', true],
      ['Phụ lục II', true],
      ['Phụ lục III', true],
    ]);
  });

  it('reads like an office report: the sections in order, units by name, never a code or an English label', () => {
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual([
      'I. KẾT QUẢ THỰC HIỆN',
      '1. Tình hình chung',
      '2. So sánh với kỳ trước',
      '3. Kết quả theo lĩnh vực',
      '4. Kết quả theo cơ quan, đơn vị',
      '5. Các đơn vị có tỷ lệ hoàn thành đúng hạn dưới 80 %',
      '6. Nhiệm vụ chưa hoàn thành, quá hạn',
      '7. Chỉ tiêu so với mục tiêu',
      '8. Kết quả theo tiêu chí Chỉ số cải cách hành chính',
      'II. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
    ]);
    const text = allText(doc);
    for (const u of fixture.byUnit) {
      expect(text).toContain(u.unit.name);
      // Codes only inside the units' own document numbers ("88/TB-TTPVHCC").
      expect(text.replace(/\d+\/[A-Z]+-[A-Z-]+/g, '')).not.toMatch(new RegExp(`\\b${u.unit.code}\\b`));
    }
    expect(text).toContain('tăng 2,5 điểm phần trăm');
    expect(text).toContain('71,4 %');
    expect(text).not.toMatch(/\d\.\d %|Done|Overdue|Completion/);
  });

  it('is the same document for a quarter, a half-year and a year, named as officials name the period', () => {
    for (const [period, window, words] of [
      ['2027-Q1', { from: '2026-12-15', to: '2027-03-14' }, 'quý I/2027 (15/12/2026 – 14/03/2027)'],
      ['2027-H1', { from: '2026-12-15', to: '2027-06-14' }, '6 tháng đầu năm 2027 (15/12/2026 – 14/06/2027)'],
      ['2027', { from: '2026-12-15', to: '2027-12-14' }, 'năm 2027 (15/12/2026 – 14/12/2027)'],
    ] as const) {
      const c: ReportContent = { ...fixture, period, window, periodLabel: undefined };
      const d = reportDocument(c, reportIssuing(c, {}));
      expect(d.summary, period).toBe(`Kết quả thực hiện ${fixture.plan.title}, ${words}`);
      expect(d.type).toBe('BÁO CÁO');
    }
  });

  it('lists what falls due next period, by task, with the units by name', () => {
    const ward = compileEntry(WARD_FIXTURE).ir;
    const rows = upcomingTasks({ ir: ward, states: [] }, { from: '2027-03-15', to: '2027-06-14' });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.dueDate >= '2027-03-15' && r.dueDate <= '2027-06-14').toBe(true);
      expect(r.units.every((u) => u.name !== u.code)).toBe(true);
    }
    const next = reportDocument(
      {
        ...fixture,
        next: { period: '2027-04', window: { from: '2027-03-15', to: '2027-04-14' }, tasks: rows },
      },
      reportIssuing(fixture, {}),
    );
    expect(allText(next)).toContain('Trong tháng 4/2027 (từ 15/03/2027 đến 14/04/2027)');
    expect(namesOf(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C, D và 2 đơn vị khác');
  });

  it('renders to a DOCX and to a PDF on A4 with the same words', async () => {
    const docx = await renderDocx(doc);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await renderDocumentPdf(doc);
    const text = await pdfText(pdf);
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đông Hải, ngày 15 tháng 3 năm 2027',
      'Nơi nhận:',
      'PHỤ LỤC I',
    ])
      expect(text).toContain(phrase);
    // The same document renders to the same bytes (the file is dated by the report, not the rendering).
    expect((await renderDocumentPdf(doc)).equals(pdf)).toBe(true);
  }, 30_000);
});

describe('the digest as a document', () => {
  it('addresses the chairperson, red units first, by name, with days overdue and the escalation level', () => {
    const d = StoredDigest.parse(overdueWardDigest('cchc-2027-x', Date.parse('2027-03-08T01:00:00Z')));
    const ward = compileEntry(WARD_FIXTURE).ir;
    const report = ward.reports.find((r) => r.preparedBy)!;
    const doc = digestDocument(
      d,
      ward.plan.title,
      issuingFrom({ ...issuingOf(ward, report), recipients: [] }, {}, [d.recipient.name]),
    );
    expect(doc.header.placeDate).toBe('Tân Lập, ngày 08 tháng 3 năm 2027');
    expect(doc.recipients).toEqual(['Chủ tịch UBND phường;', 'Lưu: VT.']);
    const text = allText(doc);
    expect(text).toContain('CÁC CƠ QUAN, ĐƠN VỊ CẦN CHỈ ĐẠO NGAY');
    expect(text).toContain('Văn phòng HĐND và UBND phường');
    expect(text).toContain('Mức 2');
    expect(text).not.toMatch(/van_phong|cchc-2027-x/);
  });
});

/** The Vietnamese fixed words of the form and the body: none may be left in the English rendering. */
const VIETNAMESE_FIXED = [
  'CỘNG HÒA',
  'Độc lập',
  'BÁO CÁO',
  'Báo cáo',
  'Số:',
  'ngày',
  'tháng',
  'Nơi nhận',
  'Lưu: VT',
  'Phụ lục',
  'Kèm theo',
  'KẾT QUẢ',
  'Tổng cộng',
  'Hoàn thành',
  'Chưa hoàn thành',
  'quá hạn',
  'đơn vị',
  'Mức ',
  'GIÁM ĐỐC',
  'CHỦ TỊCH',
  'TM.',
];

/** Every text a dictionary gives, each function called with placeholder arguments. */
function dictionaryTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    // An argument that reads as "7" whether the text wants a string, a list of them or an object of them.
    const arg: unknown = new Proxy(
      {},
      {
        get: (_, k) => {
          if (k === Symbol.toPrimitive || k === 'join') return () => '7';
          const method: unknown = typeof k === 'string' ? Reflect.get(String.prototype, k) : undefined;
          return typeof method === 'function' ? (method as () => unknown).bind('7') : '7';
        },
      },
    );
    const out: unknown = (value as (...a: unknown[]) => unknown)(arg, arg, arg, arg);
    return dictionaryTexts(out);
  }
  if (Array.isArray(value)) return value.flatMap(dictionaryTexts);
  if (value && typeof value === 'object')
    return 'text' in value ? [String(value.text)] : Object.values(value).flatMap(dictionaryTexts);
  return [];
}

/** The keys of a dictionary, nested, in order. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}.${k}`));
}

describe('the English rendering', () => {
  it('has every text of each dictionary in both languages, and the English ones carry no Vietnamese', () => {
    for (const dict of [FORM, REPORT_TEXTS, DIGEST_TEXTS]) {
      expect(keysOf(dict.en)).toEqual(keysOf(dict.vi));
      const en = dictionaryTexts(dict.en);
      expect(en.length).toBeGreaterThan(5);
      for (const text of en) {
        expect(text.trim(), JSON.stringify(dict.en).slice(0, 40)).not.toBe('');
        // Letters of Vietnamese only (precomposed, with their diacritics): none in English.
        expect(text, text).not.toMatch(
          /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu,
        );
      }
    }
  });

  it('writes the form as official translations do: motto, number, place and date, recipients, signer', () => {
    expect(placeDateLine('Đắk Lắk', '2027-02-05', 'en')).toBe('Đắk Lắk, 5 February 2027');
    expect(placeDateLine(null, '2026-12-03', 'en')).toBe('……, 3 December 2026');
    expect(numberLine('SNV', null, 'en')).toMatch(/^No\.:\s+\/BC-SNV$/);
    expect(FORM.en.signerTitle('GIÁM ĐỐC')).toBe('DIRECTOR');
    expect(FORM.en.signerTitle('PHÓ GIÁM ĐỐC')).toBe('DEPUTY DIRECTOR');
    expect(FORM.en.signerTitle('KT. GIÁM ĐỐC')).toBe('FOR THE DIRECTOR');
    expect(FORM.en.signerTitle('TM. ỦY BAN NHÂN DÂN')).toBe("ON BEHALF OF THE PEOPLE'S COMMITTEE");
    expect(FORM.en.signerTitle('Trưởng phòng Nội vụ')).toBe('Trưởng phòng Nội vụ');
    // Every title the directory's kinds of body give has an English form.
    for (const body of [
      'Ủy ban nhân dân xã A',
      'Văn phòng X',
      'Sở Nội vụ',
      'Phòng Y',
      'Ban Z',
      'Thanh tra tỉnh',
      'Bộ phận một cửa',
    ])
      expect(SIGNER_TITLES_EN[headTitleOf(body)!], body).toBeDefined();

    const doc = reportDocument(fixture, reportIssuing(fixture, {}), 'en');
    expect(doc.lang).toBe('en');
    expect(doc.header).toMatchObject({
      body: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HẢI',
      placeDate: 'Đông Hải, 15 March 2027',
    });
    expect(doc.header.number).toMatch(/^No\.:\s+\/BC-UBND$/);
    expect(doc.type).toBe('REPORT');
    expect(doc.summary).toBe(
      'Results of the implementation of Kế hoạch cải cách hành chính năm 2027 của phường Đông Hải, Month 3/2027 (15/02 – 14/03/2027)',
    );
    expect(doc.recipients.at(-1)).toBe('Archived: Clerical Office.');
    expect(doc.signer).toEqual({
      authority: "ON BEHALF OF THE PEOPLE'S COMMITTEE",
      title: 'CHAIRPERSON',
      name: '',
    });
    expect(doc.appendices.map((a) => a.label)).toEqual(['Appendix I', 'Appendix II', 'Appendix III']);
    expect(doc.appendices[0]!.reference).toMatch(
      /^\(Attached to Report No\.\s+\/BC-UBND dated 15 March 2027 of Ủy ban nhân dân phường Đông Hải\)$/,
    );
  });

  it('keeps names as the plan writes them, numbers with a decimal point, and no Vietnamese fixed word', () => {
    const doc = reportDocument(fixture, reportIssuing(fixture, {}), 'en');
    const text = allText(doc);
    for (const u of fixture.byUnit) expect(text).toContain(u.unit.name);
    expect(text).toContain(fixture.plan.title);
    expect(text).toContain('rose by 2.5 percentage points');
    expect(text).toContain('71.4 %');
    expect(text).toContain('with figures as of the end of 14 March 2027');
    expect(text).not.toMatch(/\d,\d %/);
    // Everything but the names: no Vietnamese fixed word.
    const names = [
      fixture.plan.title,
      ...fixture.byUnit.map((u) => u.unit.name),
      ...fixture.byArea.map((a) => a.area.title),
      'ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HẢI',
      'Ủy ban nhân dân phường Đông Hải',
      'Đông Hải',
    ];
    const fixed = doc.blocks
      .flatMap((b) =>
        b.kind === 'heading'
          ? [b.text]
          : b.kind === 'paragraph'
            ? [dictionaryTexts(b.runs).join('')]
            : b.kind === 'table'
              ? [...b.table.columns.map((c) => c.label), ...(b.table.footer ?? [])]
              : [],
      )
      .concat([
        doc.type,
        doc.header.number,
        doc.signer.title,
        doc.signer.authority ?? '',
        doc.recipients.at(-1)!,
      ])
      .concat(doc.appendices.flatMap((a) => [a.label, a.title, a.reference]))
      .map((t) => names.reduce((s, n) => s.split(n).join(''), t))
      .join('\n');
    for (const word of VIETNAMESE_FIXED) expect(fixed, word).not.toContain(word);
    // The Vietnamese rendering is unchanged by the option.
    expect(reportDocument(fixture, reportIssuing(fixture, {})).type).toBe('BÁO CÁO');
  });

  it('renders the digest in English, and both renderers say the same', async () => {
    const d = StoredDigest.parse(overdueWardDigest('cchc-2027-x', Date.parse('2027-03-08T01:00:00Z')));
    const ward = compileEntry(WARD_FIXTURE).ir;
    const report = ward.reports.find((r) => r.preparedBy)!;
    const issuing = issuingFrom({ ...issuingOf(ward, report), recipients: [] }, {}, [d.recipient.name]);
    const doc = digestDocument(d, ward.plan.title, issuing, 'en');
    expect(doc.header.placeDate).toBe('Tân Lập, 8 March 2027');
    expect(doc.recipients).toEqual(['Chủ tịch UBND phường;', 'Archived: Clerical Office.']);
    const text = allText(doc);
    expect(text).toContain('I. AGENCIES AND UNITS REQUIRING IMMEDIATE DIRECTION');
    expect(text).toContain('Level 2');
    expect(text).toContain('as of 08:00 on 8 March 2027');
    expect(text).not.toMatch(/Mức|CẦN CHỈ ĐẠO|Tính đến/);

    const pdf = await pdfText(await renderDocumentPdf(doc));
    for (const phrase of [
      'SOCIALIST REPUBLIC OF VIET NAM',
      'Independence - Freedom - Happiness',
      'Tân Lập, 8 March 2027',
      'REPORT',
      'Recipients:',
      'CHIEF OF OFFICE',
    ])
      expect(pdf).toContain(phrase);
    for (const word of ['CỘNG HÒA', 'Nơi nhận', 'BÁO CÁO']) expect(pdf).not.toContain(word);
    expect((await renderDocx(doc)).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 30_000);

  it('names the files in English', () => {
    expect(reportFilename(fixture, 'docx', 'en')).toMatch(/^report_.*\.docx$/);
    expect(reportFilename(fixture, 'docx')).toMatch(/^bao-cao_.*\.docx$/);
    expect(digestFilename({ planCode: 'cchc-2027', at: '2027-03-08T01:00:00Z' }, 'pdf', 'en')).toBe(
      'overdue-digest_cchc-2027_2027-03-08.pdf',
    );
  });
});
