import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built UI: dist/web next to the compiled API (dist/apps/api → dist/web) or, when the API runs from its
 * TypeScript sources (tests), dist/web of the checkout.
 */
export function findWebDir(configured?: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = configured
    ? [resolve(configured)]
    : [join(here, '../../web'), join(here, '../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the single-page UI beside the API: files by their path (hashed assets cached for a year), and
 * index.html for every other page address so that a bookmarked /inbox opens the app. /api stays the API's.
 */
export async function serveWebUi(app: NestFastifyApplication, dir: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root: dir, serve: false });
  fastify.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: (req, reply) => {
      let path: string;
      try {
        path = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
      } catch {
        path = ''; // a malformed address is a page address: the app shows its own "not found"
      }
      if (path === 'api' || path.startsWith('api/'))
        return reply
          .code(404)
          .type('application/problem+json')
          .send({
            status: 404,
            code: 'not_found',
            message: { vi: 'Không tìm thấy', en: 'Not found' },
            requestId: req.id,
          });
      if (extname(path) && !path.includes('..') && existsSync(join(dir, path)))
        return reply
          .header(
            'cache-control',
            path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          )
          .sendFile(path);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    },
  });
}
