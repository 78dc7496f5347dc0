import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanLanguage } from '../../apps/api/plans/plan-language.js';
import type { PlanSources } from '../../apps/api/plans/plan-language.worker.js';
import { projectPath } from '../../apps/config/project.js';

// The API checks and compiles plans in worker threads (the compiled worker of dist/, as in production). The
// in-process API of the other integration tests runs from sources, where the same code runs inline.
const WORKER = projectPath('dist/apps/api/plans/plan-language.worker.js');
const PLAN_DIR = projectPath('plans/tinh-dak-lak-2027');

const province: PlanSources = {
  entry: 'ke-hoach.dondoc',
  files: Object.fromEntries(
    readdirSync(PLAN_DIR)
      .filter((f) => f.endsWith('.dondoc'))
      .map((f) => [f, readFileSync(join(PLAN_DIR, f), 'utf8')]),
  ),
};
/** About 4 MB: the province plan and 20,000 tasks whose lead unit does not exist. */
const huge: PlanSources = {
  ...province,
  files: {
    ...province.files,
    'ke-hoach.dondoc':
      province.files['ke-hoach.dondoc']! + '\n  nhiệm vụ X "Việc":\n    chủ trì: khong_co\n'.repeat(20_000),
  },
};

describe('the plan language off the event loop', () => {
  const threaded = new PlanLanguage(WORKER);
  const inline = new PlanLanguage(null);

  afterAll(async () => {
    await threaded.onModuleDestroy();
  });

  it('runs in worker threads when the compiled worker is there, inline otherwise', async () => {
    expect(existsSync(WORKER)).toBe(true);
    expect(threaded.threaded).toBe(true);
    expect(inline.threaded).toBe(false);
    // The built API finds its worker by itself; run from sources (this file's import) it has none.
    const built = (await import(projectPath('dist/apps/api/plans/plan-language.js'))) as {
      PlanLanguage: typeof PlanLanguage;
    };
    const production = new built.PlanLanguage();
    expect(production.threaded).toBe(true);
    await production.onModuleDestroy();
    expect(new PlanLanguage().threaded).toBe(false);
  });

  it('answers exactly what the inline code answers: diagnostics, IR, formatted text', async () => {
    const [a, b] = await Promise.all([
      threaded.run({ op: 'compile', sources: province }),
      inline.run({ op: 'compile', sources: province }),
    ]);
    expect(a.ir?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.ir?.hash).toBe(b.ir?.hash);
    expect(a.ir?.assignments.length).toBe(b.ir?.assignments.length);
    expect(a.diagnostics).toEqual(b.diagnostics);

    const broken = await threaded.run({ op: 'check', sources: huge });
    expect(broken.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThanOrEqual(20_000);
    expect(broken.diagnostics[0]).toMatchObject({ code: expect.stringMatching(/^DD\d{4}$/) });

    const text = province.files['ke-hoach.dondoc']!;
    const [fa, fb] = await Promise.all([
      threaded.run({ op: 'format', text, lang: 'en', file: 'ke-hoach.dondoc' }),
      inline.run({ op: 'format', text, lang: 'en', file: 'ke-hoach.dondoc' }),
    ]);
    expect(fa).toEqual(fb);
    expect(fa.text).not.toBe(text);
  });

  it('leaves the event loop free while a large plan is checked', async () => {
    /** Turns of the event loop (a 10 ms timer) while `work` runs. */
    const turnsDuring = async (work: () => Promise<unknown>) => {
      let turns = 0;
      const timer = setInterval(() => turns++, 10);
      await work();
      clearInterval(timer);
      return turns;
    };
    // Inline, the check holds the event loop from start to end: no timer fires until it is over.
    expect(await turnsDuring(() => inline.run({ op: 'check', sources: huge }))).toBe(0);
    // In a thread the timers keep firing while the same check runs (it takes seconds of CPU).
    expect(await turnsDuring(() => threaded.run({ op: 'check', sources: huge }))).toBeGreaterThan(10);
  });
});
