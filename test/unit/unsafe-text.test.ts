import { describe, expect, it } from 'vitest';
import { isPermanentDatabaseError } from '../../apps/worker/activities/permanent-errors.js';
import { findUnsafeText, withoutBidiControls } from '../../dsl/text/unsafe-text.js';
import { refuseReusedKey, refuseText, requestFingerprint } from '../../workflows/assignment-state.js';

describe('text that cannot be accepted (issue 18, defects 1 and 5)', () => {
  it('finds NUL, lone surrogates and bidirectional controls in any string or key, with the path', () => {
    expect(findUnsafeText({ note: 'Đã tiếp nhận, hạn 30/06/2027' })).toBeUndefined();
    expect(findUnsafeText({ note: 'a\u0000' })).toEqual({ path: 'note', reason: 'nul' });
    expect(findUnsafeText({ evidence: { documentNumber: '\ud800' } })).toEqual({
      path: 'evidence.documentNumber',
      reason: 'lone_surrogate',
    });
    // A surrogate pair is a character (an emoji), not a lone half.
    expect(findUnsafeText({ note: 'xong 👍' })).toBeUndefined();
    for (const c of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
    ])
      expect(findUnsafeText([`tên ${c}x`]), c.codePointAt(0)!.toString(16)).toEqual({
        path: '0',
        reason: 'bidi_control',
      });
    expect(findUnsafeText({ ['k\u0000']: 1 })).toEqual({ path: 'k\u0000', reason: 'nul' });
    // Zero-width space and joiner are not bidirectional controls (Vietnamese text pasted from Word has them).
    expect(findUnsafeText('a\u200bb\u200dc')).toBeUndefined();
    // Deep nesting does not overflow.
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.reason).toBe('nul');
  });

  it('removes bidirectional controls for readers and keeps the rest', () => {
    expect(withoutBidiControls('Phòng \u202eNội vụ\u202c \u2067(A)\u2069\u200f')).toBe('Phòng Nội vụ (A)');
  });

  it('refuses in the update validators what the edge refuses', () => {
    expect(refuseText({ by: 'a', requestId: 'k', note: 'ok' })).toBeUndefined();
    expect(refuseText({ by: 'a', requestId: 'k', note: 'x\u0000' })).toMatchObject({ code: 'INVALID_TEXT' });
    expect(refuseText({ by: 'a', requestId: 'k', reason: '\u202e' })).toMatchObject({ code: 'INVALID_TEXT' });
  });

  it('tells a repeated request from a key reused for another action or body', () => {
    const progress = requestFingerprint('reportProgress', { by: 'a', requestId: 'K', percent: 40 } as never);
    const sameAgain = requestFingerprint('reportProgress', { percent: 40, requestId: 'K', by: 'a' } as never);
    expect(refuseReusedKey(progress, sameAgain)).toBeUndefined();
    const complete = requestFingerprint('complete', {
      by: 'a',
      requestId: 'K',
      evidence: { link: 'https://x' },
    } as never);
    expect(refuseReusedKey(progress, complete)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const other = requestFingerprint('reportProgress', { by: 'a', requestId: 'K', percent: 60 } as never);
    expect(refuseReusedKey(progress, other)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('permanent database errors', () => {
  const pgError = (code: string) => Object.assign(new Error('x'), { code });
  it('are the data exceptions, constraint violations and program limits; not connection or lock trouble', () => {
    for (const code of ['22021', '22P05', '22001', '23505', '23514', '54000'])
      expect(isPermanentDatabaseError(pgError(code)), code).toBe(true);
    for (const code of ['08006', '40001', '40P01', '57P01', '53300', 'ECONNRESET'])
      expect(isPermanentDatabaseError(pgError(code)), code).toBe(false);
    expect(isPermanentDatabaseError({ code: '22021' })).toBe(false);
  });
});
