/**
 * The page and type sizes of Decree 30/2020/NĐ-CP, Appendix I, shared by the DOCX and PDF renderers: A4, margins
 * top and bottom 20 mm, left 30 mm, right 15 mm; body text 14 pt; the header lines 13 pt.
 */
export const PAGE = {
  /** A4 portrait, in millimetres. */
  width: 210,
  height: 297,
  margin: { top: 20, bottom: 20, left: 30, right: 15 },
  /** The first-line indent of body paragraphs. */
  indent: 10,
} as const;

/** Type sizes in points. */
export const SIZES = {
  /** The issuing body, its parent and the number line. */
  header: 13,
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12–13 pt): 12 keeps it on one line beside the issuing body. */
  nation: 12,
  /** "Độc lập - Tự do - Hạnh phúc" and the place-date line. */
  motto: 14,
  /** "BÁO CÁO" and the summary under it. */
  type: 14,
  body: 14,
  /** Tables in the body and in the appendices (the decree leaves table text to the drafter). */
  table: 12,
  appendixTable: 11,
  recipientsLabel: 12,
  recipients: 11,
  signer: 14,
} as const;
