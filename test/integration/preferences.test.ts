// A signed-in user's preferences: the language of their e-mails and of the web app (PUT /api/me/preferences),
// answered with the sign-in and by GET /api/auth/me, audited, and refused without a session or with a bad body.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedUsers } from '../../apps/dev-stack/seed-users.js';
import { apiClient, compileSource, scopedPlanSource } from '../support/api-client.js';
import { startApiStack, type ApiStack } from '../support/api-stack.js';

const SECRET = 'khoa-bi-mat-cho-tuy-chon-0123456789abcdef';
const PASSWORD = 'Mat-khau-2027';
const issuer = `ubnd_l${Date.now() % 1_000_000_000}`;
const login = (name: string) => `${name}.${issuer}`.replace(/_/g, '-').toLowerCase();

describe('my preferences (PostgreSQL, API)', () => {
  let stack: ApiStack;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `preferences-${Date.now()}`,
      secret: SECRET,
    });
    const ir = compileSource(scopedPlanSource({ issuer, titleTag: `phường L${issuer}` }));
    const { units } = stack.repositories;
    await units.ensureIssuer(stack.tdb.db, issuer, ir.plan.issuer.name);
    for (const u of ir.units)
      await units.upsert(stack.tdb.db, {
        issuerId: issuer,
        code: u.code,
        name: u.name,
        kind: u.kind,
        ...(u.parent ? { parentCode: u.parent } : {}),
      });
    await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    api = apiClient(stack.base, PASSWORD);
  });

  afterAll(async () => {
    await stack?.stop([]);
  });

  it('saves the language, answers it with /auth/me and the next sign-in, and audits the change', async () => {
    const member = login('mot_cua');
    const before = await api.call('GET', '/auth/me', { as: member });
    expect(before.json).toMatchObject({ login: member, language: 'vi' });

    const put = await api.call('PUT', '/me/preferences', { as: member, body: { language: 'en' } });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ language: 'en' });
    // At once, although principals are cached for a few seconds.
    expect((await api.call('GET', '/auth/me', { as: member })).json).toMatchObject({ language: 'en' });
    const signIn = await api.call('POST', '/auth/login', { body: { login: member, password: PASSWORD } });
    expect(signIn.json).toMatchObject({ user: { login: member, language: 'en' } });
    const stored = await stack.tdb.db.query<{ lang: string }>(`SELECT lang FROM users WHERE login = $1`, [
      member,
    ]);
    expect(stored.rows[0]!.lang).toBe('en');

    const audit = await stack.tdb.db.query<{ actor: string; target: string; details: unknown }>(
      `SELECT actor, target, details FROM audit_log WHERE action = 'user.preferences_changed' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { actor: member, target: `user:${member}`, details: { language: { from: 'vi', to: 'en' } } },
    ]);

    // Someone else's language is theirs alone.
    expect((await api.call('GET', '/auth/me', { as: login('noivu') })).json).toMatchObject({
      language: 'vi',
    });
    expect((await api.call('PUT', '/me/preferences', { as: member, body: { language: 'vi' } })).json).toEqual(
      { language: 'vi' },
    );
  });

  it('refuses a body that is not exactly {language: vi | en}, and anyone not signed in', async () => {
    const member = login('mot_cua');
    for (const body of [{ language: 'fr' }, { language: 'en', email: 'x@y' }, {}, { language: null }]) {
      const r = await api.call('PUT', '/me/preferences', { as: member, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json).toMatchObject({ code: 'validation_failed' });
    }
    const anonymous = await api.call('PUT', '/me/preferences', { body: { language: 'en' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ code: 'unauthorized' });
  });
});
