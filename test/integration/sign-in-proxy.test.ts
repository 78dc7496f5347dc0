import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startApiStack, type ApiStack } from '../support/api-stack.js';

// Behind the deployment's reverse proxy every connection comes from the proxy. With TRUST_PROXY naming it, the
// sign-in limit counts each client's address from X-Forwarded-For; without it (api-roles.test.ts) the header is
// ignored, so a client cannot dodge the limit by writing one.
describe('the sign-in limit behind a trusted reverse proxy', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `proxy-${Date.now()}`,
      secret: 'khoa-bi-mat-cho-kiem-thu-proxy-0123456789',
      env: { TRUST_PROXY: '127.0.0.1' },
    });
  });

  afterAll(async () => {
    await stack?.stop([]);
  });

  const signIn = (client: string, i: number) =>
    fetch(`${stack.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ login: 'khong-co-ai', password: `sai-${i}` }),
    }).then((r) => r.status);

  it('counts attempts per client address, and audits the client, not the proxy', async () => {
    const first: number[] = [];
    for (let i = 0; i < 11; i++) first.push(await signIn('203.0.113.7', i));
    expect(first.slice(0, 10)).toEqual(Array<number>(10).fill(401));
    expect(first[10]).toBe(429);
    // Another client behind the same proxy still gets its own ten attempts.
    expect(await signIn('198.51.100.20', 0)).toBe(401);
    // A client address put in front of the proxy's chain by the client itself is not believed past the proxy.
    expect(await signIn('203.0.113.7, 198.51.100.21', 1)).toBe(401);

    const { rows } = await stack.tdb.db.query<{ ip: string; n: number }>(
      `SELECT details->>'ip' AS ip, count(*)::int AS n FROM audit_log
       WHERE action = 'auth.login_failed' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { ip: '198.51.100.20', n: 1 },
      { ip: '198.51.100.21', n: 1 },
      { ip: '203.0.113.7', n: 10 },
    ]);
  });
});
