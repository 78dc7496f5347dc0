// Checks the production container files without a Docker engine: docker-compose.yml is parsed,
// interpolated as Compose would, validated against the Compose Specification JSON schema (the copy
// that the `dclint` package ships), linted with dclint's correctness rules, and checked for the
// consistency that the schema cannot see. The Dockerfile is parsed lightly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { DCLinter } from 'dclint';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPOSE_PATH = join(ROOT, 'docker-compose.yml');
const DOCKERFILE_PATH = join(ROOT, 'Dockerfile');

/** Every environment variable the app reads; the compose file's header documents the same list. */
const APP_ENV = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'PORT',
  'HOST',
  'SMTP_URL',
  'PUBLIC_URL',
  'LOG_LEVEL',
  'APP_SECRET',
  'MAIL_FROM',
  'SESSION_TTL_HOURS',
  'ONE_CLICK_TTL_DAYS',
  'MAIL_LEASE_SECONDS',
  'TRUST_PROXY',
  'FILE_MAX_MB',
] as const;
/**
 * Variables in the app's environment schema that only the embedded development stack uses, or that point at
 * build outputs whose default is already right in the image (the workflow bundle, the web UI).
 */
const DEV_ONLY_ENV = ['DONDOC_STATE_DIR', 'DONDOC_CACHE_DIR', 'WORKFLOW_BUNDLE_PATH', 'WEB_DIR'];
/**
 * Opt-in settings left out of the compose file: Worker Deployment versioning of the worker, which needs a step
 * of the rollout to make a version current (docs/deploy.md); unset, the worker is unversioned.
 */
const OPT_IN_ENV = ['TEMPORAL_WORKER_DEPLOYMENT', 'TEMPORAL_WORKER_BUILD_ID'];
/** Where the app's environment schema lives, and where the SQL migrations are read from at run time. */
const APP_CONFIG_SOURCE = 'apps/config/env.ts';
const MIGRATIONS_DIR = 'apps/database/migrations';
/** Settings the operator must give (`${VAR:?…}`): secrets and the public address. */
const REQUIRED_SETTINGS = ['APP_SECRET', 'POSTGRES_PASSWORD', 'PUBLIC_URL'];
/** Settings that must never have a value written in the compose file. */
const SECRETS = ['APP_SECRET', 'POSTGRES_PASSWORD'];
/** Environment values that api, worker and migrate must agree on. */
const SHARED_ENV = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE'];
/** Sample operator settings used to interpolate the file as `docker compose` would with a .env. */
const SAMPLE_SETTINGS: Record<string, string> = {
  APP_SECRET: 'test-jwt-secret',
  POSTGRES_PASSWORD: 'testpassword',
  PUBLIC_URL: 'https://dondoc.example.gov.vn',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  profiles?: string[];
  ports?: (string | number | Record<string, unknown>)[];
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const composeSource = readFileSync(COMPOSE_PATH, 'utf8');

/** Parses YAML the way Compose does (merge keys `<<` honoured); throws on any YAML error or warning. */
function parseYaml(source: string): Json {
  const doc = parseDocument(source, { merge: true, prettyErrors: true, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  return doc.toJS({ maxAliasCount: 100 }) as Json;
}

/**
 * Compose's interpolation: `$$` is a literal `$`; `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, `${VAR+alt}`. Nested defaults are not used here.
 */
function interpolate(value: string, env: Record<string, string>, used: Set<string>): string {
  return value.replace(
    /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (match, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      used.add(name);
      const current = env[name];
      const set = current !== undefined;
      const nonEmpty = set && current !== '';
      switch (op) {
        case undefined:
          return current ?? '';
        case ':-':
          return nonEmpty ? current : (arg ?? '');
        case '-':
          return set ? current : (arg ?? '');
        case ':?':
          if (!nonEmpty) throw new Error(`required variable ${name} is missing a value: ${arg ?? ''}`);
          return current;
        case '?':
          if (!set) throw new Error(`required variable ${name} is missing a value: ${arg ?? ''}`);
          return current;
        case ':+':
          return nonEmpty ? (arg ?? '') : '';
        case '+':
          return set ? (arg ?? '') : '';
        default:
          throw new Error(`unsupported interpolation ${match}`);
      }
    },
  );
}

function interpolateTree(node: Json, env: Record<string, string>, used = new Set<string>()): Json {
  if (typeof node === 'string') return interpolate(node, env, used);
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, env, used));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolateTree(value, env, used)]),
    );
  }
  return node;
}

/** Every `${VAR:?…}` / `${VAR?…}` in the raw text. */
function requiredVariables(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}/g))
    names.add(match[1]!);
  return [...names].sort();
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

function dependenciesOf(service: Service): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec.condition]));
}

function commandText(service: Service): string {
  const parts = [service.entrypoint ?? [], service.command ?? []].flat();
  return parts.join(' ');
}

/** `repo[:tag][@digest]` → tag, or undefined when the reference has no tag (Docker then means `latest`). */
function imageTag(reference: string): string | undefined {
  const withoutDigest = reference.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  return lastColon > lastSlash ? withoutDigest.slice(lastColon + 1) : undefined;
}

/** The Compose Specification's JSON schema as the `dclint` package ships it, compiled with ajv. */
function composeSchemaValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
  const { $schema, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  expect(schema.title).toBe('Compose Specification');
  // Draft-07, named by its https address, which ajv does not know by that name: ajv's draft-07 applies.
  expect($schema).toMatch(/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/);
  // The schema carries annotations (e.g. `deprecated`) that draft-07 does not define: not strict.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return { ajv, validate: ajv.compile(schema) };
}

const raw = parseYaml(composeSource) as unknown as ComposeFile;
const compose = interpolateTree(raw as unknown as Json, SAMPLE_SETTINGS) as unknown as ComposeFile;
const services = compose.services;
const serviceNames = Object.keys(services);
const productionServices = serviceNames.filter((name) => !(services[name]!.profiles ?? []).length);
const APP_SERVICES = ['api', 'worker', 'migrate'];

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const { ajv, validate } = composeSchemaValidator();
    const valid = validate(compose);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors, { separator: '\n' })).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the schema when it is broken (the check has teeth)', () => {
    const { validate } = composeSchemaValidator();
    const broken = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.api!.depends_on = { migrate: { condition: 'service_finished' } };
    broken.services.worker!.restrat = 'always';
    expect(validate(broken)).toBe(false);
  });

  it('passes dclint’s correctness and security rules', () => {
    const linter = new DCLinter({
      quiet: true,
      debug: false,
      exclude: [],
      rules: {
        'no-duplicate-container-names': 2,
        'no-duplicate-exported-ports': 2,
        'no-unbound-port-interfaces': 2,
        'no-version-field': 2,
        'no-quotes-in-volumes': 2,
        'service-image-require-explicit-tag': 2,
        'service-container-name-regex': 2,
        'require-quotes-in-ports': 2,
        // Style rules (ordering of keys and services) and a project-name field are matters of taste here;
        // build + image together is deliberate: api, worker and migrate share one tagged local build.
        'no-build-and-image': 0,
        'require-project-name-field': 0,
        'service-keys-order': 0,
        'services-alphabetical-order': 0,
        'service-dependencies-alphabetical-order': 0,
        'service-ports-alphabetical-order': 0,
        'top-level-properties-order': 0,
      },
    });
    const [result] = linter.lintFiles([COMPOSE_PATH], false);
    const messages = (result?.messages ?? []).map(
      (m: { line: number; rule: string; message: string }) => `${m.line}: ${m.rule}: ${m.message}`,
    );
    expect(messages).toEqual([]);
  });

  it('asks the operator for its secrets and public address instead of hard-coding them', () => {
    expect(requiredVariables(composeSource)).toEqual([...REQUIRED_SETTINGS].sort());
    for (const name of REQUIRED_SETTINGS) {
      const { [name]: _omitted, ...missing } = SAMPLE_SETTINGS;
      expect(() => interpolateTree(raw as unknown as Json, missing), name).toThrow(new RegExp(name));
    }
    for (const secret of SECRETS) {
      for (const [name, service] of Object.entries(raw.services)) {
        const value = environmentOf(service)[secret];
        if (value !== undefined)
          expect(value, `${name}.${secret}`).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
      }
    }
    expect(composeSource).not.toMatch(/test-jwt-secret|testpassword/);
  });

  it('points every depends_on at an existing service, with a condition that service can meet', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependenciesOf(service))) {
        expect(serviceNames, `${name} depends on ${target}`).toContain(target);
        const dependency = services[target]!;
        expect(
          dependency.profiles ?? [],
          `${name} depends on ${target}, which is not always started`,
        ).toEqual([]);
        if (condition === 'service_healthy') {
          expect(dependency.healthcheck?.test, `${target} needs a healthcheck for ${name}`).toBeDefined();
          expect(dependency.healthcheck?.disable ?? false).toBe(false);
        }
      }
    }
  });

  it('has no dependency cycle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`cycle: ${[...path, name].join(' → ')}`);
      state.set(name, 'visiting');
      for (const target of Object.keys(dependenciesOf(services[name] ?? {}))) visit(target, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of serviceNames) expect(() => visit(name, [])).not.toThrow();
  });

  it('has the production services, with the start order that makes them work', () => {
    for (const name of ['postgresql', 'temporal-admin-tools', 'temporal', 'temporal-ui', 'api', 'worker']) {
      expect(productionServices).toContain(name);
    }
    expect(dependenciesOf(services['temporal-admin-tools']!)).toMatchObject({
      postgresql: 'service_healthy',
    });
    expect(dependenciesOf(services.temporal!)).toMatchObject({
      'temporal-admin-tools': 'service_completed_successfully',
    });
    for (const name of ['api', 'worker']) {
      const deps = dependenciesOf(services[name]!);
      expect(deps, name).toMatchObject({ migrate: 'service_completed_successfully' });
      // The namespace job runs only once Temporal is healthy, so this also waits for Temporal.
      expect(deps, name).toMatchObject({ 'temporal-namespace': 'service_completed_successfully' });
    }
    expect(dependenciesOf(services['temporal-namespace']!)).toMatchObject({ temporal: 'service_healthy' });
    expect(dependenciesOf(services.migrate!)).toMatchObject({ postgresql: 'service_healthy' });
  });

  it('creates and updates both Temporal databases with the PostgreSQL v12 schemas', () => {
    const script = commandText(services['temporal-admin-tools']!);
    for (const db of ['temporal', 'temporal_visibility']) {
      expect(script).toMatch(new RegExp(`--db ${db} create-database`));
      expect(script).toMatch(new RegExp(`--db ${db} setup-schema -v 0\\.0`));
    }
    expect(script).toContain('--plugin postgres12');
    expect(script).toContain('update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned');
    expect(script).toContain('update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned');
    // The server must read the databases the job prepared, on the same PostgreSQL, as the same role.
    const server = environmentOf(services.temporal!);
    expect(server).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql', DB_PORT: '5432' });
    expect(server.NUM_HISTORY_SHARDS).toMatch(/^\d+$/);
    expect(server.BIND_ON_IP).toBe('0.0.0.0');
    const postgres = environmentOf(services.postgresql!);
    expect(server.POSTGRES_USER).toBe(postgres.POSTGRES_USER);
    expect(server.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
    expect(script).toContain(`-u ${postgres.POSTGRES_USER}`);
    expect(environmentOf(services['temporal-admin-tools']!).SQL_PASSWORD).toBe(postgres.POSTGRES_PASSWORD);
  });

  it('gives api, worker and migrate the same app image and the same connections', () => {
    const reference = environmentOf(services.api!);
    for (const name of APP_SERVICES) {
      const service = services[name]!;
      expect(service.image, name).toBe(services.api!.image);
      expect(service.build, name).toEqual(services.api!.build);
      const env = environmentOf(service);
      for (const key of SHARED_ENV) expect(env[key], `${name}.${key}`).toBe(reference[key]);
    }
  });

  it('sets every variable the app reads for the API, with values that agree with the other services', () => {
    const env = environmentOf(services.api!);
    for (const key of APP_ENV) expect(env[key], key).toBeTruthy();
    const worker = environmentOf(services.worker!);
    for (const key of APP_ENV.filter((k) => k !== 'PORT' && k !== 'HOST'))
      expect(worker[key], key).toBeTruthy();

    const db = new URL(env.DATABASE_URL!);
    const postgres = environmentOf(services.postgresql!);
    expect(db.protocol).toBe('postgres:');
    expect(serviceNames).toContain(db.hostname);
    expect(db.username).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(db.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(db.pathname).toBe('/dondoc');
    expect(db.pathname.slice(1)).toBe(postgres.POSTGRES_DB);

    const [temporalHost, temporalPort] = env.TEMPORAL_ADDRESS!.split(':');
    expect(serviceNames).toContain(temporalHost);
    expect(temporalPort).toBe('7233');
    expect(environmentOf(services['temporal-ui']!).TEMPORAL_ADDRESS).toBe(env.TEMPORAL_ADDRESS);
    expect(environmentOf(services['temporal-namespace']!).NAMESPACE).toBe(env.TEMPORAL_NAMESPACE);

    // The published port reaches the port the API listens on.
    const published = (services.api!.ports ?? []).map(String);
    expect(published.some((p) => p.endsWith(`:${env.PORT}`))).toBe(true);
    expect(env.HOST).toBe('0.0.0.0');
    expect(new URL(env.PUBLIC_URL!).protocol).toMatch(/^https?:$/);
    expect(new URL(env.SMTP_URL!).protocol).toMatch(/^smtps?:$/);
  });

  it("covers every production variable of the app's environment schema", () => {
    const source = readFileSync(join(ROOT, APP_CONFIG_SOURCE), 'utf8');
    const keys = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]*): z\./gm)].map((m) => m[1]!);
    expect(keys.length, `no variables found in ${APP_CONFIG_SOURCE}`).toBeGreaterThan(0);
    const unknown = keys.filter(
      (k) =>
        !(APP_ENV as readonly string[]).includes(k) && !DEV_ONLY_ENV.includes(k) && !OPT_IN_ENV.includes(k),
    );
    expect(unknown, 'add them to docker-compose.yml (and its header) and to APP_ENV').toEqual([]);
  });

  it('documents every app variable in its header comment', () => {
    const header = composeSource.slice(0, composeSource.indexOf('\nname:'));
    for (const key of APP_ENV) expect(header, key).toMatch(new RegExp(`^#\\s+${key}\\s`, 'm'));
  });

  it('pins every image to an explicit tag, never latest', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.image, `${name} has an image`).toBeTruthy();
      const tag = imageTag(service.image!);
      expect(tag, `${name}: ${service.image}`).toBeTruthy();
      expect(tag, `${name}: ${service.image}`).not.toMatch(/^(latest|stable|edge|nightly)$/);
    }
  });

  it('runs the roles of the image with the commands the build produces', () => {
    expect(services.api!.command).toEqual(['node', 'dist/apps/api/main.js']);
    expect(services.worker!.command).toEqual(['node', 'dist/apps/worker/main.js']);
    expect(services.migrate!.command).toEqual(['node', 'dist/apps/cli/main.js', 'migrate']);
    // dist/apps/X/main.js is tsc's output for apps/X/main.ts.
    for (const name of ['api', 'worker', 'cli']) {
      expect(existsSync(join(ROOT, `apps/${name}/main.ts`)), `apps/${name}/main.ts`).toBe(true);
    }
  });

  it('keeps the database on a named volume and publishes ports on loopback only', () => {
    const volumes = (raw.services.postgresql as { volumes?: string[] }).volumes ?? [];
    const data = volumes.find((v) => v.endsWith(':/var/lib/postgresql/data'));
    expect(data).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.split(':')[0]);
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) expect(String(port), name).toMatch(/^127\.0\.0\.1:/);
    }
  });
});

type Instruction = { stage: number; keyword: string; args: string; line: number };

/** Dockerfile instructions with continuations joined and comments dropped. */
function parseDockerfile(source: string): Instruction[] {
  const instructions: Instruction[] = [];
  let stage = -1;
  let buffer = '';
  let startLine = 0;
  source.split('\n').forEach((text, index) => {
    const trimmed = text.trim();
    if (buffer === '' && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (buffer === '') startLine = index + 1;
    if (buffer !== '' && trimmed.startsWith('#')) return;
    if (trimmed.endsWith('\\')) {
      buffer += trimmed.slice(0, -1) + ' ';
      return;
    }
    buffer += trimmed;
    const [keyword = '', ...rest] = buffer.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') stage += 1;
    instructions.push({ stage, keyword: upper, args: rest.join(' '), line: startLine });
    buffer = '';
  });
  return instructions;
}

describe('Dockerfile', () => {
  const source = readFileSync(DOCKERFILE_PATH, 'utf8');
  const instructions = parseDockerfile(source);
  const args = Object.fromEntries(
    instructions
      .filter((i) => i.keyword === 'ARG' && i.stage === -1 && i.args.includes('='))
      .map((i) => [i.args.slice(0, i.args.indexOf('=')), i.args.slice(i.args.indexOf('=') + 1)]),
  );
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  const finalStage = froms.length - 1;
  const final = instructions.filter((i) => i.stage === finalStage);

  it('builds in several stages from pinned Node 24 images', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const stageNames = new Set<string>();
    for (const from of froms) {
      const [imageRef = '', as, name] = from.args.split(/\s+/);
      if (as?.toUpperCase() === 'AS' && name) stageNames.add(name);
      const image = imageRef.replace(
        /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/,
        (_m: string, v: string) => args[v] ?? '',
      );
      if (stageNames.has(image)) continue;
      expect(image, `line ${from.line}`).toMatch(/^node:24\.\d+\.\d+-/);
      expect(imageTag(image), `line ${from.line}`).not.toBe('latest');
    }
  });

  it('builds with npm ci and npm run build, and ships production dependencies only', () => {
    const runs = (stage: number) =>
      instructions
        .filter((i) => i.stage === stage && i.keyword === 'RUN')
        .map((i) => i.args)
        .join('\n');
    expect(runs(0)).toMatch(/npm ci\b/);
    expect(runs(0)).toMatch(/npm run build\b/);
    expect(runs(finalStage)).toMatch(/npm ci\b[^\n]*--omit=dev/);
    expect(runs(finalStage)).not.toMatch(/npm run build/);
    expect(final.some((i) => i.keyword === 'COPY' && /--from=\S+\s+\S*dist\s/.test(i.args))).toBe(true);
  });

  it('runs as a user that is not root in the final stage', () => {
    const users = final.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
  });

  it('starts the API by default, the role whose command the compose file also names', () => {
    const cmd = final.filter((i) => i.keyword === 'CMD').at(-1);
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd!.args)).toEqual(services.api!.command);
    expect(final.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
  });

  it('ships the SQL migrations where the app reads them', () => {
    expect(readdirSync(join(ROOT, MIGRATIONS_DIR)).some((f) => f.endsWith('.sql'))).toBe(true);
    const copies = final
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .map((i) => i.args);
    expect(copies).toContainEqual(`${MIGRATIONS_DIR} ./${MIGRATIONS_DIR}`);
    expect(final.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
  });

  it('checks the same health endpoint of the API as the compose file', () => {
    const url = (text: string) => /(\/[A-Za-z][\w/]*)'\)/.exec(text)?.[1];
    const check = final.find((i) => i.keyword === 'HEALTHCHECK');
    expect(check).toBeDefined();
    const composeTest = [services.api!.healthcheck?.test ?? []].flat().join(' ');
    expect(url(check!.args)).toBeDefined();
    expect(url(composeTest)).toBe(url(check!.args));
  });

  it('sends only the sources to the build, never secrets or node_modules', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.git', '.env']) expect(ignored).toContain(entry);
    for (const copy of instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const src of sources) expect(ignored, `COPY ${src} is not ignored`).not.toContain(src);
    }
  });
});
