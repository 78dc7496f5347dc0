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
        "import type { AssignmentActivities } from './activities/assignment.activities.js';",
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
      "import { createAssignmentActivities } from './activities/assignment.activities.js';\nexport const f = createAssignmentActivities;",
      'workflows/bad2.workflow.ts',
    );
    expect(rules).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('leaves activities free to do I/O', async () => {
    const rules = await lint(
      "import pg from 'pg';\nexport const p = pg;",
      'workflows/activities/x.activities.ts',
    );
    expect(rules).toEqual([]);
  });
});
