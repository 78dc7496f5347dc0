/**
 * The fixed parts of the Decree 30 form in each language: the national name and motto, the number and
 * place-date lines, the document type, "Nơi nhận:", the archive line, the appendices' labels and the signer's
 * titles. English follows the forms Vietnamese agencies use in their official translations ("SOCIALIST
 * REPUBLIC OF VIET NAM", "No.:", "Recipients:", "ON BEHALF OF THE PEOPLE'S COMMITTEE"). Names (of bodies,
 * places, plans) are never translated: they are proper names.
 */
import { formatDateInText, type Lang } from '../../presentation/index.js';

export type { Lang };

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

/** The blank the register fills in. */
const BLANK = '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0';

export interface FormTexts {
  /** BCP 47 tag of the file (DOCX and PDF metadata). */
  locale: string;
  nation: string;
  motto: string;
  /** "Số:      /BC-SNV". */
  number(symbol: string, number: string | null): string;
  /** "Đắk Lắk, ngày 05 tháng 02 năm 2027"; dots stand for a place that is not known. */
  placeDate(place: string | null, localDate: string): string;
  /** The document type, "BÁO CÁO", and its name inside a sentence, "Báo cáo". */
  type: string;
  typeName: string;
  recipients: string;
  /** The last recipient: the office's own archive copy. */
  archive: string;
  /** "Phụ lục II". */
  appendix(n: number): string;
  /** "(Kèm theo Báo cáo số      /BC-SNV ngày 20/3/2027 của Sở Nội vụ)". */
  appendixReference(o: { symbol: string; number: string | null; date: string; body: string }): string;
  /** "A, B, C, D và 2 đơn vị khác". */
  andOthers(names: string, others: string): string;
  /** Upper case by the language's rules (the headers, the appendix labels). */
  upper(s: string): string;
  /** The signer's authority and title in this language; a title the dictionary does not know stays as given. */
  signerTitle(title: string): string;
}

/** Vietnamese upper case (the language's own rules: "đ" → "Đ"). */
const upperVi = (s: string) => s.toLocaleUpperCase('vi');

/**
 * Signers' titles in English, as official translations write them. The Vietnamese side is what the directory
 * and headTitleOf give (upper case); "PHÓ …" is the deputy of the same title.
 */
export const SIGNER_TITLES_EN: Readonly<Record<string, string>> = {
  'CHỦ TỊCH': 'CHAIRPERSON',
  'PHÓ CHỦ TỊCH': 'VICE CHAIRPERSON',
  'PHÓ CHỦ TỊCH THƯỜNG TRỰC': 'STANDING VICE CHAIRPERSON',
  'GIÁM ĐỐC': 'DIRECTOR',
  'CHÁNH VĂN PHÒNG': 'CHIEF OF OFFICE',
  'TRƯỞNG PHÒNG': 'HEAD OF DIVISION',
  'TRƯỞNG BAN': 'HEAD OF BOARD',
  'CHÁNH THANH TRA': 'CHIEF INSPECTOR',
  'TRƯỞNG BỘ PHẬN': 'HEAD OF SECTION',
  'THỦ TRƯỞNG CƠ QUAN': 'HEAD OF AGENCY',
  'ỦY BAN NHÂN DÂN': "PEOPLE'S COMMITTEE",
};

/** "TM." (on behalf of a collective), "KT." (signing for the head), "TL." (by order), "Q." (acting). */
const AUTHORITY_EN: readonly [RegExp, string][] = [
  [/^TM\.\s*/u, 'ON BEHALF OF THE '],
  [/^KT\.\s*/u, 'FOR THE '],
  [/^TL\.\s*/u, 'BY ORDER OF THE '],
  [/^Q\.\s*/u, 'ACTING '],
];

function titleEn(title: string): string {
  const t = upperVi(title.normalize('NFC').trim()).replace(/\s+/g, ' ').replace('UỶ', 'ỦY');
  for (const [re, en] of AUTHORITY_EN)
    if (re.test(t)) {
      const rest = titleEn(t.replace(re, ''));
      return rest === t.replace(re, '') ? title : `${en}${rest}`;
    }
  const known = SIGNER_TITLES_EN[t];
  if (known) return known;
  if (t.startsWith('PHÓ ')) {
    const head = SIGNER_TITLES_EN[t.slice(4)];
    if (head) return `DEPUTY ${head}`;
  }
  return title;
}

const VI: FormTexts = {
  locale: 'vi-VN',
  nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  number: (symbol, number) => `Số: ${number ?? BLANK}/BC-${symbol}`,
  placeDate(place, localDate) {
    // The decree writes days below 10 and the months 1 and 2 with a leading zero.
    const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
    const day = String(d).padStart(2, '0');
    const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
    return `${place ?? '……'}, ngày ${day} tháng ${month} năm ${y}`;
  },
  type: 'BÁO CÁO',
  typeName: 'Báo cáo',
  recipients: 'Nơi nhận:',
  archive: 'Lưu: VT.',
  appendix: (n) => `Phụ lục ${ROMAN[n - 1]}`,
  appendixReference: (o) =>
    `(Kèm theo Báo cáo số ${o.number ?? BLANK}/BC-${o.symbol} ngày ${o.date} của ${o.body})`,
  andOthers: (names, others) => `${names} và ${others} đơn vị khác`,
  upper: upperVi,
  signerTitle: (title) => title,
};

const EN: FormTexts = {
  locale: 'en-GB',
  nation: 'SOCIALIST REPUBLIC OF VIET NAM',
  motto: 'Independence - Freedom - Happiness',
  number: (symbol, number) => `No.: ${number ?? BLANK}/BC-${symbol}`,
  placeDate: (place, localDate) => `${place ?? '……'}, ${formatDateInText(localDate, 'en')}`,
  type: 'REPORT',
  typeName: 'Report',
  recipients: 'Recipients:',
  archive: 'Archived: Clerical Office.',
  appendix: (n) => `Appendix ${ROMAN[n - 1]}`,
  appendixReference: (o) =>
    `(Attached to Report No. ${o.number ?? BLANK}/BC-${o.symbol} dated ${o.date} of ${o.body})`,
  andOthers: (names, others) => `${names} and ${others} other units`,
  // Names keep their Vietnamese letters in capitals.
  upper: upperVi,
  signerTitle: titleEn,
};

export const FORM: Readonly<Record<Lang, FormTexts>> = { vi: VI, en: EN };
