// Regenerates the plan-import fixtures (test/fixtures/import/): the appendix task table of a province plan written
// as HTML, then opened and saved by LibreOffice as DOCX (Writer) and XLSX (Calc), so the files are what a real
// office suite writes (merged cells as vMerge/gridSpan and merged ranges). Needs `soffice` on PATH.
//
//   node scripts/make-import-fixtures.mjs              # into test/fixtures/import/
//   node scripts/make-import-fixtures.mjs --out DIR    # elsewhere (the test that checks the script)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const at = process.argv.indexOf('--out');
const out =
  at > 0
    ? process.argv[at + 1]
    : join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'import');
const NAME = 'ke-hoach-tinh-2027';
const FLAT = 'danh-muc-nhiem-vu-2027';

// A section row: [roman numeral, title]. A task row: [stt, task, lead, support, deadline, output].
// `null` in a cell means "merged with the cell above" (rowspan). Deadline phrases: every form of DOMAIN.md,
// some the plan language cannot say; unit names: abbreviations, a typo, units that are not in the directory.
const ROWS = [
  ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH'],
  [
    '1',
    'Ban hành Kế hoạch cải cách hành chính năm 2027 của cơ quan, đơn vị',
    'Các sở, ban, ngành',
    'Sở Nội vụ',
    'Trước ngày 31/01/2027',
    'Kế hoạch CCHC năm 2027 của cơ quan',
  ],
  [
    '2',
    'Ban hành Kế hoạch cải cách hành chính năm 2027 của UBND cấp xã',
    'UBND các xã, phường',
    'Sở Nội vụ',
    'Tháng 01/2027',
    'Kế hoạch CCHC năm 2027 của xã, phường',
  ],
  [
    '3',
    'Báo cáo CCHC định kỳ quý, 6 tháng, năm của các sở, ngành',
    'Các sở, ban, ngành',
    '',
    'Trước ngày 05 tháng cuối cùng của mỗi quý',
    'Báo cáo CCHC định kỳ',
  ],
  [
    '4',
    'Tổng hợp báo cáo CCHC của tỉnh gửi Bộ Nội vụ',
    'Sở Nội vụ',
    'Các sở, ban, ngành;<br>UBND các xã, phường',
    'Chậm nhất là ngày 20 của tháng cuối kỳ báo cáo',
    'Báo cáo CCHC của UBND tỉnh',
  ],
  [
    '5',
    'Báo cáo Chủ tịch UBND tỉnh tình hình thực hiện các chỉ tiêu CCHC của từng cơ quan, đơn vị',
    'Sở Nội vụ',
    '',
    'Định kỳ hàng tháng',
    'Báo cáo tháng',
  ],
  [
    '6',
    'Tự đánh giá, chấm điểm Chỉ số CCHC năm 2027 của cơ quan, đơn vị',
    'Các sở, ban, ngành',
    'Sở Nội vụ',
    'Trước ngày 25/11 hàng năm',
    'Báo cáo tự đánh giá và tài liệu kiểm chứng',
  ],
  [
    '7',
    'Thẩm định kết quả tự đánh giá Chỉ số CCHC của các cơ quan, đơn vị',
    'Sở Nội vụ',
    'Hội đồng thẩm định Chỉ số CCHC tỉnh',
    'Tháng 12/2027',
    'Quyết định công bố Chỉ số CCHC năm 2027',
  ],
  [
    '8',
    'Kiểm tra công tác CCHC tại các cơ quan, đơn vị',
    'Sở Nội vụ',
    'Thanh tra tỉnh',
    'Quý III/2027',
    'Thông báo kết luận kiểm tra',
  ],
  ['II', 'CẢI CÁCH THỂ CHẾ'],
  [
    '9',
    'Rà soát văn bản quy phạm pháp luật sau sắp xếp đơn vị hành chính',
    'Sở Tư pháp',
    'Các sở, ban, ngành',
    'Quý II',
    'Danh mục văn bản cần sửa đổi, bãi bỏ',
  ],
  [
    '10',
    'Kiểm tra văn bản QPPL của HĐND, UBND cấp xã',
    'Sở Tư pháp',
    'UBND các xã, phường',
    '6 tháng cuối năm',
    'Báo cáo kiểm tra văn bản',
  ],
  [
    '11',
    'Theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh',
    null,
    'Các sở, ban, ngành',
    'Trước ngày 10/12/2027',
    'Báo cáo theo dõi thi hành pháp luật',
  ],
  [
    '12',
    'Xây dựng dự thảo nghị quyết của HĐND tỉnh về phân cấp quản lý tài chính',
    'Sở Tài chính',
    'Sở Tư pháp',
    'Theo đúng thời gian quy định',
    'Dự thảo nghị quyết',
  ],
  [
    '13',
    'Phổ biến, giáo dục pháp luật về văn bản mới ban hành',
    'Sở Tư phám',
    'Đài Phát thanh và Truyền hình tỉnh',
    'Thường xuyên',
    'Tin, bài, chuyên mục pháp luật',
  ],
  ['III', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH'],
  ['§', '1. Kiểm soát, công bố thủ tục hành chính'],
  [
    '14',
    'Công bố danh mục thủ tục hành chính theo chính quyền địa phương hai cấp',
    'VP UBND tỉnh',
    'Các sở, ban, ngành',
    'Quý I/2027',
    'Quyết định công bố danh mục TTHC',
  ],
  [
    '15',
    'Giải quyết hồ sơ TTHC đúng hạn từ 95% trở lên',
    'UBND các xã, phường',
    'Trung tâm PVHCC tỉnh',
    'Thường xuyên, rà soát hằng tháng ngày 05',
    'Số liệu trên Hệ thống thông tin giải quyết TTHC',
  ],
  [
    '16',
    'Xin lỗi bằng văn bản khi giải quyết hồ sơ quá hạn',
    'UBND các xã, phường',
    '',
    'Trước 1 ngày hết hạn',
    'Thư xin lỗi',
  ],
  [
    '17',
    'Cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công quốc gia',
    'Các sở, ban, ngành',
    'VP UBND tỉnh',
    'Không quá 2 ngày làm việc',
    'TTHC được công khai đúng hạn',
  ],
  [
    '18',
    'Rà soát, đơn giản hóa thủ tục hành chính nội bộ',
    'VP UBND tỉnh',
    'Các sở, ban, ngành',
    'Trước ngày 05/6',
    'Phương án đơn giản hóa TTHC nội bộ',
  ],
  ['§', '2. Thực hiện cơ chế một cửa, một cửa liên thông'],
  [
    '19',
    'Báo cáo tình hình tiếp nhận, giải quyết hồ sơ TTHC',
    'Trung tâm Phục vụ hành chính công tỉnh',
    '',
    'Trước ngày 15 của tháng',
    'Báo cáo tháng về giải quyết TTHC',
  ],
  [
    '20',
    'Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp',
    'VP UBND tỉnh',
    'Sở Tư pháp',
    'Hằng tuần vào thứ sáu',
    'Tổng hợp phản ánh, kiến nghị',
  ],
  [
    '21',
    'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    'UBND các xã, phường',
    'Sở KH&amp;CN',
    'Tháng 6',
    'Tỷ lệ hồ sơ được số hóa',
  ],
  ['IV', 'CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC'],
  [
    '22',
    'Kiện toàn tổ chức bộ máy các cơ quan chuyên môn sau sắp xếp',
    'Sở Nội vụ',
    'Các sở, ban, ngành',
    'Quý II/2027',
    'Quyết định quy định chức năng, nhiệm vụ',
  ],
  [
    '23',
    'Sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập',
    'Sở Nội vụ',
    'Sở Tài chính, Sở Y tế, Sở GD&amp;ĐT',
    '6 tháng đầu năm',
    'Đề án sắp xếp đơn vị sự nghiệp',
  ],
  [
    '24',
    'Rà soát, điều chỉnh vị trí việc làm sau sắp xếp',
    'Các sở, ban, ngành',
    'Sở Nội vụ',
    'Đầu tháng 3/2027',
    'Đề án vị trí việc làm',
  ],
  [
    '25',
    'Đánh giá mô hình Trung tâm Phục vụ hành chính công',
    'Trung tâm PVHCC tỉnh',
    'Sở Nội vụ',
    'Giữa tháng 7',
    'Báo cáo đánh giá mô hình',
  ],
  ['V', 'CẢI CÁCH CHẾ ĐỘ CÔNG VỤ'],
  [
    '26',
    'Tuyển dụng công chức theo vị trí việc làm',
    'Sở Nội vụ',
    '',
    'Từ tháng 3 đến tháng 9/2027',
    'Kết quả tuyển dụng',
  ],
  [
    '27',
    'Đào tạo, bồi dưỡng cán bộ, công chức, viên chức',
    'Sở Nội vụ',
    'Các sở, ban, ngành;<br>UBND các xã, phường',
    'Hằng quý ngày 25 tháng cuối quý',
    'Báo cáo kết quả đào tạo, bồi dưỡng',
  ],
  [
    '28',
    'Đánh giá, xếp loại cán bộ, công chức, viên chức năm 2027',
    'Các sở, ban, ngành',
    'Sở Nội vụ',
    'Ngày 15/12/2027',
    'Kết quả đánh giá, xếp loại',
  ],
  [
    '29',
    'Kiểm tra công vụ, kỷ luật, kỷ cương hành chính',
    'Sở Nội vụ',
    'Thanh tra tỉnh, Công an tỉnh',
    'Cuối tháng 10',
    'Thông báo kết quả kiểm tra công vụ',
  ],
  [
    '30',
    'Thực hiện quy tắc ứng xử của cán bộ, công chức tại nơi làm việc',
    'Các sở, ban, ngành và UBND các xã, phường',
    '',
    'Năm 2027',
    'Báo cáo thực hiện quy tắc ứng xử',
  ],
  ['VI', 'CẢI CÁCH TÀI CHÍNH CÔNG'],
  [
    '31',
    'Giao dự toán ngân sách nhà nước năm 2027',
    'Sở Tài chính',
    'Các sở, ban, ngành',
    'Quý I',
    'Quyết định giao dự toán',
  ],
  [
    '32',
    'Đẩy nhanh giải ngân vốn đầu tư công',
    'Sở Tài chính',
    'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp tỉnh',
    'Hằng tháng ngày 25',
    'Báo cáo tiến độ giải ngân',
  ],
  [
    '33',
    'Thực hiện cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập',
    'Sở Tài chính',
    'Sở Nội vụ',
    'Quý IV/2027',
    'Phương án tự chủ tài chính',
  ],
  [
    '34',
    'Công khai dự toán ngân sách của tỉnh',
    'Sở Tài chính',
    '',
    '30 ngày sau ban hành',
    'Công khai trên Cổng thông tin điện tử tỉnh',
  ],
  ['VII', 'XÂY DỰNG, PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ'],
  [
    '35',
    'Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh',
    'Sở KH&amp;CN',
    'VP UBND tỉnh',
    'Quý II',
    'Hệ thống được nâng cấp',
  ],
  [
    '36',
    'Bảo đảm an toàn thông tin mạng cho các hệ thống dùng chung',
    'Sở Khoa học và Công nghệ',
    'Công an tỉnh',
    'Thường xuyên, rà soát hằng tháng ngày 10',
    'Báo cáo an toàn thông tin',
  ],
  [
    '37',
    'Triển khai chữ ký số cho 100% văn bản đi',
    'Sở TT&amp;TT',
    'Các sở, ban, ngành',
    'Ngày 30/10/2027 lúc 17:00',
    '100% văn bản đi được ký số',
  ],
  [
    '38',
    'Đánh giá mức độ chuyển đổi số của các cơ quan, đơn vị',
    'Sở Khoa học và Công nghệ',
    'UBND các xã, phường',
    'Hằng năm ngày 25/11',
    'Báo cáo đánh giá chuyển đổi số',
  ],
  [
    '39',
    'Thúc đẩy thanh toán trực tuyến phí, lệ phí',
    'Sở Tài chính',
    'Sở Khoa học và Công nghệ, Kho bạc Nhà nước khu vực XIII',
    'Tháng 9/2027',
    'Tỷ lệ thanh toán trực tuyến',
  ],
  ['VIII', 'CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH'],
  [
    '40',
    'Tuyên truyền CCHC trên báo, đài địa phương',
    'Đài PT-TH tỉnh',
    'Sở Nội vụ',
    'Hằng tháng ngày 28',
    'Chuyên mục CCHC hằng tháng',
  ],
  [
    '41',
    'Tổ chức Cuộc thi tìm hiểu về cải cách hành chính',
    'Sở Nội vụ',
    'Sở VHTTDL',
    'Quý III',
    'Kết quả Cuộc thi',
  ],
  [
    '42',
    'Khảo sát sự hài lòng của người dân, tổ chức',
    'Sở Nội vụ',
    '',
    'Hằng quý ngày 15 tháng đầu quý',
    'Kết quả khảo sát',
  ],
  ['IX', 'KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH'],
  [
    '43',
    'Kiểm tra CCHC tại UBND các xã, phường',
    'Sở Nội vụ',
    'Sở Tư pháp',
    '6 tháng cuối năm',
    'Thông báo kết luận kiểm tra',
  ],
  [
    '44',
    'Kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương',
    'Sở Nội vụ',
    '',
    'Khi có yêu cầu',
    'Biên bản kiểm tra',
  ],
  [
    '45',
    'Theo dõi việc khắc phục tồn tại sau kiểm tra',
    '',
    'Các cơ quan, đơn vị liên quan',
    'Trong vòng 10 ngày làm việc sau kiểm tra',
    'Báo cáo khắc phục',
  ],
  [
    '46',
    'Tổng kết công tác CCHC năm 2027',
    'Sở Nội vụ',
    'Các sở, ban, ngành',
    'Định kỳ quý, 6 tháng, năm, chậm nhất ngày 20 tháng cuối kỳ',
    'Báo cáo tổng kết CCHC năm 2027',
  ],
];

// Cells merged downwards: a row's cell that is `null` extends the nearest cell above it in that column.
function rowspans() {
  const spans = ROWS.map((r) => r.map(() => 1));
  ROWS.forEach((r, i) => {
    r.forEach((c, j) => {
      if (c !== null) return;
      let k = i - 1;
      while (ROWS[k][j] === null) k--;
      spans[k][j]++;
    });
  });
  return spans;
}

function html() {
  const spans = rowspans();
  const body = ROWS.map((r, i) => {
    if (r.length === 2 && r[0] === '§') return `<tr><td colspan="6"><i>${r[1]}</i></td></tr>`;
    if (r.length === 2)
      // Sections written both ways offices write them: numeral in its own cell, or one merged cell.
      return i % 2
        ? `<tr><td align="center"><b>${r[0]}</b></td><td colspan="5"><b>${r[1]}</b></td></tr>`
        : `<tr><td colspan="6"><b>${r[0]}. ${r[1]}</b></td></tr>`;
    return (
      '<tr>' +
      r
        .map((c, j) =>
          c === null
            ? ''
            : `<td${spans[i][j] > 1 ? ` rowspan="${spans[i][j]}"` : ''}${j === 0 ? ' align="center"' : ''}>${c}</td>`,
        )
        .join('') +
      '</tr>'
    );
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch CCHC năm 2027</title>
<style>body{font-family:"Times New Roman";font-size:13pt} td,th{border:1px solid #000;vertical-align:top}
table.head td{border:none;text-align:center}</style></head><body>
<table class="head" width="100%"><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH ĐẮK LẮK</b></td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b></td></tr>
<tr><td>Số: 3012/KH-UBND</td><td><i>Đắk Lắk, ngày 25 tháng 12 năm 2026</i></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p>
<p align="center"><b>Cải cách hành chính nhà nước tỉnh Đắk Lắk năm 2027</b></p>
<p>Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính
nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2027 với các nhiệm vụ
tại Phụ lục kèm theo.</p>
<p align="center"><b>Phụ lục</b><br><b>DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027</b><br>
<i>(Kèm theo Kế hoạch số 3012/KH-UBND ngày 25/12/2026 của UBND tỉnh Đắk Lắk)</i></p>
<table border="1" cellspacing="0" width="100%">
<tr><th rowspan="2">STT</th><th rowspan="2">Nội dung nhiệm vụ</th><th colspan="2">Cơ quan thực hiện</th>
<th rowspan="2">Thời gian hoàn thành</th><th rowspan="2">Sản phẩm</th></tr>
<tr><th>Chủ trì</th><th>Phối hợp</th></tr>
<tr><td align="center"><i>(1)</i></td><td align="center"><i>(2)</i></td><td align="center"><i>(3)</i></td>
<td align="center"><i>(4)</i></td><td align="center"><i>(5)</i></td><td align="center"><i>(6)</i></td></tr>
${body}
</table>
<p><b>Nơi nhận:</b><br>- Bộ Nội vụ;<br>- Các sở, ban, ngành;<br>- UBND các xã, phường;<br>- Lưu: VT, SNV.</p>
</body></html>
`;
}

// The same tasks as another office lays them out (the second fixture, Excel only): one header row with other
// words ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn hoàn thành", "Kết quả/sản phẩm"), the PAR-index criterion
// and a note column, each section's numeral in its own cell, no column-number row.
const CRITERIA = {
  I: '1.1',
  II: '2.1',
  III: '3.1',
  IV: '4.1',
  V: '5.1',
  VI: '6.1',
  VII: '7.1',
  VIII: '1.4',
  IX: '1.3',
};
function flatHtml() {
  const spans = rowspans();
  let criterion = '';
  const body = ROWS.map((r, i) => {
    if (r.length === 2 && r[0] === '§') return `<tr><td></td><td colspan="6"><i>${r[1]}</i></td></tr>`;
    if (r.length === 2) {
      criterion = CRITERIA[r[0]];
      return `<tr><td align="center"><b>${r[0]}</b></td><td colspan="6"><b>${r[1]}</b></td></tr>`;
    }
    const note = r[0] === '9' ? 'Nhiệm vụ chuyển tiếp từ năm 2026' : '';
    const cells = r.map((c, j) =>
      c === null ? '' : `<td${spans[i][j] > 1 ? ` rowspan="${spans[i][j]}"` : ''}>${c}</td>`,
    );
    return `<tr>${cells.join('')}<td>${criterion}</td><td>${note}</td></tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Danh mục nhiệm vụ CCHC năm 2027</title></head><body>
<p><b>UBND TỈNH ĐẮK LẮK</b></p>
<p><b>DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027</b></p>
<table border="1" cellspacing="0">
<tr><th>TT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th><th>Thời hạn hoàn thành</th>
<th>Kết quả/sản phẩm</th><th>Tiêu chí</th><th>Ghi chú</th></tr>
${body}
</table>
</body></html>
`;
}

const work = mkdtempSync(join(tmpdir(), 'dondoc-import-fixtures-'));
try {
  const src = join(work, `${NAME}.html`);
  writeFileSync(src, html());
  const soffice = (filter, target, input = src) =>
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${work}/profile`,
        '--headless',
        `--infilter=${filter}`,
        '--convert-to',
        target,
        '--outdir',
        work,
        input,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  soffice('HTML (StarWriter)', 'docx:MS Word 2007 XML');
  soffice('HTML (StarCalc)', 'xlsx:Calc MS Excel 2007 XML');
  for (const ext of ['docx', 'xlsx']) copyFileSync(join(work, `${NAME}.${ext}`), join(out, `${NAME}.${ext}`));
  writeFileSync(join(work, `${FLAT}.html`), flatHtml());
  soffice('HTML (StarCalc)', 'xlsx:Calc MS Excel 2007 XML', join(work, `${FLAT}.html`));
  copyFileSync(join(work, `${FLAT}.xlsx`), join(out, `${FLAT}.xlsx`));
  console.log(
    `${out}: ${NAME}.docx, ${NAME}.xlsx, ${FLAT}.xlsx: ${ROWS.filter((r) => r.length > 2).length} task rows`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
