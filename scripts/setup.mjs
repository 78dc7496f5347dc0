#!/usr/bin/env node
// Idempotent set-up for a fresh machine: Node packages, the Temporal dev server (CLI), the Temporal
// time-skipping test server, Schemathesis (a Python venv, for the contract tests), and the build. Tools are cached outside the repository so a second run is instant.
// Runs on the machine's own Node (any >= 18), before node_modules exists: no dependencies, plain ESM.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  chmodSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_CLI_VERSION = '1.5.1';
const TEST_SERVER_VERSION = '1.38.0';
// The contract tier (test/contract): Schemathesis from PyPI, in a virtual environment of its own in the cache.
export const SCHEMATHESIS_VERSION = '4.32.5';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const purpose = args.get('for') ?? 'all'; // start | test | all
const verbose = args.has('verbose') || process.env.DONDOC_SETUP_VERBOSE === '1';

export function cacheDir() {
  if (process.env.DONDOC_CACHE_DIR) return process.env.DONDOC_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'dondoc');
}

const CACHE = cacheDir();
const TOOLS = join(CACHE, 'tools');
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const steps = [];

function log(msg) {
  process.stdout.write(`[setup] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`\n[setup] ✗ ${msg}\n`);
  process.exit(1);
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

// Runs a command, showing a heartbeat while it is quiet so a long cold build never looks hung.
function run(cmd, cmdArgs, { env = process.env, cwd = ROOT, label } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { env, cwd, stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let lines = 0;
    const keep = (chunk) => {
      const s = chunk.toString();
      lines += s.split('\n').length - 1;
      tail = (tail + s).slice(-6000);
    };
    // The last line it wrote, so that the heartbeat says where it is (pip: "Downloading hypothesis-…").
    const latest = () => {
      const line = tail.trimEnd().split('\n').at(-1)?.trim() ?? '';
      return line ? `: ${line.length > 100 ? `${line.slice(0, 97)}…` : line}` : '';
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const started = Date.now();
    const beat = setInterval(() => {
      log(
        `  … ${label ?? cmd} still running (${secs(Date.now() - started)}, ${lines} lines of output)${latest()}`,
      );
    }, 15_000);
    child.on('error', (err) => {
      clearInterval(beat);
      reject(new Error(`${cmd}: ${err.message}`));
    });
    child.on('exit', (code) => {
      clearInterval(beat);
      if (code === 0) resolve();
      else reject(new Error(`${label ?? cmd} exited with code ${code}\n${tail}`));
    });
  });
}

async function step(title, fn) {
  const started = Date.now();
  log(`▸ ${title}`);
  const detail = await fn();
  const took = Date.now() - started;
  steps.push({ title, took });
  log(`✓ ${title}${detail ? `: ${detail}` : ''} (${secs(took)})`);
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function nodePackages() {
  const lock = join(ROOT, 'package-lock.json');
  const stamp = join(ROOT, 'node_modules', '.dondoc-lock-sha256');
  const want = sha256(lock);
  if (
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === want &&
    existsSync(join(ROOT, 'node_modules/.bin/node'))
  ) {
    return 'up to date';
  }
  if (!which('npm')) fail('npm is not on PATH. Install Node.js (20 or newer) with npm.');
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { label: 'npm ci' });
  if (!existsSync(join(ROOT, 'node_modules/.bin/node'))) {
    fail(
      'the Node 24 runtime (npm package "node") did not install: npm must allow its install script (package.json "allowScripts").',
    );
  }
  writeFileSync(stamp, want);
  return 'installed';
}

function temporalCliPath() {
  return join(TOOLS, `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

async function temporalCli() {
  if (process.env.TEMPORAL_CLI_PATH) {
    if (!existsSync(process.env.TEMPORAL_CLI_PATH))
      fail(`TEMPORAL_CLI_PATH=${process.env.TEMPORAL_CLI_PATH} does not exist.`);
    return `using TEMPORAL_CLI_PATH=${process.env.TEMPORAL_CLI_PATH}`;
  }
  const onPath = which('temporal');
  if (onPath) return `using ${onPath} from PATH`;
  const target = temporalCliPath();
  if (existsSync(target)) return `cached at ${target}`;
  const go = which('go');
  if (!go) {
    log(
      '  ! Go is not installed and no Temporal CLI was found (TEMPORAL_CLI_PATH, PATH or cache).\n' +
        '    The product will fall back to the Temporal SDK download of the dev server, which needs internet.\n' +
        '    Offline, install Go (1.22+) and run this set-up again, or set TEMPORAL_CLI_PATH.',
    );
    return 'not available (SDK download fallback)';
  }
  log(`  building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go (first time only; a few minutes)`);
  const goEnv = {
    ...process.env,
    GOPATH: join(CACHE, 'go'),
    GOMODCACHE: join(CACHE, 'go', 'pkg', 'mod'),
    GOCACHE: join(CACHE, 'go-build'),
    GOBIN: dirname(target),
    CGO_ENABLED: '0',
    GOFLAGS: '-buildvcs=false',
  };
  mkdirSync(dirname(target), { recursive: true });
  await run(go, ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
    env: goEnv,
    cwd: CACHE,
    label: 'go install temporal',
  });
  if (!existsSync(target)) fail(`go install finished but ${target} is missing.`);
  return `built ${target}`;
}

const TEST_SERVER_POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dondoc.tools</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEST_SERVER_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-nop</artifactId>
      <version>2.0.16</version>
    </dependency>
  </dependencies>
</project>
`;

// The SDK launches this with exactly "<port>"; exec so that its SIGKILL reaches the JVM itself.
const TEST_SERVER_WRAPPER = `#!/bin/sh
# Temporal time-skipping test server ${TEST_SERVER_VERSION} (Java), started with one argument: the port.
DIR=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
exec "\${JAVA:-java}" -Xmx512m -Xss1m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \\
  -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$@"
`;

async function testServer() {
  if (process.env.TEMPORAL_TEST_SERVER_PATH) {
    if (!existsSync(process.env.TEMPORAL_TEST_SERVER_PATH)) {
      fail(`TEMPORAL_TEST_SERVER_PATH=${process.env.TEMPORAL_TEST_SERVER_PATH} does not exist.`);
    }
    return `using TEMPORAL_TEST_SERVER_PATH=${process.env.TEMPORAL_TEST_SERVER_PATH}`;
  }
  const onPath = which('temporal-test-server');
  if (onPath) return `using ${onPath} from PATH`;
  const dir = join(TOOLS, `temporal-test-server-${TEST_SERVER_VERSION}`);
  const wrapper = join(dir, 'temporal-test-server');
  const lib = join(dir, 'lib');
  const ready =
    existsSync(wrapper) &&
    existsSync(lib) &&
    readdirSync(lib).some((f) => f.startsWith('temporal-test-server'));
  if (ready) return `cached at ${wrapper}`;
  const java = which('java');
  const mvn = which('mvn');
  if (!java || !mvn) {
    log(
      `  ! ${!java ? 'java' : 'mvn'} is not on PATH: cannot fetch the time-skipping test server from Maven Central.\n` +
        '    Install a JDK (11+) and Maven, or set TEMPORAL_TEST_SERVER_PATH; with internet the SDK downloads its own.',
    );
    return 'not available (SDK download fallback)';
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), TEST_SERVER_POM);
  log(`  fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} with Maven (first time only)`);
  await run(
    mvn,
    [
      '-B',
      '-q',
      '-f',
      join(dir, 'pom.xml'),
      `-Dmaven.repo.local=${join(CACHE, 'm2')}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
      '-DincludeScope=runtime',
    ],
    { cwd: dir, label: 'mvn dependency:copy-dependencies' },
  );
  writeFileSync(wrapper, TEST_SERVER_WRAPPER);
  chmodSync(wrapper, 0o755);
  return `installed ${wrapper}`;
}

// The browser tests drive Debian's Chromium (playwright-core brings no browser). CHROMIUM_PATH overrides.
async function chromiumBrowser() {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) fail(`CHROMIUM_PATH=${given} does not exist.`);
    return `using CHROMIUM_PATH=${given}`;
  }
  const found = ['chromium', 'chromium-browser'].map(which).find(Boolean);
  if (found) return `using ${found}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !which('apt-get'))
    fail(
      'Chromium is needed for the browser tests. Install it (Debian/Ubuntu: sudo apt-get install chromium) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, label: 'apt-get update' });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    env,
    label: 'apt-get install chromium',
  });
  const installed = ['chromium', 'chromium-browser'].map(which).find(Boolean);
  if (!installed) fail('apt-get installed chromium but no chromium executable is on PATH.');
  return `installed ${installed}`;
}

// The worker runs with jemalloc when the system has it (apps/worker/allocator.ts): with glibc's malloc it
// holds about three times the memory per cached workflow. Optional: without it everything works, with more memory.
// The folders are allocator.ts's LIBRARY_DIRS, repeated because this script runs before anything is built.
const JEMALLOC_DIRS = [
  '/usr/local/lib',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
];
async function jemalloc() {
  if (process.platform !== 'linux') return 'not on Linux: the worker uses the system allocator';
  const find = () =>
    process.env.JEMALLOC_PATH ?? JEMALLOC_DIRS.map((d) => join(d, 'libjemalloc.so.2')).find(existsSync);
  const found = find();
  if (found) return `using ${found}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !which('apt-get'))
    return 'not found: the worker uses the system allocator (more memory; install libjemalloc2 or set JEMALLOC_PATH)';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libjemalloc2'], {
      env,
      label: 'apt-get install libjemalloc2',
    });
  try {
    // The package lists may be stale or missing on a fresh machine: refresh once and try again.
    await install().catch(() =>
      run('apt-get', ['update', '-qq'], { env, label: 'apt-get update' }).then(install),
    );
  } catch (err) {
    return `not installed (${String(err).split('\n')[0]}): the worker uses the system allocator`;
  }
  return find() ? `installed ${find()}` : 'apt-get ran but libjemalloc.so.2 was not found: system allocator';
}

// The document tests open the DOCX in a real office suite: LibreOffice converts it to PDF, poppler reads the text
// back and draws page 1 (test/integration/report-documents.test.ts). Optional: without them those tests are
// skipped, saying why. Liberation fonts stand in for Times New Roman with the same metrics.
const DOCUMENT_TOOLS = ['libreoffice-writer-nogui', 'poppler-utils', 'fonts-liberation2'];
async function documentTools() {
  const present = () => ['soffice', 'pdftotext', 'pdftoppm'].every(which);
  if (present()) return `using ${which('soffice')}, ${which('pdftotext')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !which('apt-get'))
    return (
      'not installed: the document tests will be skipped. Install them with ' +
      `sudo apt-get install ${DOCUMENT_TOOLS.join(' ')}`
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...DOCUMENT_TOOLS], {
      env,
      label: `apt-get install ${DOCUMENT_TOOLS.join(' ')}`,
    });
  try {
    await install().catch(() =>
      run('apt-get', ['update', '-qq'], { env, label: 'apt-get update' }).then(install),
    );
  } catch (err) {
    return `not installed (${String(err).split('\n')[0]}): the document tests will be skipped`;
  }
  return present() ? `installed ${which('soffice')}` : 'apt-get ran but soffice or pdftotext is not on PATH';
}

/** Where the contract tier finds the `schemathesis` command (test/contract/schemathesis.test.ts reads this too). */
export function schemathesisPath() {
  return join(cacheDir(), 'tools', `schemathesis-${SCHEMATHESIS_VERSION}`, 'bin', 'schemathesis');
}

// A virtual environment per pinned version: a new pin makes a new folder, an old one is left as it was. The stamp is
// written last, so an interrupted install is redone from a clean venv on the next run.
async function schemathesis() {
  const given = process.env.SCHEMATHESIS_PATH;
  if (given) {
    if (!existsSync(given)) fail(`SCHEMATHESIS_PATH=${given} does not exist.`);
    return `using SCHEMATHESIS_PATH=${given}`;
  }
  const target = schemathesisPath();
  const venv = dirname(dirname(target));
  const stamp = join(venv, '.dondoc-installed');
  if (existsSync(target) && existsSync(stamp)) return `cached at ${target}`;
  const python = await findPython();
  if (!python)
    fail(
      `Python ${PYTHON_MIN.join('.')} or newer is needed for the contract tests (Schemathesis ${SCHEMATHESIS_VERSION}). ` +
        'Install it (Debian/Ubuntu: sudo apt-get install python3 python3-venv) or set SCHEMATHESIS_PATH to a ' +
        'schemathesis executable.',
    );
  log(
    `  creating a virtual environment with ${python.path} (Python ${python.version}) in ${venv} (first time only)`,
  );
  try {
    await run(python.path, ['-m', 'venv', '--clear', venv], { label: 'python -m venv' });
  } catch (err) {
    fail(
      `Could not create a Python virtual environment in ${venv}. On Debian/Ubuntu the venv module is a package ` +
        `of its own: sudo apt-get install python3-venv (or python${python.version}-venv).\n${String(err)}`,
    );
  }
  log(`  installing schemathesis==${SCHEMATHESIS_VERSION} from PyPI (about 40 packages, a minute or two)`);
  try {
    await run(
      join(venv, 'bin', 'python'),
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--progress-bar',
        'off',
        `schemathesis==${SCHEMATHESIS_VERSION}`,
      ],
      { label: `pip install schemathesis==${SCHEMATHESIS_VERSION}` },
    );
  } catch (err) {
    fail(
      `Could not install Schemathesis ${SCHEMATHESIS_VERSION} from PyPI. Is https://pypi.org reachable from here? ` +
        'Behind a proxy set HTTPS_PROXY; with a mirror set PIP_INDEX_URL; or install it yourself and set ' +
        `SCHEMATHESIS_PATH. Run again to retry (the half-made venv is replaced).\n${String(err)}`,
    );
  }
  if (!existsSync(target)) fail(`pip finished but ${target} is missing.`);
  writeFileSync(stamp, `${SCHEMATHESIS_VERSION}\n`);
  return `installed ${target}`;
}

/** Schemathesis' own floor (its Requires-Python). */
const PYTHON_MIN = [3, 11];

/** The newest Python on PATH that Schemathesis supports. */
async function findPython() {
  const names = ['python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3', 'python'];
  for (const path of [...new Set(names.map(which).filter(Boolean))]) {
    const version = await new Promise((resolve) => {
      const child = spawn(path, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.on('error', () => resolve(undefined));
      child.on('exit', (code) => resolve(code === 0 ? out.trim() : undefined));
    });
    const [major, minor] = String(version ?? '0.0')
      .split('.')
      .map(Number);
    if (major > PYTHON_MIN[0] || (major === PYTHON_MIN[0] && minor >= PYTHON_MIN[1]))
      return { path, version };
  }
  return undefined;
}

async function build() {
  // npm run puts node_modules/.bin (Node 24) first on PATH.
  await run('npm', ['run', '--silent', 'build'], { label: 'npm run build' });
  return 'dist/ and the workflow bundle';
}

async function main() {
  log(`Đôn Đốc set-up (${purpose}); tools cache: ${CACHE}`);
  mkdirSync(TOOLS, { recursive: true });
  try {
    await step('Node packages (npm ci)', nodePackages);
    await step(`Temporal CLI ${TEMPORAL_CLI_VERSION} (dev server + Web UI)`, temporalCli);
    await step('jemalloc (the worker’s memory allocator)', jemalloc);
    if (purpose !== 'start') {
      await step(`Temporal time-skipping test server ${TEST_SERVER_VERSION}`, testServer);
      await step('Chromium (browser tests)', chromiumBrowser);
      await step('LibreOffice and poppler (document tests)', documentTools);
      await step(`Schemathesis ${SCHEMATHESIS_VERSION} (contract tests, Python venv)`, schemathesis);
    }
    await step('Build (TypeScript, workflow bundle, web UI)', build);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  log(`ready in ${secs(Date.now() - t0)}`);
}

// Allow `import { cacheDir } from './setup.mjs'` without running.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
