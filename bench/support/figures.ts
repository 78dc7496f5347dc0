// Summaries of measured samples, shared by the benchmarks that compare latencies and run times.
import type { Client } from '@temporalio/client';

/** The nearest-rank percentile (0 < p ≤ 100) of samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** A figure rounded to a few decimals, for JSON meant to be read. */
export const round = (x: number, decimals = 1): number => +x.toFixed(decimals);

/** Throughput and latency of a run of requests made `concurrency` at a time. */
export interface LatencySummary {
  requests: number;
  wallMs: number;
  perSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  p99OverP50: number;
}

export function summarise(latenciesMs: readonly number[], wallMs: number): LatencySummary {
  const p50 = percentile(latenciesMs, 50);
  const p99 = percentile(latenciesMs, 99);
  return {
    requests: latenciesMs.length,
    wallMs: Math.round(wallMs),
    perSecond: round(latenciesMs.length / (wallMs / 1000)),
    p50Ms: round(p50),
    p90Ms: round(percentile(latenciesMs, 90)),
    p99Ms: round(p99),
    maxMs: round(Math.max(...latenciesMs)),
    p99OverP50: round(p99 / p50, 2),
  };
}

/**
 * Runs `fn` over items with `concurrency` lanes, each making its calls one after another, recording each call's
 * latency. As autocannon does with `amount` and `connections`, every lane has a fixed share of the items (lane i
 * takes items i, i + concurrency, …), so a run ends with the slowest lane in both.
 */
export async function closedLoop<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<unknown>,
): Promise<{ latenciesMs: number[]; wallMs: number; failures: unknown[] }> {
  const latenciesMs: number[] = [];
  const failures: unknown[] = [];
  const lanes = Math.min(concurrency, items.length);
  const start = performance.now();
  const lane = async (first: number) => {
    for (let i = first; i < items.length; i += lanes) {
      const t = performance.now();
      try {
        await fn(items[i]!);
        latenciesMs.push(performance.now() - t);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  return { latenciesMs, wallMs: performance.now() - start, failures };
}

/** Workflow tasks waiting on a queue: first tasks of started workflows that no worker has run yet. */
export async function workflowBacklog(client: Client, taskQueue: string): Promise<number> {
  const r = await client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // workflow tasks
    reportStats: true,
  });
  return Number(r.stats?.approximateBacklogCount ?? 0);
}

/** This process's CPU time and its main thread's event-loop utilisation while `fn` runs. */
export async function withLoad<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; cpuMs: number; eventLoopUtilisation: number }> {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return {
    value,
    cpuMs: (used.user + used.system) / 1000,
    eventLoopUtilisation: performance.eventLoopUtilization(elu).utilization,
  };
}
