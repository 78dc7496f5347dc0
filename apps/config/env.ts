import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

// Production settings come from the environment; every default is the embedded development stack.
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('dondoc'),
  /**
   * Worker only, opt-in: the Worker Deployment the worker belongs to (docs/workflows.md, changing workflow code).
   * Set, the worker polls as one version of that deployment (AUTO_UPGRADE), and a release is rolled out by
   * making the new version current; unset, the worker is unversioned.
   */
  TEMPORAL_WORKER_DEPLOYMENT: z.string().min(1).optional(),
  /** Worker only: the build id of that version (default: derived from the workflow bundle's content). */
  TEMPORAL_WORKER_BUILD_ID: z.string().min(1).max(255).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  /** From address of every e-mail. */
  MAIL_FROM: z.string().min(3).default('Đôn Đốc <dondoc@localhost>'),
  /** Signs session tokens and one-click links; at least 32 characters in production. */
  APP_SECRET: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  ONE_CLICK_TTL_DAYS: z.coerce.number().int().min(1).max(60).default(14),
  /**
   * How long a mail dispatcher holds the outbox rows it claimed. A dispatcher that dies (its worker killed)
   * leaves them to the others after this; keep it well above the SMTP timeouts (about 3 min in all).
   */
  MAIL_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 3600)
    .default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  DONDOC_STATE_DIR: z.string().optional(),
  DONDOC_CACHE_DIR: z.string().optional(),
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** The built web UI (index.html and assets); default dist/web of this checkout. */
  WEB_DIR: z.string().optional(),
  /** The largest file an assignment may carry as evidence, in MiB (docs/files.md). */
  FILE_MAX_MB: z.coerce.number().min(0.001).max(1024).default(20),
  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For): their addresses or CIDR
   * ranges, comma-separated, or a number of hops. Unset: nobody's, the address is the connection's.
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/,
      'addresses or CIDR ranges, comma-separated, or a number of hops',
    )
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function cacheDir(env: Env = readEnv()): string {
  if (env.DONDOC_CACHE_DIR) return resolve(env.DONDOC_CACHE_DIR);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dondoc');
}

export function stateDir(env: Env = readEnv()): string {
  return resolve(env.DONDOC_STATE_DIR ?? '.state');
}

export function workflowBundlePath(env: Env = readEnv()): string {
  return resolve(env.WORKFLOW_BUNDLE_PATH ?? 'dist/workflow-bundle.js');
}
