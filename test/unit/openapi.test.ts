// The API document is written from the routes' declarations: every route the server answers is in it, each
// with its answers and its refusals (problem+json), and unknown query parameters are refused before any service
// runs. No database: the app is built on stand-ins and asked through Fastify's inject.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/app.js';
import { ascii } from '../../apps/api/common/openapi.js';
import { createMetrics } from '../../apps/api/metrics/metrics.js';
import { readEnv } from '../../apps/config/env.js';
import type { Db } from '../../apps/database/pool.js';
import { createRepositories } from '../../apps/database/repositories/index.js';

type Operation = {
  operationId: string;
  security: unknown[];
  parameters: { name: string; in: string }[];
  responses: Record<
    string,
    { content?: Record<string, unknown>; links?: Record<string, { operationId: string }> }
  >;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let app: NestFastifyApplication;
  let doc: Doc;
  const routes: { method: string; url: string }[] = [];

  beforeAll(async () => {
    const db = { query: () => Promise.reject(new Error('no database')) } as unknown as Db;
    app = await createApp({
      env: readEnv({ LOG_LEVEL: 'fatal', WEB_DIR: '/nonexistent' }),
      db,
      repositories: createRepositories(),
      temporal: {} as Client,
      secret: 'a-test-secret-of-at-least-32-characters',
      metrics: createMetrics(),
    });
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url });
    });
    await app.init();
    const res = await fastify.inject({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });

  afterAll(async () => {
    await app?.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );

  it('holds every route of the app, with its answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    const api = routes.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !r.url.startsWith('/api/docs') &&
        !['HEAD', 'OPTIONS'].includes(r.method),
    );
    expect(api.length).toBeGreaterThan(45);
    const documented = new Set(
      operations().map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const missing = api.map((r) => `${r.method} ${r.url}`).filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(documented.size).toBe(new Set(api.map((r) => `${r.method} ${r.url}`)).size);
  });

  it('gives every operation a success answer and problem+json refusals', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses).map(Number);
      const where = `${method} ${path}`;
      expect(
        statuses.some((s) => s >= 200 && s < 300),
        where,
      ).toBe(true);
      expect(statuses, where).toContain(400);
      expect(Object.keys(op.responses['400']!.content!), where).toContain('application/problem+json');
      // Every refusal says what it carries (a problem; the one-click pages, a page).
      for (const s of statuses.filter((s) => s >= 400))
        expect(Object.keys(op.responses[String(s)]!.content ?? {}).length, `${where} ${s}`).toBeGreaterThan(
          0,
        );
      if (op.security.length) expect(statuses, where).toEqual(expect.arrayContaining([401, 403]));
      for (const p of op.parameters.filter((p) => p.in === 'path'))
        expect(path, where).toContain(`{${p.name}}`);
    }
  });

  it('declares the one-click page as HTML and the sign-in body', () => {
    const page = doc.paths['/api/one-click/{token}']!.get!;
    expect(Object.keys(page.responses)).toEqual(expect.arrayContaining(['200', '400', '410']));
    expect(Object.keys(page.responses['200']!.content!)).toEqual(['text/html']);
    expect(page.responses['201']).toBeUndefined();
    const signIn = doc.paths['/api/auth/login']!.post! as Operation & { requestBody: { content: object } };
    expect(Object.keys(signIn.requestBody.content)).toEqual(['application/json']);
    expect(signIn.security).toEqual([]);
    expect(Object.keys(signIn.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
  });

  it('links a published plan to its assignments and an assignment to its actions', () => {
    const ids = new Set(operations().map(({ op }) => op.operationId));
    const links = operations().flatMap(({ op }) =>
      Object.values(op.responses).flatMap((r) =>
        Object.values(r.links ?? {}).map((l) => [op.operationId, l.operationId]),
      ),
    );
    for (const [, target] of links) expect(ids).toContain(target);
    expect(links).toEqual(
      expect.arrayContaining([
        ['publishPlan', 'listAssignments'],
        ['listAssignments', 'getAssignment'],
        ['getAssignment', 'acknowledgeAssignment'],
      ]),
    );
  });

  it('refuses unknown query parameters on every kind of route, with a reason', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    for (const url of ['/api/health?foo=bar', '/api/metrics?plan[$ne]=x', '/api/one-click/abc.def?x=1']) {
      const res = await fastify.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json(), url).toMatchObject({ code: 'validation_failed' });
      expect(res.json().details[0], url).toMatchObject({
        reason: 'unrecognized_keys',
        path: expect.stringMatching(/^(foo|plan\[\$ne\]|x)$/),
      });
    }
  });

  it('spells \\d and \\w out as ASCII in the patterns it publishes', () => {
    expect(ascii('^\\d{4}-[\\w.]+\\.x$')).toBe('^[0-9]{4}-[A-Za-z0-9_.]+\\.x$');
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/\\\\[dw]/);
  });
});
