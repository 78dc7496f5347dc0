// Authentication before the body is read: a request that carries a body to a route that is not public is
// refused with 401 at Fastify's onRequest, before any byte of the body is parsed (an anonymous caller could
// otherwise have 6 MiB of JSON parsed, and learn from a 400 or 415 what the route expects). The guard still
// decides every route (roles, and routes without a body); it reuses the principal found here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../common/problem.filter.js';
import type { AuthService } from './auth.service.js';
import type { Principal } from './principal.js';

export function bearerToken(req: FastifyRequest): string {
  const header = req.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

/** A request that may carry a body: any method but GET, HEAD and OPTIONS, or one that says it has one. */
const hasBody = (req: FastifyRequest) =>
  !['GET', 'HEAD', 'OPTIONS'].includes(req.method) ||
  req.headers['transfer-encoding'] !== undefined ||
  Number(req.headers['content-length'] ?? 0) > 0;

export function authenticateBeforeBody(fastify: FastifyInstance, auth: AuthService): void {
  fastify.addHook('onRequest', async (req) => {
    // Routes of the app only (the web UI's files and the API document are not), and only those that read one.
    if (!req.routeOptions.url?.startsWith('/api/') || !hasBody(req)) return;
    if ((req.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const token = bearerToken(req);
    const principal = token ? await auth.authenticate(token) : undefined;
    if (!principal) throw new AppError(401, 'unauthorized', 'Cần đăng nhập.', 'Authentication required.');
    (req as FastifyRequest & { principal?: Principal }).principal = principal;
  });
}
