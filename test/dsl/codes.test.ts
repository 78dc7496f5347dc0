import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, CODES, KEYWORDS, type DiagnosticCode } from '../../dsl/index.js';
import { HEADER, checkText, codesOf, planWithTask } from './helpers.js';

/** One small plan per diagnostic code that triggers it. */
const CASES: Record<DiagnosticCode, () => string[]> = {
  DD1001: () => codesOf(checkText(`${HEADER}\nđơn vị x "X" $\n`)),
  DD1002: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I\nsản phẩm: "chưa đóng'))),
  DD1003: () => codesOf(checkText(`${HEADER}\nđơn vị x "X":\n    loại: sở\n  cấp trên: ubnd\n`)),
  DD1004: () => codesOf(checkText(`${HEADER}\nđơn vị x "X":\n\tloại: sở\n`)),
  DD2001: () => codesOf(checkText(planWithTask('chủ trì ubnd\nthời hạn: quý I'))),
  DD2002: () => codesOf(checkText(planWithTask('chu tri: ubnd\nthời hạn: quý I'))),
  DD2003: () => codesOf(checkText(planWithTask('chủ trì:\nthời hạn: quý I'))),
  DD2004: () => codesOf(checkText(`${HEADER}\nđơn vị x "X"\n    loại: sở\n`)),
  DD2005: () => codesOf(checkText(`${HEADER}\nđơn vị x "X":\n  chủ trì: ubnd\n`)),
  DD2006: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I\nthời hạn: quý II'))),
  DD2007: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: tháng 13'))),
  DD2008: () => codesOf(checkText(planWithTask('chủ trì: thủ trưởng đơn vị\nthời hạn: quý I'))),
  DD3001: () => codesOf(checkText(planWithTask('chủ trì: ubndd\nthời hạn: quý I'))),
  DD3002: () =>
    codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I', '\nđơn vị ubnd "Lần hai"\n'))),
  DD3003: () => codesOf(checkText(planWithTask('chủ trì: p\nthời hạn: quý I'))),
  DD3004: () =>
    codesOf(checkText(`bao gồm "khong-co.dondoc"\n${planWithTask('chủ trì: ubnd\nthời hạn: quý I')}`)),
  DD3005: () =>
    codesOf(
      checkText(`bao gồm "a.dondoc"\n${planWithTask('chủ trì: ubnd\nthời hạn: quý I')}`, {
        'a.dondoc': 'bao gồm "b.dondoc"\n',
        'b.dondoc': 'bao gồm "a.dondoc"\n',
      }),
    ),
  DD3006: () => codesOf(checkText('đơn vị x "X"\n')),
  DD3007: () => codesOf(checkText(`${planWithTask('chủ trì: ubnd\nthời hạn: quý I')}\nkế hoạch "Hai"\n`)),
  DD3008: () =>
    codesOf(
      checkText(`mở rộng "mau.dondoc"\n${planWithTask('chủ trì: ubnd\nthời hạn: quý I')}`, {
        'mau.dondoc': 'mẫu kế hoạch "Mẫu":\n  cần có: mot_cua\n',
      }),
    ),
  DD3009: () =>
    codesOf(
      checkText(`mở rộng "khac.dondoc"\n${planWithTask('chủ trì: ubnd\nthời hạn: quý I')}`, {
        'khac.dondoc': 'kế hoạch "Không phải mẫu":\n  năm: 2027\n',
      }),
    ),
  DD4001: () => codesOf(checkText(planWithTask('thời hạn: quý I'))),
  DD4002: () =>
    codesOf(
      checkText(
        planWithTask('chủ trì: ubnd, x\nthời hạn: quý I', '\nđơn vị x "X":\n  thư điện tử: "x@x.vn"\n'),
      ),
    ),
  DD4003: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: ngày 31/02/2027'))),
  DD4004: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: ngày 15/03/2028'))),
  DD4005: () =>
    codesOf(
      checkText(
        planWithTask('chủ trì: ubnd\nthời hạn: tháng 1').replace(
          '  năm: 2027',
          '  năm: 2027\n  ban hành: 01/02/2027',
        ),
      ),
    ),
  DD4006: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I\nsau khi: A.01'))),
  DD4007: () =>
    codesOf(
      checkText(
        planWithTask(
          'chủ trì: ubnd\nthời hạn: quý I',
          '\nchính sách q:\n  leo thang:\n    bậc 1 sau 1 ngày: chủ tịch\n',
        ),
      ),
    ),
  DD4008: () =>
    codesOf(
      checkText(
        planWithTask(
          'chủ trì: ubnd\nthời hạn: quý I\nchính sách: q',
          '\nngười a "A"\n\nchính sách q:\n  leo thang:\n    bậc 1 sau 1 ngày: a\n',
        ),
      ),
    ),
  DD4009: () =>
    codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I', '\nnhóm g "G":\n  gồm: loại xã\n'))),
  DD4010: () =>
    codesOf(
      checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I', '\nđơn vị x "X":\n  thư điện tử: "x@x.vn"\n')),
    ),
  DD4011: () =>
    codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I', '\nchính sách q:\n  nhắc: đúng hạn\n'))),
  DD4012: () => codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: ngày 01/05/2027'))),
  DD4013: () => codesOf(checkText(planWithTask('chủ trì: ubnd'))),
  DD4014: () =>
    codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I').replace('  chính sách: p\n', ''))),
  DD4015: () =>
    codesOf(
      checkText(
        planWithTask(
          'chủ trì: ubnd\nthời hạn: quý I\nchính sách: q',
          '\nchính sách q:\n  leo thang:\n    bậc 1 sau 5 ngày: thủ trưởng đơn vị\n    bậc 2 sau 2 ngày: ubnd\n',
        ),
      ),
    ),
  DD4016: () =>
    codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I').replace('ubnd@x.vn', 'ubnd-x.vn'))),
  DD4017: () =>
    codesOf(
      checkText(
        planWithTask(
          'chủ trì: g\nthời hạn: quý I',
          '\nnhóm g "G":\n  gồm: h, ubnd\n\nnhóm h "H":\n  gồm: g\n',
        ),
      ),
    ),
  DD4018: () =>
    codesOf(
      checkText(
        planWithTask(
          'chủ trì: x\nthời hạn: quý I',
          '\nđơn vị x "X":\n  cấp trên: x\n  thư điện tử: "x@x.vn"\n',
        ),
      ),
    ),
  DD4019: () =>
    codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I').replace('  năm: 2027\n', ''))),
  DD4020: () =>
    codesOf(
      checkText(
        planWithTask(
          'chủ trì: ubnd\nthời hạn: quý I',
          '\nchỉ tiêu t "T":\n  mục tiêu: ≥ 101%\n  chu kỳ: hằng tháng ngày 5\n',
        ),
      ),
    ),
  DD4021: () =>
    codesOf(
      checkText(`mở rộng "mau.dondoc"\n${planWithTask('chủ trì: ubnd\nthời hạn: quý I')}`, {
        'mau.dondoc':
          'mẫu kế hoạch "Mẫu":\n  năm: 2027\n\nlĩnh vực thể chế:\n  nhiệm vụ A.01 "Gốc":\n    chủ trì: ubnd\n    thời hạn: quý II\n',
      }),
    ),
  DD4022: () =>
    codesOf(
      checkText(
        planWithTask('chủ trì: ubnd\nthời hạn: quý I').replace(
          '  năm: 2027',
          '  năm: 2027\n  lịch: "nghi.ics"',
        ),
        { 'nghi.ics': 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Nghỉ\nEND:VEVENT\nEND:VCALENDAR\n' },
      ),
    ),
  DD4023: () =>
    codesOf(
      checkText(
        planWithTask('chủ trì: ubnd\nthời hạn: quý I').replace(
          '  năm: 2027',
          '  năm: 2027\n  mã: "Kế hoạch/1"',
        ),
      ),
    ),
};

describe('diagnostic registry', () => {
  it('has a test case for every code, and every case triggers its code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ALL_CODES].sort());
  });

  it.each(ALL_CODES)('%s has bilingual texts and a stable shape', (code) => {
    const spec = CODES[code];
    expect(code).toMatch(/^DD[1-4]\d{3}$/);
    expect(['error', 'warning', 'info']).toContain(spec.severity);
    for (const t of [spec.title, spec.message]) {
      expect(t.vi.length).toBeGreaterThan(0);
      expect(t.en.length).toBeGreaterThan(0);
    }
  });

  it.each(ALL_CODES)('%s is reported by its example', (code) => {
    expect(CASES[code]()).toContain(code);
  });

  it('the valid base plan has no diagnostics', () => {
    expect(codesOf(checkText(planWithTask('chủ trì: ubnd\nthời hạn: quý I')))).toEqual([]);
  });

  it('suggests the closest name', () => {
    const r = checkText(planWithTask('chủ trì: ubndd\nthời hạn: quý I'));
    const d = r.diagnostics.find((x) => x.code === 'DD3001');
    expect(d?.hint?.vi).toContain('"ubnd"');
    expect(d?.hint?.en).toBe('Did you mean "ubnd"?');
  });

  it('suggests the closest keyword for a misspelt property', () => {
    const r = checkText(planWithTask('chu tri: ubnd\nthời hạn: quý I'));
    expect(r.diagnostics.find((x) => x.code === 'DD2002')?.hint?.en).toBe('Did you mean "chủ trì"?');
  });

  it('positions diagnostics at file:line:column', () => {
    const r = checkText(planWithTask('chủ trì: ubndd\nthời hạn: quý I'));
    const d = r.diagnostics.find((x) => x.code === 'DD3001')!;
    expect(d.file).toBe('main.dondoc');
    expect(d.range.start).toMatchObject({ line: 14, column: 14 });
    expect(d.range.end.offset - d.range.start.offset).toBe('ubndd'.length);
  });
});

describe('language reference', () => {
  const doc = readFileSync('docs/dsl.md', 'utf8');

  it('documents every diagnostic code', () => {
    expect(ALL_CODES.filter((c) => !doc.includes(`| ${c} |`))).toEqual([]);
  });

  it('lists every keyword in both languages', () => {
    const missing = KEYWORDS.filter(
      (k) => !doc.includes(`\`${k.vi[0]}\``) || !doc.includes(`\`${k.en[0]}\``),
    );
    expect(missing.map((k) => k.name)).toEqual([]);
  });
});

describe('recipients found per assignment', () => {
  it('reports a lead unit that an escalation to "unit head" cannot reach (no e-mail)', () => {
    const text = `${HEADER.replace('  nhắc: đúng hạn', '  nhắc: đúng hạn\n  leo thang:\n    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị')}
đơn vị xa_khong_thu "UBND xã không có thư":
  loại: xã

lĩnh vực thể chế:
  nhiệm vụ A.01 "Việc":
    chủ trì: xa_khong_thu
    thời hạn: quý I
`;
    const d = checkText(text).diagnostics.filter((x) => x.code === 'DD4008');
    expect(d).toHaveLength(1);
    expect(d[0]!.message.en).toContain('xa_khong_thu');
    expect(d[0]!.range.start.line).toBe(
      text.split('\n').findIndex((l) => l.startsWith('đơn vị xa_khong_thu')) + 1,
    );
  });
});
