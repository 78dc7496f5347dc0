// What the API accepts at the HTTP layer, and how it refuses the rest: request bodies are JSON in UTF-8 (forms
// only for the one-click confirmation button), malformed URLs and connections are answered as problems too,
// and secrets carried in URLs (one-click tokens, iCal feed secrets) never reach a log line.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { findUnsafeText, unsafeTextMessage } from '../../../dsl/text/unsafe-text.js';
import { AppError, type Problem } from './problem.filter.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text nothing downstream can hold or show honestly — NUL (PostgreSQL refuses it, and a step of the engine would
 * fail on it), lone surrogates, bidirectional controls — is refused here, before any route runs.
 */
function unsafeText(value: unknown): AppError | undefined {
  const found = findUnsafeText(value);
  if (!found) return undefined;
  const m = unsafeTextMessage(found.reason);
  return new AppError(400, 'invalid_text', m.vi, m.en, [
    { path: found.path, reason: found.reason, message: m.vi },
  ]);
}

const unsupported = () =>
  new AppError(
    415,
    'unsupported_media_type',
    'Chỉ nhận dữ liệu JSON mã hóa UTF-8 (Content-Type: application/json).',
    'Only JSON in UTF-8 is accepted (Content-Type: application/json).',
  );

/** Replaces the body parsers: JSON in UTF-8 with well-formed text everywhere; nothing else. */
export function readJsonOnly(fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const charset = /;\s*charset="?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) return done(unsupported(), undefined);
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(
        new AppError(
          400,
          'invalid_encoding',
          'Dữ liệu gửi lên không phải UTF-8 hợp lệ.',
          'The request body is not valid UTF-8.',
        ),
        undefined,
      );
    }
    json(req, text, (err, value) => {
      if (err) return done(err, undefined);
      const refused = unsafeText(value);
      if (refused) return done(refused, undefined);
      done(null, value);
    });
  });
  // The confirmation page of a one-click link posts an empty HTML form; no other route reads forms.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (req, _body, done) => {
      if (/\/one-click\/:token$/.test(req.routeOptions.url ?? '')) done(null, {});
      else done(unsupported(), undefined);
    },
  );
}

/**
 * Query strings and path parameters are text too: `?plan=%00` would reach PostgreSQL as a NUL. A URL that cannot
 * be decoded is left to the router, which answers it as a bad URL.
 */
export function refuseUnsafeUrl(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (req) => {
    if (!SUSPECT_URL.test(req.url)) return;
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.url.replace(/\+/g, ' '));
    } catch {
      return;
    }
    const refused = unsafeText(decoded);
    if (refused) throw refused;
  });
}

/** A cheap first look: a percent-encoded NUL or bidirectional control, or one sent raw. */
const SUSPECT_URL =
  // eslint-disable-next-line no-control-regex -- finding NUL is the point
  /%(?:00|e2%80%(?:8[ef]|a[a-e])|e2%81%a[6-9]|d8%9c)|[\u0000\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/i;

/** Errors the router raises before any route runs (a URL that cannot be decoded). */
export function answerFrameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const problem: Problem = {
    status: 400,
    code: 'bad_url',
    message: { vi: 'Đường dẫn không hợp lệ.', en: 'The URL is not valid.' },
    requestId: String(req.id),
  };
  void reply
    .status(error.statusCode && error.statusCode < 500 ? error.statusCode : 400)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ ...problem, status: reply.statusCode });
}

/** A request Node's HTTP parser refuses (headers too large, malformed): a problem, then the connection closes. */
export function answerConnectionError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const problem: Problem = {
    status,
    code: status === 431 ? 'headers_too_large' : 'bad_request',
    message:
      status === 431
        ? { vi: 'Phần đầu yêu cầu quá lớn.', en: 'The request headers are too large.' }
        : { vi: 'Yêu cầu không đọc được.', en: 'The request cannot be read.' },
  };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The path with the secrets that some URLs carry replaced: one-click tokens and iCal feed secrets. */
export function redactUrl(url: string): string {
  return url.replace(/\/(one-click|ical)\/[^/?#]+/g, '/$1/[redacted]');
}

/** The request as a log line shows it (Fastify's fields, the URL without secrets). */
export function logRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Multipart bodies (file uploads, parsed by @fastify/multipart) only where a route reads them; everywhere else
 * they are refused as before, with the same problem.
 */
export function multipartOnlyFor(fastify: FastifyInstance, route: (url: string) => boolean): void {
  fastify.addHook('onRequest', async (req) => {
    if (/^multipart\//i.test(req.headers['content-type'] ?? '') && !route(req.routeOptions.url ?? ''))
      throw unsupported();
  });
}
