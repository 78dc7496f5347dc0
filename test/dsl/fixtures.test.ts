import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFile, fixtureEntries } from './helpers.js';

/**
 * Fixture convention: a comment "# expect: DD1234, DD5678" names the diagnostics that start on its own
 * line; "# expect-next-line: DD1234" names those of the following line (for lines that cannot hold a
 * comment, such as an unterminated string). Every diagnostic of every severity must be announced.
 */
function expectations(path: string): string[] {
  const out: string[] = [];
  readFileSync(path, 'utf8')
    .normalize('NFC')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const m = /#\s*expect(-next-line)?:\s*([A-Z0-9 ,]+)$/.exec(line);
      if (!m) return;
      const at = i + 1 + (m[1] ? 1 : 0);
      for (const code of m[2]!
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean))
        out.push(`${path}:${at} ${code}`);
    });
  return out;
}

describe('fixtures', () => {
  const entries = fixtureEntries();

  it('has fixtures', () => {
    expect(entries.length).toBeGreaterThan(10);
  });

  it.each(entries)('%s reports exactly the expected diagnostics', (entry) => {
    const result = checkFile(entry);
    const files = [...result.files.keys()];
    const expected = files.flatMap(expectations).sort();
    const actual = result.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.code}`).sort();
    expect(actual).toEqual(expected);
  });
});
