import 'reflect-metadata';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule, type AppResources } from './app.module.js';
import {
  answerConnectionError,
  answerFrameworkError,
  logRequest,
  multipartOnlyFor,
  readJsonOnly,
  refuseUnsafeUrl,
} from './common/http-input.js';
import { describeApi, refuseUndeclaredMethods } from './common/openapi.js';
import { authenticateBeforeBody } from './auth/auth-hook.js';
import { AuthService } from './auth/auth.service.js';
import { findWebDir, serveWebUi } from './web-ui.js';

/** `logStream`: where the JSON log lines go (standard output by default). */
export async function createApp(
  resources: AppResources,
  options: { logStream?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 6 * 1024 * 1024,
    // Behind a reverse proxy the sign-in limit and the audit log need the client's address, not the proxy's.
    ...(resources.env.TRUST_PROXY ? { trustProxy: trustedProxies(resources.env.TRUST_PROXY) } : {}),
    // Assignment ids and one-click tokens are long path parameters (the default limit is 100 characters).
    routerOptions: { maxParamLength: 2000 },
    // Structured JSON logs with the request id; credentials never reach a log line.
    logger:
      resources.env.LOG_LEVEL === 'fatal'
        ? false
        : {
            level: resources.env.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            serializers: { req: logRequest },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerConnectionError,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(resources), adapter, {
    // Bodies are read by readJsonOnly below, not by Nest's JSON and form parsers.
    bodyParser: false,
    logger: resources.env.LOG_LEVEL === 'debug' ? ['log', 'warn', 'error', 'debug'] : ['warn', 'error'],
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  // Written from the routes' own declarations (common/openapi.ts): what each validates is what it documents.
  const document = describeApi(app) as unknown as OpenAPIObject;
  // First of the hooks: a method the path does not take is 405 whatever the request carries.
  refuseUndeclaredMethods(fastify, document as never);
  readJsonOnly(fastify);
  // Evidence files arrive as multipart/form-data, streamed (the size limit is the upload route's own).
  await app.register(fastifyMultipart as never);
  multipartOnlyFor(fastify, (url) => /\/assignments\/:id\/files$/.test(url));
  // Hooks run in this order: who is calling, before anything of the request is read.
  authenticateBeforeBody(fastify, app.get(AuthService));
  refuseUnsafeUrl(fastify);
  fastify.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  fastify.addHook('onResponse', async (req, reply) => {
    resources.metrics.requests
      .labels(req.method, req.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', useGlobalPrefix: true });
  const webDir = findWebDir(resources.env.WEB_DIR);
  if (webDir) await serveWebUi(app, webDir);
  return app;
}

/** TRUST_PROXY as Fastify takes it: a hop count, or the proxies' addresses and CIDR ranges. */
function trustedProxies(value: string): number | string[] {
  return /^\d+$/.test(value) ? Number(value) : value.split(',').map((a) => a.trim());
}
