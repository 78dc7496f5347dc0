import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The rule that keeps workflow code deterministic must catch what the sandbox would refuse or what would
// silently break replay.
describe('lint rule for workflow code', () => {
  const eslint = new ESLint();
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => m.ruleId);
  };

  it('refuses Node modules, I/O packages and host globals in workflows/', async () => {
    const rules = await lint(
      [
        "import { readFileSync } from 'node:fs';",
        "import pg from 'pg';",
        'export const a = readFileSync; export const b = pg;',
        'export const c = process.env.X;',
        'export const d = Math.random();',
      ].join('\n'),
      'workflows/bad.workflow.ts',
    );
    expect(rules.filter((r) => r === '@typescript-eslint/no-restricted-imports')).toHaveLength(2);
    expect(rules).toContain('no-restricted-globals');
    expect(rules).toContain('no-restricted-properties');
  });

  it('allows the workflow API, contracts and activity types', async () => {
    const rules = await lint(
      [
        "import { sleep } from '@temporalio/workflow';",
        "import type { AssignmentActivities } from './activities.js';",
        "import { assignmentStateQuery } from './contracts.js';",
        'export type A = AssignmentActivities;',
        'export const x = [sleep, assignmentStateQuery];',
      ].join('\n'),
      'workflows/good.workflow.ts',
    );
    expect(rules).toEqual([]);
  });

  it('refuses a value import of activities into workflow code', async () => {
    const rules = await lint(
      "import { createAssignmentActivities } from '../apps/worker/activities/assignment.activities.js';\nexport const f = createAssignmentActivities;",
      'workflows/bad2.workflow.ts',
    );
    expect(rules).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('leaves activities, which live in the worker, free to do I/O', async () => {
    const rules = await lint(
      "import pg from 'pg';\nexport const p = pg;",
      'apps/worker/activities/x.activities.ts',
    );
    expect(rules).toEqual([]);
  });
});

// The layers of docs/architecture.md: dsl → workflows → apps, the browser app apart, repositories built once.
describe('lint rules for the layers', () => {
  const eslint = new ESLint();
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((m) => m.ruleId);
  };
  const restricted = (rules: (string | null)[]) =>
    rules.filter((r) => r === 'no-restricted-imports' || r === '@typescript-eslint/no-restricted-imports');

  it('keeps dsl/ to itself, at any depth', async () => {
    const code = (path: string) => `import { readEnv } from '${path}';\nexport const r = readEnv;`;
    expect(restricted(await lint(code('../apps/config/env.js'), 'dsl/index.ts'))).toHaveLength(1);
    expect(restricted(await lint(code('../../apps/config/env.js'), 'dsl/check/x.ts'))).toHaveLength(1);
    expect(restricted(await lint(code('../../workflows/contracts.js'), 'dsl/ir/x.ts'))).toHaveLength(1);
    expect(restricted(await lint(code('../../../apps/x.js'), 'dsl/calendar/data/x.ts'))).toHaveLength(1);
    expect(restricted(await lint(code('../calendar/local-date.js'), 'dsl/check/x.ts'))).toEqual([]);
  });

  it('keeps apps/ out of workflows/, types included', async () => {
    const rules = await lint(
      "import type { Db } from '../apps/database/pool.js';\nexport type D = Db;",
      'workflows/x.ts',
    );
    expect(restricted(rules).length).toBeGreaterThan(0);
    const nested = await lint(
      "import { createRepositories } from '../../apps/database/repositories/index.js';\nexport const c = createRepositories;",
      'workflows/assignment/x.ts',
    );
    expect(restricted(nested).length).toBeGreaterThan(0);
    expect(
      restricted(
        await lint("import { x } from '../dsl/ir/schedule.js';\nexport const y = x;", 'workflows/x.ts'),
      ),
    ).toEqual([]);
  });

  it('keeps the server out of the browser app, but lets it share the lexer and the shapes of answers', async () => {
    const page = 'apps/web/src/pages/x.tsx';
    expect(
      restricted(
        await lint(
          "import { AuthService } from '../../../api/auth/auth.service.js';\nexport const a = AuthService;",
          page,
        ),
      ),
    ).toHaveLength(1);
    expect(
      restricted(
        await lint(
          "import { createPool } from '../../../database/pool.js';\nexport const a = createPool;",
          page,
        ),
      ),
    ).toHaveLength(1);
    expect(
      restricted(await lint("import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", page)),
    ).toHaveLength(1);
    expect(
      restricted(
        await lint(
          "import { planWorkflowId } from '../../../../workflows/contracts.js';\nexport const a = planWorkflowId;",
          page,
        ),
      ),
    ).toHaveLength(1);
    expect(
      restricted(
        await lint(
          [
            "import type { DigestContent } from '../../../../workflows/contracts.js';",
            "import type { UnitRow } from '../../../reports/report-model.js';",
            "import { lex } from '../../../../dsl/lexer/lexer.js';",
            'export type A = DigestContent | UnitRow;',
            'export const l = lex;',
          ].join('\n'),
          page,
        ),
      ),
    ).toEqual([]);
  });

  it('keeps what people read pure: the calendar and nothing else', async () => {
    const file = 'apps/presentation/x.ts';
    expect(
      restricted(await lint("import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", file)),
    ).toHaveLength(1);
    expect(
      restricted(await lint("import { readEnv } from '../config/env.js';\nexport const a = readEnv;", file)),
    ).toHaveLength(1);
    expect(
      restricted(
        await lint(
          "import { addDays } from '../../dsl/calendar/local-date.js';\nexport const a = addDays;",
          file,
        ),
      ),
    ).toEqual([]);
  });

  it('builds repositories in one place only', async () => {
    const code = [
      "import { UserRepository } from './user.repository.js';",
      'export const users = new UserRepository();',
    ].join('\n');
    expect(await lint(code, 'apps/api/x.service.ts')).toContain('no-restricted-syntax');
    expect(await lint(code, 'test/integration/x.test.ts')).toContain('no-restricted-syntax');
    expect(await lint(code, 'apps/database/repositories/index.ts')).not.toContain('no-restricted-syntax');
  });
});
