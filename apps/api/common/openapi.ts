// One declaration per route, read twice: the guard below validates the request with its zod schemas, and
// describeApi() writes the route's OpenAPI operation from the same schemas. A route cannot validate one thing and
// document another, and a route without a declaration stops the API at start-up.
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toJSONSchema, z } from 'zod';
import { PUBLIC_KEY } from '../auth/decorators.js';
import { AppError } from './problem.filter.js';
import { ZodPipe } from './zod.pipe.js';

type JsonSchema = Record<string, unknown>;
type Obj = z.ZodObject;

/** A response: JSON described by a zod schema, or other media types (files, pages, feeds). */
export interface ResponseSpec {
  description: string;
  json?: z.ZodType;
  /** Media type → JSON Schema, for what zod does not describe (binary files, HTML, text). */
  content?: Record<string, JsonSchema>;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  /** OpenAPI links to the operations this answer leads to (Schemathesis' stateful phase follows them). */
  links?: Record<string, { operationId: string; parameters?: Record<string, string>; description?: string }>;
}

export interface Declaration {
  /** Stable and referred to by links; by default the controller's name and the method's. */
  operationId?: string;
  summary: string;
  description?: string;
  params?: Obj;
  /** Always strict: a parameter the route does not know is refused with 400 (docs/security.md). */
  query?: Obj;
  /** Headers the route reads (Idempotency-Key); other headers are left alone. */
  headers?: Obj;
  body?: z.ZodType;
  /** A body other than JSON (a multipart upload, the one-click form): documented here, read by the route. */
  otherBody?: { type: string; schema: JsonSchema; required: boolean };
  /** Success answers, by status. */
  responses: Record<number, ResponseSpec | z.ZodType>;
  /** Refusals besides those every route of its kind can give (see errorStatuses). */
  errors?: number[];
}

const DECLARATION = 'dondoc:declaration';
/** Every declaration by `Controller.method`, with the class and handler whose @Public and @Roles it reads. */
const declared = new Map<string, { d: Declaration; method: string; cls: object; fn: object }>();
const NO_QUERY = z.object({}).strict();

/** Validates the request as declared, once the caller is known (401 and 403 come before 400). */
@Injectable()
export class DeclaredInput implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const d = Reflect.getMetadata(DECLARATION, ctx.getHandler()) as Declaration | undefined;
    if (!d) return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    if (d.params) req.params = new ZodPipe(d.params).transform(req.params);
    req.query = new ZodPipe(strict(d.query ?? NO_QUERY)).transform(req.query ?? {});
    if (d.headers) checkHeaders(d.headers, req.headers);
    if (d.body) req.body = new ZodPipe(d.body).transform(req.body);
    return true;
  }
}

/** A key the client meant but we cannot use must not silently become a new action: refused by its own code. */
function checkHeaders(schema: Obj, headers: unknown): void {
  const parsed = schema.safeParse(headers);
  if (parsed.success) return;
  if (parsed.error.issues.some((i) => i.path[0] === 'idempotency-key'))
    throw new AppError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key chỉ gồm chữ, số và . : - _ (tối đa 100 ký tự).',
      'Idempotency-Key may hold letters, digits and . : - _ (at most 100 characters).',
    );
  new ZodPipe(schema).transform(headers);
}

const strict = (o: Obj) => (o.def.catchall ? o : o.strict());

/** Declares a route: its input (validated) and its answers (documented). */
export function Declare(d: Declaration): MethodDecorator {
  return (target, key, descriptor) => {
    const method = String(key);
    const cls = (target as { constructor: { name: string } }).constructor;
    declared.set(`${cls.name}.${method}`, { d, method, cls, fn: descriptor.value as object });
    applyDecorators(SetMetadata(DECLARATION, d), UseGuards(DeclaredInput))(target, key, descriptor);
  };
}

/** The JSON Schema of what a zod schema accepts (io: input) or gives (io: output), without `$schema`. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _, ...rest } = toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return asciiPatterns(rest) as JsonSchema;
}

/**
 * JavaScript reads \d and \w as ASCII; Python (Schemathesis, Hypothesis) as Unicode. Spelled out, a pattern of
 * the document means what the API's own regular expression means.
 */
function asciiPatterns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asciiPatterns);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'pattern' && typeof v === 'string' ? ascii(v) : asciiPatterns(v),
    ]),
  );
}

export function ascii(pattern: string): string {
  const inside = { d: '0-9', w: 'A-Za-z0-9_' } as Record<string, string>;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      i++;
      if (inside[n]) out += inClass ? inside[n] : `[${inside[n]}]`;
      else out += c + n;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

export const PROBLEM_TYPE = 'application/problem+json';

/** The body of every refusal (problem.filter.ts): a stable code, the message in Vietnamese and English. */
export const ProblemSchema = z.looseObject({
  status: z.int().min(400).max(599),
  code: z.string(),
  message: z.object({ vi: z.string(), en: z.string() }),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});

const ERROR_TEXT: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ / Invalid input (unknown parameters included)',
  401: 'Cần đăng nhập / Authentication required',
  403: 'Không có quyền / Forbidden',
  404: 'Không tìm thấy / Not found',
  405: 'Phương thức không được hỗ trợ / Method not allowed',
  409: 'Xung đột / Conflict with the current state',
  413: 'Dữ liệu quá lớn / Payload too large',
  414: 'Đường dẫn quá dài / URI too long (a path parameter beyond what the router reads)',
  415: 'Định dạng không được hỗ trợ / Unsupported media type',
  422: 'Không xử lý được / Unprocessable (the content is refused)',
  429: 'Quá nhiều yêu cầu / Too many requests',
};

/** What a route of its kind can refuse with, besides what it declares itself. */
function errorStatuses(d: Declaration, isPublic: boolean): number[] {
  const s = new Set<number>([400, ...(d.errors ?? [])]);
  // Signed-in routes also refuse by role or by unit (a unit's assignment is not another unit's to see).
  if (!isPublic) {
    s.add(401);
    s.add(403);
  }
  if (d.params) {
    s.add(404);
    // The router refuses a path parameter longer than it reads (app.ts, maxParamLength) before any route runs.
    s.add(414);
  }
  if (d.body || d.otherBody) {
    s.add(413);
    s.add(415);
  }
  return [...s].sort((a, b) => a - b);
}

/** Path parameters, query parameters and headers of a declaration, as OpenAPI parameters. */
function parameters(d: Declaration): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (where: 'path' | 'query' | 'header', o: Obj | undefined) => {
    if (!o) return;
    const schema = jsonSchema(o);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, s] of Object.entries(props)) {
      const { description, ...rest } = s;
      out.push({
        name: where === 'header' ? headerName(name) : name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  };
  add('path', d.params);
  add('query', d.query);
  add('header', d.headers);
  return out;
}

const headerName = (n: string) =>
  n.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

function response(spec: ResponseSpec | z.ZodType): JsonSchema {
  const r: ResponseSpec = spec instanceof z.ZodType ? { description: 'OK', json: spec } : spec;
  const content: Record<string, { schema: JsonSchema }> = {};
  if (r.json) content['application/json'] = { schema: jsonSchema(r.json, 'output') };
  for (const [type, schema] of Object.entries(r.content ?? {})) content[type] = { schema };
  return {
    description: r.description,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(Object.keys(content).length ? { content } : {}),
    ...(r.links ? { links: r.links } : {}),
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI 3.1 document of the app: Nest's route table gives the paths, each route's declaration everything
 * else. Throws when a route has no declaration.
 */
export function describeApi(app: NestFastifyApplication): JsonSchema {
  const base = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Đôn Đốc API')
      .setDescription(
        'Theo dõi, đôn đốc kế hoạch cải cách hành chính. Lỗi trả về dạng application/problem+json với mã ổn định ' +
          'và thông báo tiếng Việt, tiếng Anh. / Administrative-reform plan follow-up. Errors are ' +
          'application/problem+json with a stable code and messages in Vietnamese and English.',
      )
      .setVersion('1')
      .build(),
    { operationIdFactory: (controller, method) => `${controller}.${method}` },
  );
  const missing: string[] = [];
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [path, item] of Object.entries(base.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const entry = declared.get(op.operationId ?? '');
      if (!entry) {
        missing.push(`${method.toUpperCase()} ${path} (${op.operationId})`);
        continue;
      }
      const { d, cls, fn } = entry;
      const meta = (key: string) =>
        (Reflect.getMetadata(key, fn) ?? Reflect.getMetadata(key, cls)) as unknown;
      const isPublic = Boolean(meta(PUBLIC_KEY));
      const responses: Record<string, JsonSchema> = {};
      for (const [status, spec] of Object.entries(d.responses)) responses[status] = response(spec);
      const problem = { [PROBLEM_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
      for (const status of errorStatuses(d, isPublic)) {
        // A route that answers this status itself (a one-click page) may still refuse it as a problem.
        const own = responses[String(status)];
        responses[String(status)] = own
          ? { ...own, content: { ...(own.content as object), ...problem } }
          : { description: ERROR_TEXT[status] ?? 'Error', content: problem };
      }
      const body = d.body
        ? { required: true, content: { 'application/json': { schema: jsonSchema(d.body) } } }
        : d.otherBody
          ? {
              required: d.otherBody.required,
              content: { [d.otherBody.type]: { schema: d.otherBody.schema } },
            }
          : undefined;
      (paths[path] ??= {})[method] = {
        operationId: d.operationId ?? op.operationId,
        summary: d.summary,
        ...(d.description ? { description: d.description } : {}),
        ...(op.tags?.length ? { tags: op.tags } : {}),
        security: isPublic ? [] : [{ bearer: [] }],
        parameters: parameters(d),
        ...(body ? { requestBody: body } : {}),
        responses,
      };
    }
  }
  if (missing.length) throw new Error(`Routes without @Declare: ${missing.join(', ')}`);
  return {
    openapi: '3.1.0',
    info: base.info,
    servers: [{ url: '/' }],
    tags: base.tags ?? [],
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'POST /api/auth/login → token' },
      },
    },
  };
}

/**
 * A method the document does not declare for a path it knows is 405 with Allow (RFC 9110), not 404: the path
 * exists, the method does not. HEAD goes with GET, as Fastify answers it.
 */
export function refuseUndeclaredMethods(fastify: FastifyInstance, doc: JsonSchema): void {
  const templates = Object.entries(doc.paths as Record<string, object>).map(([path, item]) => ({
    path: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}/?$`),
    methods: Object.keys(item).map((m) => m.toUpperCase()),
    // As the router decides: a fixed segment wins over a parameter (/plans/check before /plans/{code}).
    fixed: path.split('/').filter((s) => s && !s.startsWith('{')).length,
  }));
  const fixedOf = (url: string) => url.split('/').filter((s) => s && !s.startsWith(':')).length;
  fastify.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const matches = templates.filter((t) => t.path.test(path));
    const best = Math.max(...matches.map((t) => t.fixed));
    const allowed = matches.filter((t) => t.fixed === best).flatMap((t) => t.methods);
    if (!allowed.length || allowed.includes(req.method)) return;
    // A route of the API answered and no path more specific is known (GET /reports/generate is the POST-only
    // path, not a report whose key is "generate"); the web UI's catch-all does not count.
    const matched = req.routeOptions.url;
    if (matched?.startsWith('/api/') && fixedOf(matched) >= best) return;
    if (allowed.includes('GET')) allowed.push('HEAD');
    void reply.header('allow', [...new Set(allowed)].join(', '));
    throw new AppError(
      405,
      'method_not_allowed',
      `Đường dẫn này không nhận phương thức ${req.method}.`,
      `This path does not take ${req.method}.`,
    );
  });
}
