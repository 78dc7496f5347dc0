import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkPlan, type CheckResult, type PlanFile } from '../../dsl/index.js';

export const FIXTURES = 'test/fixtures/dsl';
export const PLANS = 'plans';

export function diskLoader(path: string): string | undefined {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}

export function checkFile(path: string): CheckResult {
  return checkPlan(diskLoader, path);
}

/** Checks an inline plan; other files can be given by name. */
export function checkText(text: string, others: Record<string, string> = {}): CheckResult {
  return checkPlan(new Map([['main.dondoc', text], ...Object.entries(others)]), 'main.dondoc');
}

export function codesOf(r: CheckResult): string[] {
  return r.diagnostics.map((d) => d.code);
}

/** Fixture entries: every top-level .dondoc file, and main.dondoc of every sub-directory. */
export function fixtureEntries(): string[] {
  return readdirSync(FIXTURES)
    .sort()
    .flatMap((e) => {
      const p = join(FIXTURES, e);
      if (statSync(p).isDirectory())
        return existsSync(join(p, 'main.dondoc')) ? [join(p, 'main.dondoc')] : [];
      return e.endsWith('.dondoc') ? [p] : [];
    });
}

/** All .dondoc files under a directory. */
export function dondocFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.dondoc'))
    .map((f) => join(dir, f))
    .sort();
}

/** An AST without positions and comments, for comparisons. */
export function stripPositions(ast: PlanFile): unknown {
  return JSON.parse(
    JSON.stringify(ast, (key, value: unknown) =>
      key === 'loc' || key === 'comments' || key === 'path' ? undefined : value,
    ),
  );
}

export const HEADER = `kế hoạch "Kế hoạch thử":
  cơ quan ban hành: ubnd
  năm: 2027
  chính sách: p

đơn vị ubnd "UBND":
  thư điện tử: "ubnd@x.vn"

chính sách p:
  nhắc: đúng hạn
`;

/** A minimal valid plan with one task; `task` replaces the task's body lines. */
export function planWithTask(taskLines: string, extra = ''): string {
  return `${HEADER}
lĩnh vực thể chế:
  nhiệm vụ A.01 "Nhiệm vụ":
${taskLines
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
${extra}`;
}
