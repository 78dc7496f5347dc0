import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runImportTask, type ImportOutcome, type ImportTask } from './plan-import.worker.js';

/** The compiled worker beside this module (dist/); from sources (integration tests) the task runs inline. */
const COMPILED_WORKER = fileURLToPath(new URL('./plan-import.worker.js', import.meta.url));

/**
 * Imports off the API's event loop, as the plan language's checks are (apps/api/plans/plan-language.ts): one
 * thread, started on first use, stopped after a minute idle — imports are rare.
 */
@Injectable()
export class PlanImportPool implements OnModuleDestroy {
  private readonly pool: Piscina | undefined;

  constructor(workerPath: string | null = existsSync(COMPILED_WORKER) ? COMPILED_WORKER : null) {
    this.pool = workerPath
      ? new Piscina({ filename: workerPath, minThreads: 0, maxThreads: 1, idleTimeout: 60_000 })
      : undefined;
  }

  get threaded(): boolean {
    return this.pool !== undefined;
  }

  async run(task: ImportTask): Promise<ImportOutcome> {
    return this.pool ? ((await this.pool.run(task)) as ImportOutcome) : runImportTask(task);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }
}
