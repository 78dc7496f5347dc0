import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, MAX_NAME, sanitizeFileName } from '../../apps/api/files/file-names.js';
import { rechunk } from '../../apps/api/files/file-store.js';
import { searchPatterns } from '../../apps/database/repositories/queue.repository.js';
import { reportSections } from '../../apps/reports/render/sections.js';
import type { ReportContent } from '../../apps/reports/report-model.js';

/** Half of a surrogate pair: a name cut inside a character. */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('evidence file names', () => {
  it('keeps a Vietnamese name as it is, in NFC', () => {
    const decomposed = 'Báo cáo quý I.pdf'.normalize('NFD');
    expect(sanitizeFileName(decomposed, 'pdf')).toBe('Báo cáo quý I.pdf');
  });

  it('drops folders, control and direction-override characters, and Windows-reserved ones', () => {
    expect(sanitizeFileName('C:\\Users\\a\\..\\qd<1>:"x"|?*.pdf', 'pdf')).toBe('qd1x.pdf');
    expect(sanitizeFileName('../../etc/pass\u0000wd\u202egpj.pdf', 'pdf')).toBe('passwdgpj.pdf');
    expect(sanitizeFileName('  ..  bien   ban .  ', 'pdf')).toBe('bien ban.pdf');
  });

  it('always ends in the extension of the detected type', () => {
    expect(sanitizeFileName('anh.pdf', 'png')).toBe('anh.pdf.png');
    expect(sanitizeFileName('ANH.JPEG', 'jpg')).toBe('ANH.jpg');
    expect(sanitizeFileName('scan.tiff', 'tif')).toBe('scan.tif');
    expect(sanitizeFileName(undefined, 'pdf')).toBe('tệp.pdf');
    expect(sanitizeFileName('...', 'xlsx')).toBe('tệp.xlsx');
  });

  it('cuts a 1,000-character name to the limit, never inside a character', () => {
    const name = sanitizeFileName(`${'Kết quả '.repeat(125)}.pdf`, 'pdf');
    expect(Array.from(name).length).toBeLessThanOrEqual(MAX_NAME);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).not.toMatch(LONE);
    const emoji = sanitizeFileName(`${'😀'.repeat(300)}.pdf`, 'pdf');
    expect(emoji).not.toMatch(LONE);
  });

  it('sends the name as an attachment, in UTF-8 with an ASCII fallback', () => {
    expect(attachmentDisposition('Báo cáo "quý" Đợt 1.pdf')).toBe(
      `attachment; filename="Bao cao _quy_ Dot 1.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22qu%C3%BD%22%20%C4%90%E1%BB%A3t%201.pdf`,
    );
  });
});

describe('chunks', () => {
  it('regroups a stream into chunks of the given size', async () => {
    async function* pieces() {
      for (const n of [3, 5, 1, 7, 0, 2]) yield Buffer.alloc(n, n);
    }
    const out: Buffer[] = [];
    for await (const c of rechunk(pieces(), 4)) out.push(c);
    expect(out.map((c) => c.length)).toEqual([4, 4, 4, 4, 2]);
    expect(Buffer.concat(out)).toEqual(Buffer.concat([3, 5, 1, 7, 0, 2].map((n) => Buffer.alloc(n, n))));
  });
});

describe('queue search patterns', () => {
  it('is a pattern per word, wildcards literal', () => {
    expect(searchPatterns('  bao   cao quy ')).toEqual(['%bao%', '%cao%', '%quy%']);
    expect(searchPatterns('50%_x\\')).toEqual(['%50\\%\\_x\\\\%']);
    expect(searchPatterns('')).toEqual([]);
    expect(searchPatterns(undefined)).toEqual([]);
  });
});

describe('the report’s evidence section', () => {
  it('names the files of each completion; a run stored without them reads as before', () => {
    const content = JSON.parse(
      readFileSync(new URL('../fixtures/reports/monthly-report.json', import.meta.url), 'utf8'),
    ) as ReportContent;
    content.criteria[0]!.evidence[0]!.files = [
      { id: 'a', name: 'Báo cáo quý I.pdf', sha256: '0'.repeat(64) },
      { id: 'b', name: 'Phụ lục.xlsx', sha256: '1'.repeat(64) },
    ];
    const section = reportSections(content).sections.find((s) => s.id === 'evidence')!;
    const { groups, columns } = section.groups!;
    const files = columns.findIndex((c) => c.id === 'files');
    expect(columns[files]!.label).toMatchObject({ vi: 'Tệp kiểm chứng' });
    expect(groups[0]!.rows[0]!.cells[files]!.text).toBe('Báo cáo quý I.pdf; Phụ lục.xlsx');
    expect(groups[0]!.rows[1]!.cells[files]!.text).toBe('');
    // Every row has a cell per column, the row of a criterion without evidence too.
    for (const g of groups) for (const r of g.rows) expect(r.cells).toHaveLength(columns.length);
  });
});
