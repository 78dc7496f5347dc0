// Unit names as officials type them, matched to a directory: accents and case, initials, groups, typos, lists.
import { describe, expect, it } from 'vitest';
import { headerFacts } from '../../apps/importing/index.js';
import { areaOf, findTaskTable } from '../../apps/importing/structure.js';
import type { SourceDocument } from '../../apps/importing/table.js';
import { fold, nameTokens, oneLine, quoted } from '../../apps/importing/text.js';
import { directoryEntry, UnitDirectory } from '../../apps/importing/units.js';

const dir = new UnitDirectory([
  directoryEntry('ubnd_tinh', 'Ủy ban nhân dân tỉnh Đắk Lắk', 'unit'),
  directoryEntry('van_phong_ubnd', 'Văn phòng UBND tỉnh', 'unit'),
  directoryEntry('so_noi_vu', 'Sở Nội vụ', 'unit'),
  directoryEntry('so_tu_phap', 'Sở Tư pháp', 'unit'),
  directoryEntry('so_kh_cn', 'Sở Khoa học và Công nghệ', 'unit'),
  directoryEntry('so_gd_dt', 'Sở Giáo dục và Đào tạo', 'unit'),
  directoryEntry('so_vh_tt_dl', 'Sở Văn hóa, Thể thao và Du lịch', 'unit'),
  directoryEntry('trung_tam_hcc', 'Trung tâm Phục vụ hành chính công tỉnh', 'unit'),
  directoryEntry('cac_so', 'Các sở, ban, ngành thuộc UBND tỉnh', 'group'),
  directoryEntry('cac_xa_phuong', 'UBND các xã, phường', 'group'),
]);
const ids = (text: string) => dir.match(text).map((m) => m.entry?.id ?? `?${m.text}`);

describe('one name', () => {
  it.each([
    ['Sở Nội vụ', 'so_noi_vu', 'exact'],
    ['SỞ NỘI VỤ', 'so_noi_vu', 'exact'],
    ['So noi vu', 'so_noi_vu', 'exact'],
    ['Sở KH&CN', 'so_kh_cn', 'abbreviation'],
    ['Sở KHCN', 'so_kh_cn', 'abbreviation'],
    ['Sở GD&ĐT', 'so_gd_dt', 'abbreviation'],
    ['Sở VHTTDL', 'so_vh_tt_dl', 'abbreviation'],
    ['VP UBND tỉnh', 'van_phong_ubnd', 'abbreviation'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'van_phong_ubnd', 'exact'],
    ['Trung tâm PVHCC tỉnh', 'trung_tam_hcc', 'abbreviation'],
    ['UBND các xã, phường', 'cac_xa_phuong', 'exact'],
    ['Các sở, ban, ngành', 'cac_so', 'prefix'],
    ['UBND tỉnh', 'ubnd_tinh', 'prefix'],
    ['Sở Tư phám', 'so_tu_phap', 'typo'],
    ['Sở Giáo dục và Đào tao', 'so_gd_dt', 'exact'],
  ])('%s → %s (%s)', (text, id, how) => {
    expect(dir.matchOne(text)).toMatchObject({ entry: { id }, how });
  });

  it.each(['Sở TT&TT', 'Kho bạc Nhà nước khu vực XIII', 'Các cơ quan, đơn vị liên quan', 'Sở', ''])(
    '%s matches nothing',
    (text) => {
      expect(dir.matchOne(text)).toBeUndefined();
    },
  );
});

describe('a cell naming several', () => {
  it('splits at commas, semicolons, line breaks and "và", keeping names that contain them whole', () => {
    expect(ids('Sở Nội vụ, Sở Tư pháp')).toEqual(['so_noi_vu', 'so_tu_phap']);
    expect(ids('Sở Nội vụ;\nSở Tư pháp')).toEqual(['so_noi_vu', 'so_tu_phap']);
    expect(ids('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['so_vh_tt_dl']);
    expect(ids('Các sở, ban, ngành và UBND các xã, phường')).toEqual(['cac_so', 'cac_xa_phuong']);
    expect(ids('Sở Khoa học và Công nghệ, Sở GD&ĐT')).toEqual(['so_kh_cn', 'so_gd_dt']);
  });

  it('keeps an unknown name whole, and apart from the next unit', () => {
    expect(ids('Sở Nội vụ, Kho bạc Nhà nước khu vực XIII')).toEqual([
      'so_noi_vu',
      '?Kho bạc Nhà nước khu vực XIII',
    ]);
    expect(ids('Các cơ quan, đơn vị liên quan')).toEqual(['?Các cơ quan, đơn vị liên quan']);
    expect(ids('Hội đồng thẩm định, Sở TT&TT')).toEqual(['?Hội đồng thẩm định', '?Sở TT&TT']);
  });
});

describe('text', () => {
  it('folds accents, đ and case; drops "và" and punctuation; spells out UBND', () => {
    expect(fold('Sở Giáo dục & Đào tạo')).toBe('so giao duc & dao tao');
    expect(nameTokens('UBND các xã, phường')).toEqual(['uy', 'ban', 'nhan', 'dan', 'cac', 'xa', 'phuong']);
    expect(nameTokens('Sở KH&CN')).toEqual(['so', 'kh', 'cn']);
  });

  it('writes plan strings on one line, straight quotes made typographic', () => {
    expect(oneLine('Thực hiện cơ chế\n"một cửa"')).toBe('Thực hiện cơ chế “một cửa”');
    expect(quoted('a "b" c')).toBe('"a “b” c"');
  });

  it('reads the title, number, date and year around the table', () => {
    expect(
      headerFacts([
        'ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK',
        'Số: 3012/KH-UBND',
        'Đắk Lắk, ngày 25 tháng 12 năm 2026',
        'KẾ HOẠCH',
        'Cải cách hành chính nhà nước tỉnh Đắk Lắk năm 2027',
      ]),
    ).toEqual({
      title: 'Kế hoạch cải cách hành chính nhà nước tỉnh Đắk Lắk năm 2027',
      number: '3012/KH-UBND',
      date: '25/12/2026',
      year: 2027,
    });
    // Without a title: a plan dated late in the year is next year's.
    expect(headerFacts(['Krông Năng, ngày 9 tháng 11 năm 2022']).year).toBe(2023);
  });

  it('section headings name reform areas', () => {
    expect(areaOf('II. CẢI CÁCH THỂ CHẾ')).toBe('thể chế');
    expect(areaOf('VII. XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ')).toBe('chính quyền số');
    expect(areaOf('III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH')).toBe('thủ tục hành chính');
    expect(areaOf('IX. KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH')).toBe('kiểm tra');
    expect(areaOf('X. NHIỆM VỤ KHÁC')).toBeUndefined();
  });
});

describe('tables laid out otherwise', () => {
  const grid = (rows: string[][]): SourceDocument => ({
    kind: 'xlsx',
    paragraphs: [],
    tables: [
      {
        index: 1,
        sheet: 'Phụ lục',
        rows: rows.map((r, i) => r.map((text, j) => ({ text, origin: [i, j] as const }))),
        rowNumber: (i) => i + 1,
        columnName: (j) => String.fromCharCode(65 + j),
      },
    ],
  });

  it('one "Cơ quan thực hiện" column, "Thời gian thực hiện", "Kết quả" and a title row above the header', () => {
    const doc = grid([
      ['DANH MỤC NHIỆM VỤ', '', '', '', ''],
      ['TT', 'Tên nhiệm vụ', 'Cơ quan thực hiện', 'Thời gian thực hiện', 'Kết quả'],
      ['I', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', ''],
      ['1', 'Rà soát thủ tục', 'Sở Nội vụ', 'Quý II', 'Báo cáo'],
    ]);
    const found = findTaskTable(doc)!;
    expect(found.columns.at).toEqual({ stt: 0, task: 1, lead: 2, deadline: 3, output: 4 });
    expect(found.rows.map((r) => r.kind)).toEqual(['heading', 'task']);
  });

  it('no task table: nothing that names a task, a lead and a deadline', () => {
    expect(findTaskTable(grid([['Họ và tên', 'Chức vụ', 'Ghi chú']]))).toBeUndefined();
  });
});
