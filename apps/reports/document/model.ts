/**
 * An administrative document in the form of Decree 30/2020/NĐ-CP (Appendix I): the header blocks, the document
 * type and summary, the body, "Nơi nhận:" and the signature block, and landscape appendices for wide tables.
 * Reports and the chairperson's digest are built into this model once; the DOCX and PDF renderers only lay it
 * out, so both files carry the same words.
 */

import { FORM, type Lang } from './form-texts.js';

export { ROMAN } from './form-texts.js';
export type { Lang };

/** Running text: a plain string, or a part with its own emphasis. */
export type Run = string | { text: string; bold?: boolean; italic?: boolean };

export interface TableColumn {
  label: string;
  /** Relative width: the renderers share the text width in these proportions. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface DocTable {
  columns: TableColumn[];
  rows: string[][];
  /** A total line, bold: one text per column ('' for an empty cell). */
  footer?: string[];
}

export type Block =
  /** "I. KẾT QUẢ THỰC HIỆN" (level 1, bold), "1. Kết quả theo lĩnh vực" (level 2, bold). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** A body paragraph: justified, first line indented. */
  | { kind: 'paragraph'; runs: Run[] }
  /** Items that each start with "-". */
  | { kind: 'list'; items: Run[][] }
  | { kind: 'table'; table: DocTable; caption?: string };

export interface Appendix {
  /** "Phụ lục I". */
  label: string;
  title: string;
  /** "(Kèm theo Báo cáo số      /BC-SNV ngày … của Sở Nội vụ)". */
  reference: string;
  landscape: boolean;
  blocks: Block[];
}

export interface AdminDocument {
  /** The language of every fixed text (form-texts.ts); names stay as the plan writes them. */
  lang: Lang;
  header: {
    /** The superior body, when there is one: "UBND TỈNH ĐẮK LẮK" (upper case, regular). */
    parent: string | null;
    /** The issuing body: "SỞ NỘI VỤ" (upper case, bold). */
    body: string;
    /** "Số:      /BC-SNV": the number is left for the register unless one is given. */
    number: string;
    /** "Đắk Lắk, ngày 20 tháng 3 năm 2027". */
    placeDate: string;
  };
  /** "BÁO CÁO". */
  type: string;
  /** "Kết quả thực hiện … tháng 3/2027" (centered, bold, under the type). */
  summary: string;
  /** A line under the summary in italics, e.g. the interim notice. */
  notice?: string;
  blocks: Block[];
  /** The recipients, the archive line last ("Lưu: VT."). */
  recipients: string[];
  signer: {
    /** "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC": the authority line, when there is one. */
    authority?: string;
    title: string;
    /** Empty: signed by hand. */
    name: string;
  };
  appendices: Appendix[];
  /** Title and author in the file's properties. */
  meta: { title: string; author: string; subject: string; createdAt: string };
}

/** Where a document comes from: the issuing body and its parent, with the settings the office can give. */
export interface Issuing {
  /** "Sở Nội vụ". */
  bodyName: string;
  /** "Ủy ban nhân dân tỉnh Đắk Lắk", or null for a body without a superior in the header. */
  parentName: string | null;
  /** The symbol after "BC-": SNV, UBND. */
  symbol: string;
  place: string | null;
  signer: { authority?: string; title: string; name: string };
  /** The register's number, when one is given; otherwise the number is left blank. */
  number: string | null;
  /** "Chủ tịch UBND tỉnh;": as the plan names them; the document adds its archive line. */
  recipients: string[];
}

/** The head's title by the kind of body its name says, for a body whose head the directory does not give. */
const HEAD_BY_NAME: readonly [RegExp, string][] = [
  [/^(Ủy|Uỷ) ban nhân dân|^UBND/iu, 'CHỦ TỊCH'],
  [/^Văn phòng/iu, 'CHÁNH VĂN PHÒNG'],
  [/^(Sở|Trung tâm)(\s|$)/iu, 'GIÁM ĐỐC'],
  [/^Phòng(\s|$)/iu, 'TRƯỞNG PHÒNG'],
  [/^Ban(\s|$)/iu, 'TRƯỞNG BAN'],
  [/^Thanh tra/iu, 'CHÁNH THANH TRA'],
  [/^Bộ phận/iu, 'TRƯỞNG BỘ PHẬN'],
];

export function headTitleOf(bodyName: string): string | null {
  return HEAD_BY_NAME.find(([re]) => re.test(bodyName.normalize('NFC')))?.[1] ?? null;
}

/** A people's committee signs on behalf of the collective: "TM. ỦY BAN NHÂN DÂN" above the chair's title. */
export function authorityOf(bodyName: string): string | null {
  return /^(Ủy|Uỷ) ban nhân dân|^UBND/iu.test(bodyName.normalize('NFC')) ? 'TM. ỦY BAN NHÂN DÂN' : null;
}

/** Vietnamese upper case (the language's own rules: "đ" → "Đ"). */
export const upper = (s: string) => s.toLocaleUpperCase('vi');

/**
 * The superior's name as the header prints it: the decree allows "UBND" for "Ủy ban nhân dân".
 */
export function parentLine(name: string): string {
  return upper(name.replace(/^(Ủy|Uỷ) ban nhân dân\b/i, 'UBND'));
}

/**
 * "Sở Nội vụ" → "SNV", "Văn phòng HĐND và UBND phường" → "VP", "Ủy ban nhân dân tỉnh Đắk Lắk" → "UBND": the
 * initials of the body's own name, before a place word, an acronym of another body or "và".
 */
export function symbolOf(name: string): string {
  const n = name.normalize('NFC').trim();
  if (/^(Ủy|Uỷ) ban nhân dân(\s|$)|^UBND(\s|$)/iu.test(n)) return 'UBND';
  const words = n.split(/\s+/);
  const stop = (w: string) =>
    /^(tỉnh|thành|xã|phường|huyện|quận|thị|đặc|và|của)$/iu.test(w) || /^[\p{Lu}]{2,}$/u.test(w);
  const cut = words.findIndex((w, i) => i > 0 && stop(w));
  const initials = (cut > 0 ? words.slice(0, cut) : words)
    .map((w) => w.replace(/[^\p{L}]/gu, '').charAt(0))
    .join('');
  const letters = initials
    .replace(/[đĐ]/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return letters.toUpperCase() || 'VP';
}

/** The place a body's documents are dated at: the province, city or commune in its name ("Đắk Lắk"). */
export function placeOf(...names: (string | null | undefined)[]): string | null {
  for (const name of names) {
    const m = /(?:^|\s)(?:tỉnh|thành phố|xã|phường|đặc khu)\s+(.+)$/iu.exec(name?.normalize('NFC') ?? '');
    if (m) return m[1]!.trim();
  }
  return null;
}

/** The signer's title from the head's title, "Giám đốc Sở Nội vụ" → "GIÁM ĐỐC"; null when none is given. */
export function titleOf(head: string | null | undefined): string | null {
  if (!head) return null;
  const m = /^(.*?)\s+(UBND|Ủy ban|Uỷ ban|Sở|Ban|Văn phòng|Trung tâm|Thanh tra|Công an|Bộ)(?=\s|$)/u.exec(
    head,
  );
  const title = (m ? m[1]! : head).trim();
  return title ? upper(title) : null;
}

/**
 * "Đắk Lắk, ngày 05 tháng 02 năm 2027": the decree writes days below 10 and the months 1 and 2 with a leading
 * zero. Without a place, dots stand for it. English: "Đắk Lắk, 5 February 2027".
 */
export function placeDateLine(place: string | null, localDate: string, lang: Lang = 'vi'): string {
  return FORM[lang].placeDate(place, localDate);
}

/** "Số:      /BC-SNV" (a blank the register fills in), or the given number; "No.:      /BC-SNV". */
export function numberLine(symbol: string, number: string | null, lang: Lang = 'vi'): string {
  return FORM[lang].number(symbol, number);
}

/** "(Kèm theo Báo cáo số      /BC-SNV ngày 20/3/2027 của Sở Nội vụ)", "(Attached to Report No. … dated …)". */
export function appendixReference(issuing: Issuing, dateText: string, lang: Lang = 'vi'): string {
  return FORM[lang].appendixReference({
    symbol: issuing.symbol,
    number: issuing.number,
    date: dateText,
    body: issuing.bodyName,
  });
}

/** The header, recipients and signer of a document issued by `issuing` on `localDate`, in `lang`. */
export function formParts(
  issuing: Issuing,
  localDate: string,
  lang: Lang,
): Pick<AdminDocument, 'lang' | 'header' | 'type' | 'recipients' | 'signer'> {
  const form = FORM[lang];
  const { authority, title, name } = issuing.signer;
  return {
    lang,
    header: {
      parent: issuing.parentName ? parentLine(issuing.parentName) : null,
      body: upper(issuing.bodyName),
      number: numberLine(issuing.symbol, issuing.number, lang),
      placeDate: placeDateLine(issuing.place, localDate, lang),
    },
    type: form.type,
    recipients: [...issuing.recipients, form.archive],
    signer: {
      ...(authority ? { authority: form.signerTitle(authority) } : {}),
      title: form.signerTitle(title),
      name,
    },
  };
}
