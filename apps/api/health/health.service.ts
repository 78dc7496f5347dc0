import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Db } from '../../database/pool.js';
import { DB, TEMPORAL_CLIENT } from '../tokens.js';

type Check = { ok: boolean; ms: number; error?: string };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await fn();
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - start),
      error: err instanceof Error ? err.message : 'error',
    };
  }
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async check(): Promise<{ postgres: Check; temporal: Check }> {
    const [postgres, temporal] = await Promise.all([
      timed(() => this.db.query('SELECT 1')),
      timed(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    return { postgres, temporal };
  }

  /** Ready when PostgreSQL and Temporal both answer; otherwise 503 with what failed. */
  async ready() {
    const checks = await this.check();
    if (!Object.values(checks).every((c) => c.ok))
      throw new ServiceUnavailableException({
        status: 503,
        code: 'not_ready',
        message: { vi: 'Chưa sẵn sàng', en: 'Not ready' },
        details: checks,
      });
    return { status: 'ready', checks };
  }
}
