// Matching the unit names written in a table ("Sở KH&CN", "VP UBND tỉnh", "UBND các xã, phường", "Sở Tư phám") to
// the unit directory's units and groups: accents, case and punctuation ignored; a word may stand for the initials
// of several ("KH" for "Khoa học", "PVHCC" for "Phục vụ hành chính công"); a name may stop early ("Các sở, ban,
// ngành" for "Các sở, ban, ngành thuộc UBND tỉnh") when only one entry starts that way; a slip of a letter or two
// is accepted with a warning.
import { levenshtein, nameTokens } from './text.js';

export interface DirectoryEntry {
  id: string;
  title: string;
  kind: 'unit' | 'group';
  tokens: string[];
}

export type MatchHow = 'exact' | 'abbreviation' | 'prefix' | 'typo';

export interface UnitMatch {
  /** The words of the cell this entry was read from. */
  text: string;
  entry?: DirectoryEntry;
  how?: MatchHow;
}

export function directoryEntry(
  id: string,
  title: string | undefined,
  kind: 'unit' | 'group',
): DirectoryEntry {
  const t = title ?? id.replace(/_/g, ' ');
  return { id, title: t, kind, tokens: nameTokens(t) };
}

const UNIT_START =
  /^(sở|ubnd|ủy ban|uỷ ban|hđnd|ban|phòng|văn phòng|vp|trung tâm|công an|thanh tra|đài|kho bạc|hội đồng|bộ|cục|chi cục|các|trường|bệnh viện)(?=\s|$)/i;

const initials = (ws: string[]) => ws.map((w) => w[0]).join('');

/** Do the cell's words spell the entry's words, each cell word one word or the initials of a run of words? */
function spells(cell: string[], entry: string[], allowRest: boolean): 'exact' | 'abbreviation' | undefined {
  const memo = new Map<string, 'exact' | 'abbreviation' | undefined>();
  const go = (i: number, j: number): 'exact' | 'abbreviation' | undefined => {
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key);
    let r: 'exact' | 'abbreviation' | undefined;
    if (i === cell.length) r = j === entry.length || allowRest ? 'exact' : undefined;
    else if (j < entry.length) {
      if (cell[i] === entry[j]) r = go(i + 1, j + 1);
      if (!r)
        for (let k = 2; k <= Math.min(cell[i]!.length, entry.length - j) && !r; k++)
          if (initials(entry.slice(j, j + k)) === cell[i] && go(i + 1, j + k)) r = 'abbreviation';
      if (r === 'exact' && cell[i] !== entry[j]) r = 'abbreviation';
    }
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

export class UnitDirectory {
  constructor(readonly entries: DirectoryEntry[]) {}

  /** One name: the entry it means and how it was recognised, or nothing. */
  matchOne(text: string): { entry: DirectoryEntry; how: MatchHow } | undefined {
    const cell = nameTokens(text);
    if (cell.length === 0) return undefined;
    const full = this.entries.flatMap((e) => {
      const how = spells(cell, e.tokens, false);
      return how ? [{ entry: e, how }] : [];
    });
    if (full.length) return full.find((m) => m.how === 'exact') ?? full[0];
    if (cell.length >= 2) {
      const prefix = this.entries.filter((e) => spells(cell, e.tokens, true));
      if (prefix.length === 1) return { entry: prefix[0]!, how: 'prefix' };
    }
    const joined = cell.join(' ');
    if (joined.length < 6) return undefined;
    const limit = joined.length >= 14 ? 2 : 1;
    const near = this.entries
      .map((e) => ({ e, d: levenshtein(joined, e.tokens.join(' ')) }))
      .filter((x) => x.d <= limit)
      .sort((a, b) => a.d - b.d);
    if (near.length && (near.length === 1 || near[1]!.d > near[0]!.d))
      return { entry: near[0]!.e, how: 'typo' };
    return undefined;
  }

  /**
   * A cell that may name several units: split at ";", line breaks, "," and " và ", then the pieces regrouped so
   * that "Sở Văn hóa, Thể thao và Du lịch" stays one name; pieces that match nothing stay together as one
   * unknown name.
   */
  match(text: string): UnitMatch[] {
    const parts = text.split(/(\s*[;,\n]\s*|\s+và\s+|\s+&\s+)/i);
    const pieces: string[] = [];
    const seps: string[] = [];
    for (let k = 0; k < parts.length; k += 2) {
      if (parts[k]!.trim()) {
        pieces.push(parts[k]!.trim());
        seps.push(parts[k + 1] ?? '');
      } else if (pieces.length) seps[seps.length - 1] += (parts[k] ?? '') + (parts[k + 1] ?? '');
    }
    const n = pieces.length;
    if (n === 0) return [];
    const join = (i: number, j: number) =>
      pieces
        .slice(i, j)
        .map((p, k) => (k < j - i - 1 ? p + seps[i + k] : p))
        .join('')
        .trim();
    // cost: a matched name 1, an unmatched piece 100; fewer, longer names win.
    const best: { cost: number; from: number; m?: { entry: DirectoryEntry; how: MatchHow } }[] = [
      { cost: 0, from: 0 },
    ];
    for (let j = 1; j <= n; j++) {
      best[j] = { cost: best[j - 1]!.cost + 100, from: j - 1 };
      for (let i = 0; i < j; i++) {
        const m = this.matchOne(join(i, j));
        if (m && best[i]!.cost + 1 < best[j]!.cost) best[j] = { cost: best[i]!.cost + 1, from: i, m };
      }
    }
    const out: UnitMatch[] = [];
    for (let j = n; j > 0; j = best[j]!.from) {
      const b = best[j]!;
      const text = join(b.from, j);
      const last = out[out.length - 1];
      // Unknown pieces stay one name unless the next starts like a unit of its own ("Sở …", "UBND …").
      if (!b.m && last && !last.entry && !UNIT_START.test(last.text))
        last.text = `${text}${seps[b.from]}${last.text}`.trim();
      else out.push(b.m ? { text, entry: b.m.entry, how: b.m.how } : { text });
    }
    return out.reverse().map((m) => (m.entry ? m : { text: m.text.replace(/[\s;,.]+$/, '') }));
  }
}
