import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runLanguageTask, type LanguageResult, type LanguageTask } from './plan-language.worker.js';

/**
 * The compiled worker beside this module (dist/). When the API runs from its TypeScript sources (the in-process
 * API of the integration tests) there is none and tasks run inline; test/integration/plan-language.test.ts
 * runs the compiled one.
 */
const COMPILED_WORKER = fileURLToPath(new URL('./plan-language.worker.js', import.meta.url));

type ResultOf<T extends LanguageTask> = Extract<LanguageResult, { op: T['op'] }>;

/**
 * Checks, compiles and formats plans off the API's event loop: a province plan takes seconds of CPU (docs/benchmarks.md),
 * during which the API would answer nobody else. Threads start on first use and
 * stop after a minute idle.
 */
@Injectable()
export class PlanLanguage implements OnModuleDestroy {
  private readonly pool: Piscina | undefined;

  constructor(workerPath: string | null = existsSync(COMPILED_WORKER) ? COMPILED_WORKER : null) {
    this.pool = workerPath
      ? new Piscina({
          filename: workerPath,
          minThreads: 0,
          maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
          idleTimeout: 60_000,
        })
      : undefined;
  }

  /** Whether tasks run in worker threads (false when running from sources). */
  get threaded(): boolean {
    return this.pool !== undefined;
  }

  async run<T extends LanguageTask>(task: T): Promise<ResultOf<T>> {
    return (this.pool ? await this.pool.run(task) : runLanguageTask(task)) as ResultOf<T>;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }
}
