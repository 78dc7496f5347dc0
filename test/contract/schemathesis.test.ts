// The contract tier: Schemathesis (Python, installed by scripts/setup.mjs in a venv of its own) reads the served
// OpenAPI document and drives the real API with generated requests — valid and invalid, every check, and the
// stateful phase that follows the document's links (plan → assignments → actions) — as an anonymous caller, as
// Home Affairs and as a unit. Any finding fails the test: a 5xx, an answer that does not match its schema or
// content type, a status the document does not declare, invalid data accepted, valid data refused.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedUsers, type SeededUser } from '../../apps/dev-stack/seed-users.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
// @ts-expect-error -- plain ESM without types; it only names the pinned tool's path
import { schemathesisPath, SCHEMATHESIS_VERSION } from '../../scripts/setup.mjs';
import { startApiStack, type ApiStack } from '../support/api-stack.js';
import { compileEntry } from '../support/engine.js';
import { wardPlanCode, wardPlanSource, WARD_FIXTURE } from '../support/ward-plan.js';

const SECRET = 'khoa-bi-mat-cho-kiem-thu-0123456789';
const PASSWORD = 'Mat-khau-2027';
const ST: string = process.env.SCHEMATHESIS_PATH ?? (schemathesisPath() as string);
/** Examples per operation and phase: enough to reach every status, a few minutes on two cores in all. */
const MAX_EXAMPLES = Number(process.env.DONDOC_CONTRACT_EXAMPLES ?? 5);
/** A fixed seed: the same requests in CI as on a developer's machine (DONDOC_CONTRACT_SEED to vary it). */
const SEED = process.env.DONDOC_CONTRACT_SEED ?? '20270101';

interface Outcome {
  code: number;
  output: string;
  seconds: number;
  junit: string;
}

function schemathesis(args: string[], reportDir: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const config = join(import.meta.dirname, 'schemathesis.toml');
    const child = spawn(
      ST,
      ['--config-file', config, 'run', ...args, '--report', 'junit', '--report-dir', reportDir],
      {
        env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
        // Schemathesis keeps a cache of its findings in the working folder: the run's own, not the repository.
        cwd: reportDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const junit = join(reportDir, 'junit.xml');
      resolve({
        code: code ?? -1,
        output,
        seconds: (Date.now() - started) / 1000,
        junit: existsSync(junit) ? readFileSync(junit, 'utf8') : '',
      });
    });
  });
}

describe(`the API against its own document (Schemathesis ${SCHEMATHESIS_VERSION as string})`, () => {
  let stack: ApiStack;
  let origin: string;
  let users: SeededUser[];
  let ir: PlanIR | undefined;
  const issuer = `ubnd_c${Date.now() % 1_000_000_000}`;
  const source = wardPlanSource(issuer, { indicator: true });
  const tokens = new Map<string, string>();

  async function token(login: string): Promise<string> {
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD }),
    });
    expect(res.status, `login ${login}`).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    expect(existsSync(ST), `${ST}: run node scripts/setup.mjs --for=test`).toBe(true);
    stack = await startApiStack({
      temporalAddress: inject('temporalAddress'),
      taskQueue: `contract-${Date.now()}`,
      secret: SECRET,
      env: { PUBLIC_URL: 'http://127.0.0.1:1' },
    });
    origin = stack.base.replace(/\/api$/, '');
    ir = compileEntry(WARD_FIXTURE, () => source).ir;
    users = await seedUsers(stack.tdb.db, ir, PASSWORD, stack.repositories);
    // A published plan, so that lists have rows and the links lead somewhere.
    const homeAffairs = await token(users.find((u) => u.role === 'home_affairs')!.login);
    const published = await fetch(`${origin}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${homeAffairs}` },
      body: JSON.stringify({ entry: 'ke-hoach.dondoc', files: { 'ke-hoach.dondoc': source } }),
    });
    expect(published.status).toBe(201);
    expect(wardPlanCode(issuer)).toBeTruthy();
    // Every session before any run: the runs try the sign-in too, and its rate limit would refuse ours after.
    for (const role of ['home_affairs', 'unit_member'])
      tokens.set(role, await token(users.find((u) => u.role === role)!.login));
  });

  afterAll(async () => {
    await stack?.stop([ir]);
  });

  const callers: { who: string; role?: string; exclude: string[] }[] = [
    { who: 'anonymous', exclude: [] },
    // Signing out would end the session the rest of the run uses; the anonymous run covers it.
    { who: 'Home Affairs', role: 'home_affairs', exclude: ['signOut'] },
    { who: 'a unit', role: 'unit_member', exclude: ['signOut'] },
  ];

  // The three callers run at once, one Schemathesis process each with one worker: the total is the longest run,
  // not the sum. One worker per process, because Hypothesis parses source in threads and CPython before 3.11.9
  // and 3.12.3 can fail doing that from two threads at once ("AST constructor recursion depth mismatch").
  const runs = new Map<string, Promise<Outcome & { file: string }>>();
  const started = (caller: (typeof callers)[number]) => {
    let run = runs.get(caller.who);
    if (!run) {
      run = runCaller(caller);
      // Awaited by its own test; a failure to start must not surface earlier as an unhandled rejection.
      run.catch(() => undefined);
      runs.set(caller.who, run);
    }
    return run;
  };

  async function runCaller(caller: (typeof callers)[number]): Promise<Outcome & { file: string }> {
    const headers = caller.role ? ['-H', `Authorization: Bearer ${tokens.get(caller.role)!}`] : [];
    const reportDir = mkdtempSync(join(tmpdir(), 'dondoc-contract-'));
    const run = await schemathesis(
      [
        `${origin}/api/docs/openapi.json`,
        '--url',
        origin,
        '--checks',
        'all',
        '--phases',
        'examples,coverage,fuzzing,stateful',
        '--max-examples',
        String(MAX_EXAMPLES),
        '--seed',
        SEED,
        '--workers',
        '1',
        // Publishing a plan starts its workflows: seconds on a busy two-core machine.
        '--request-timeout',
        '60',
        // What the API refuses everywhere before any route (NUL, lone surrogates) is not generated as valid.
        '--generation-allow-x00',
        'false',
        '--generation-codec',
        'utf-8',
        '--suppress-health-check',
        'all',
        '--no-color',
        ...headers,
        ...caller.exclude.flatMap((id) => ['--exclude-operation-id', id]),
      ],
      reportDir,
    );
    // The whole report stays for reading (CI keeps the folder; a developer opens it).
    const outDir = process.env.DONDOC_CONTRACT_OUT ?? join(tmpdir(), 'dondoc-contract');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${caller.role ?? 'anonymous'}.txt`);
    writeFileSync(file, run.output);
    return { ...run, file };
  }

  for (const caller of callers)
    it(`finds nothing to report as ${caller.who}`, async () => {
      // The first test starts every run; each test waits for its own.
      for (const c of callers) void started(c);
      const run = await started(caller);
      const summary = run.output.split('\n').slice(-30).join('\n');
      console.log(
        `[contract] ${caller.who}: ${run.seconds.toFixed(0)} s, full report in ${run.file}\n${summary}`,
      );
      expect(run.code, run.output.slice(-20_000)).toBe(0);
    });
});
