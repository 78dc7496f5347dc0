// The shared input rules are what the OpenAPI document says they are: one pattern is the whole rule, so a value
// the document allows is a value the API takes (the contract tier, test/contract, relies on it).
import { describe, expect, it } from 'vitest';
import { email, HTTP_LINK, httpLink, login } from '../../apps/api/common/schemas.js';
import { QueueView, SaveFilter } from '../../apps/api/queue/queue.controller.js';

/** A deterministic stream of pseudo-random numbers (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('links', () => {
  const readable = (s: string) => {
    try {
      const u = new URL(s);
      return /^https?:$/.test(u.protocol) && u.hostname.length > 0;
    } catch {
      return false;
    }
  };

  it('everything the pattern matches is an http(s) URL with a host', () => {
    const parts = [
      'a',
      'Z',
      '0',
      '9',
      '-',
      '.',
      ':',
      '/',
      '?',
      '#',
      '%',
      '[',
      ']',
      '@',
      '\\',
      '0x',
      '255',
      '256',
    ];
    const more = [
      ' ',
      '\u00a0',
      '\u0085',
      'é',
      '😀',
      '\u200b',
      '|',
      '^',
      '`',
      '{',
      '<',
      '>',
      '"',
      "'",
      '65535',
    ];
    const alphabet = [...parts, ...more];
    const next = random(20270101);
    let matched = 0;
    for (let i = 0; i < 100_000; i++) {
      let s = next() < 0.5 ? 'http://' : 'HTTPS://';
      const n = 1 + Math.floor(next() * 12);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      if (!HTTP_LINK.test(s)) continue;
      matched++;
      expect(readable(s), s).toBe(true);
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('takes the links people paste and refuses the rest', () => {
    for (const ok of [
      'https://example.gov.vn/tài-liệu?x=1#a',
      'http://192.168.1.1/doc',
      'http://localhost:8080',
    ])
      expect(httpLink.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'http://',
      'http://999',
      'http://a:65536',
      'http://a b',
      'ftp://a.vn',
    ])
      expect(httpLink.safeParse(bad).success, bad).toBe(false);
  });

  it('answers at once on a long input', () => {
    const started = Date.now();
    httpLink.safeParse(`http://${'a-'.repeat(200_000)}`);
    httpLink.safeParse(`http://${'a.'.repeat(200_000)}`);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('e-mail addresses', () => {
  it('an address it takes is a login once in lower case', () => {
    for (const a of ['Moi-1.Abc@Example.gov.vn', 'x_y@a-b.com', 'a@b.vn']) {
      const parsed = email.safeParse(a);
      expect(parsed.success, a).toBe(true);
      expect(login.safeParse(parsed.data).success, a).toBe(true);
    }
    for (const a of ['', 'a@b', '.a@b.vn', 'a..b@c.vn', 'a@-b.vn', 'a@b-.vn', ' a@b.vn', 'a@b.vn '])
      expect(email.safeParse(a).success, a).toBe(false);
  });
});

describe('a saved view', () => {
  it('documents and checks each field as the queue reads it, and keeps the text as sent', () => {
    const query = { status: 'assigned,done', escalation: '2', overdue: 'true', q: 'báo cáo' };
    expect(QueueView.safeParse(query).success).toBe(true);
    expect(SaveFilter.parse({ name: 'Quá hạn', query }).query).toEqual(query);
    for (const wrong of [{ status: 'late' }, { escalation: '21' }, { sort: 'nowhere' }, { other: 'x' }])
      expect(SaveFilter.safeParse({ name: 'x', query: wrong }).success, JSON.stringify(wrong)).toBe(false);
  });
});
