// Comparing Vietnamese words the way people type them: without accents, case or punctuation.

/** "Sở Giáo dục & Đào tạo" → "so giao duc & dao tao". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

// Abbreviations written as one word for several: expanded on both sides before comparing.
const EXPAND: Record<string, string[]> = {
  ubnd: ['uy', 'ban', 'nhan', 'dan'],
  hdnd: ['hoi', 'dong', 'nhan', 'dan'],
};

/** The words that identify a name: folded, "và"/"&" and punctuation dropped, UBND/HĐND spelled out. */
export function nameTokens(s: string): string[] {
  return fold(s)
    .split(/[^a-z0-9]+/)
    .filter((w) => w && w !== 'va')
    .flatMap((w) => EXPAND[w] ?? [w]);
}

export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** One line of free text fit for a quoted plan string: no line breaks, straight quotes turned typographic. */
export function oneLine(s: string): string {
  let n = 0;
  return s
    .replace(/\s*\n\s*/g, ' ')
    .replace(/"/g, () => (n++ % 2 === 0 ? '“' : '”'))
    .trim();
}

/** A quoted plan string. Typographic quotes inside are fine: only a straight quote ends the string. */
export const quoted = (s: string) => `"${oneLine(s).replace(/\\/g, '/')}"`;
