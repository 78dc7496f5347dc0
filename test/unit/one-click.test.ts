import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signOneClickToken, verifyOneClickToken } from '../../apps/credentials/one-click.js';

const SECRET = 'một-bí-mật-đủ-dài-cho-kiểm-thử-0123456789';
const NOW = new Date('2027-03-01T02:00:00.000Z');
const EXPIRES = new Date('2027-03-15T02:00:00.000Z');

const token = (over: Partial<{ id: string; assignmentId: string; expiresAt: Date }> = {}, secret = SECRET) =>
  signOneClickToken(
    { id: 'tok-1', assignmentId: 'kh-2027/CĐ.01/van_phong', expiresAt: EXPIRES, ...over },
    secret,
  );

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('one-click tokens', () => {
  it('verifies what it signed: id, assignment and expiry come back', () => {
    const t = token();
    expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyOneClickToken(t, SECRET, NOW)).toEqual({
      ok: true,
      id: 'tok-1',
      assignmentId: 'kh-2027/CĐ.01/van_phong',
      expiresAt: EXPIRES,
    });
  });

  it('carries {id, a, exp} as base64url JSON before the signature', () => {
    const [payload] = token().split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({
      id: 'tok-1',
      a: 'kh-2027/CĐ.01/van_phong',
      exp: EXPIRES.getTime() / 1000,
    });
  });

  it('refuses another secret', () => {
    expect(verifyOneClickToken(token({}, `${SECRET}x`), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a payload changed under the signature (another assignment, a later expiry)', () => {
    const [, sig] = token().split('.');
    const otherAssignment = `${b64({ id: 'tok-1', a: 'kh-2027/TT.01/mot_cua', exp: EXPIRES.getTime() / 1000 })}.${sig}`;
    const later = `${b64({ id: 'tok-1', a: 'kh-2027/CĐ.01/van_phong', exp: EXPIRES.getTime() / 1000 + 86_400 })}.${sig}`;
    expect(verifyOneClickToken(otherAssignment, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyOneClickToken(later, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a changed signature character, a non-canonical spelling and a truncated signature', () => {
    const t = token();
    const i = t.length - 10;
    const flipped = `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
    expect(verifyOneClickToken(flipped, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    // The last of 43 characters carries 4 bits of the 256: its 2 spare bits must stay zero.
    const last = t.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spare = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(verifyOneClickToken(`${t.slice(0, -1)}${spare}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyOneClickToken(t.slice(0, -4), SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses an expired token, and accepts it the instant before', () => {
    const t = token();
    expect(verifyOneClickToken(t, SECRET, EXPIRES)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyOneClickToken(t, SECRET, new Date(EXPIRES.getTime() - 1))).toMatchObject({ ok: true });
  });

  it('calls anything not shaped like a token malformed', () => {
    for (const bad of ['', 'abc', 'a.b.c', 'a.', '.b', 'a b.c', `${'x'.repeat(2000)}.y`])
      expect(verifyOneClickToken(bad, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyOneClickToken(undefined as unknown as string, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('calls a correctly signed payload of the wrong shape malformed', () => {
    // Signed with the real key, as an attacker cannot: the shape check is the last line of defence.
    const sign = (payload: string) =>
      `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
    expect(verifyOneClickToken(sign(b64({ id: 'x' })), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyOneClickToken(sign(Buffer.from('not json').toString('base64url')), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
