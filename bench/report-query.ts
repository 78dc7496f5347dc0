// The periodic report computed from the event log as of its cut-off (compileReportContent, end to end) on a
// province-year of data — 100,000 assignments over 300 units, 1,000,000 events — next to the bare SQL that
// computes the same per-unit four-way counts in one statement, in the same run. Embedded PostgreSQL only.
// Prints JSON; exits non-zero if the report's figures differ from the bare SQL's.
// The target (TARGET): the report's median as a ratio of the bare SQL's.
import { cpus, loadavg } from 'node:os';
import type { Db } from '../apps/database/pool.js';
import { compileReportContent } from '../apps/reports/compile-report.js';
import { buildReport } from '../apps/reports/build-report.js';
import type { ReportContent, StatusCounts } from '../apps/reports/report-model.js';
import { median, round } from './support/figures.js';
import { generateReportData, REPORT_ID } from './support/report-data.js';
import { log, repositories, scratchDir, startDatabase } from './support/stack.js';

const ASSIGNMENTS = Number(process.env.BENCH_REPORT_ASSIGNMENTS ?? 100_000);
const UNITS = Number(process.env.BENCH_REPORT_UNITS ?? 300);
const EVENTS = Number(process.env.BENCH_REPORT_EVENTS ?? 1_000_000);
const PERIOD = process.env.BENCH_REPORT_PERIOD ?? '2027-Q2';
/** Measured runs of each side after one warm-up run. */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET = { ratio: 2 };
/**
 * With BENCH_REPORT_TRY_INDEX=1, both sides are measured again after creating this index, which would let the
 * latest event per assignment be read in order instead of sorting the plan's events.
 */
const CANDIDATE_INDEX = {
  name: 'events_plan_assignment_latest_idx',
  definition: 'events (plan_id, assignment_id, occurred_at DESC, seq DESC)',
};
/** With BENCH_REPORT_FULL_IR=1 the stored IR carries every assignment's schedule, as a compiled plan's does. */
const FULL_IR = process.env.BENCH_REPORT_FULL_IR === '1';

type Counts = Pick<StatusCounts, 'doneOnTime' | 'doneLate' | 'openInTime' | 'openOverdue'>;
const CLASSES = ['doneOnTime', 'doneLate', 'openInTime', 'openOverdue'] as const;

/**
 * The baseline: each assignment's state from its latest event at or before the cut-off, classed as report
 * 1270 does (done on time / late by the cut-off, else overdue or within deadline by its due instant), counted
 * per unit. Ongoing tasks, cancelled assignments and assignments with no event yet are not counted.
 */
const BARE_SQL = `
  WITH last AS (
    SELECT DISTINCT ON (e.assignment_id) e.assignment_id, e.payload->'state' AS s
    FROM events e
    WHERE e.plan_id = $1 AND e.assignment_id IS NOT NULL AND e.occurred_at <= $2
    ORDER BY e.assignment_id, e.occurred_at DESC, e.seq DESC),
  classed AS (
    SELECT a.unit_id,
           CASE WHEN last.s->>'status' = 'done' AND (last.s->>'completedAt')::timestamptz <= $2
                  THEN CASE WHEN coalesce((last.s->>'completedLate')::boolean, false) THEN 'doneLate'
                            ELSE 'doneOnTime' END
                WHEN (last.s->>'dueAt')::timestamptz <= $2 THEN 'openOverdue'
                ELSE 'openInTime' END AS k
    FROM last JOIN assignments a ON a.id = last.assignment_id
    WHERE a.kind = 'deadline' AND last.s->>'status' <> 'cancelled')
  SELECT u.code AS unit,
         count(*) FILTER (WHERE k = 'doneOnTime')::int AS "doneOnTime",
         count(*) FILTER (WHERE k = 'doneLate')::int AS "doneLate",
         count(*) FILTER (WHERE k = 'openInTime')::int AS "openInTime",
         count(*) FILTER (WHERE k = 'openOverdue')::int AS "openOverdue"
  FROM classed JOIN units u ON u.id = classed.unit_id
  GROUP BY u.code`;

async function bareCounts(db: Db, planId: string, at: string): Promise<Map<string, Counts>> {
  const { rows } = await db.query<Counts & { unit: string }>(BARE_SQL, [planId, at]);
  return new Map(rows.map(({ unit, ...c }) => [unit, c]));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Differences between the report's per-unit and total counts and the bare SQL's; empty when they agree. */
function compare(report: ReportContent, bare: Map<string, Counts>): string[] {
  const diffs: string[] = [];
  const byUnit = new Map(report.byUnit.map((u) => [u.unit.code, u]));
  const zero: Counts = { doneOnTime: 0, doneLate: 0, openInTime: 0, openOverdue: 0 };
  for (const unit of new Set([...byUnit.keys(), ...bare.keys()])) {
    const r = byUnit.get(unit) ?? zero;
    const b = bare.get(unit) ?? zero;
    for (const k of CLASSES) if (r[k] !== b[k]) diffs.push(`${unit}.${k}: report ${r[k]}, bare SQL ${b[k]}`);
  }
  for (const k of CLASSES) {
    const sum = [...bare.values()].reduce((s, c) => s + c[k], 0);
    if (report.totals[k] !== sum) diffs.push(`totals.${k}: report ${report.totals[k]}, bare SQL ${sum}`);
  }
  return diffs;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Method'?: string;
  'Sort Space Used'?: number;
  'Sort Space Type'?: string;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN ANALYZE in brief: execution time and the plan's nodes, with sorts and where they spilled. */
async function explain(db: Db, sql: string, params: unknown[]) {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const [top] = rows[0]!['QUERY PLAN'];
  const nodes: string[] = [];
  const walk = (n: PlanNode, depth: number) => {
    const on = n['Index Name'] ?? n['Relation Name'];
    const sort = n['Sort Method']
      ? ` (${n['Sort Method']}, ${n['Sort Space Used']} kB ${n['Sort Space Type']})`
      : '';
    nodes.push(
      `${'  '.repeat(depth)}${n['Node Type']}${on ? ` on ${on}` : ''}${sort}: ${n['Actual Rows']} rows, ${round(n['Actual Total Time'] ?? 0)} ms`,
    );
    for (const c of n.Plans ?? []) walk(c, depth + 1);
  };
  walk(top.Plan, 0);
  return { executionMs: round(top['Execution Time']), nodes };
}

/** The report's own statement for the states as of an instant (ReportRepository.statesAt), for EXPLAIN. */
const STATES_AT_SQL = `
  WITH last AS (
    SELECT DISTINCT ON (e.assignment_id) e.assignment_id, e.payload->'state' AS s
    FROM events e
    WHERE e.plan_id = $1 AND e.assignment_id IS NOT NULL AND e.occurred_at <= $2
    ORDER BY e.assignment_id, e.occurred_at DESC, e.seq DESC)
  SELECT a.id, last.s->>'status' AS status
  FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN last ON last.assignment_id = a.id
  WHERE a.plan_id = $1 AND coalesce(last.s->>'status', '') <> 'cancelled'`;

async function measure(db: Db, planId: string, planCode: string, asOf: string, previousAsOf: string | null) {
  const bare: number[] = [];
  const report: number[] = [];
  let content: ReportContent | undefined;
  let counts: Map<string, Counts> | undefined;
  for (let i = 0; i <= RUNS; i++) {
    // Alternating which goes first; run 0 warms both up and is not counted.
    const runBare = async () => {
      const r = await timed(() => bareCounts(db, planId, asOf));
      if (i > 0) bare.push(r.ms);
      counts = r.value;
    };
    const runReport = async () => {
      const r = await timed(() =>
        compileReportContent(db, { planCode, reportId: REPORT_ID, period: PERIOD }, repositories),
      );
      if (i > 0) report.push(r.ms);
      content = r.value;
    };
    if (i % 2 === 0) {
      await runBare();
      await runReport();
    } else {
      await runReport();
      await runBare();
    }
  }

  // Where the report's time goes: its reads one at a time, then the figures in memory.
  const { reports } = repositories;
  const parts: Record<string, number[]> = {
    readIr: [],
    statesAtCutOff: [],
    statesAtPreviousCutOff: [],
    evidenceAt: [],
    indicatorValues: [],
    buildReport: [],
  };
  for (let i = 0; i <= Math.min(RUNS, 3); i++) {
    const keep = (k: string, ms: number) => i > 0 && parts[k]!.push(ms);
    const ir = await timed(() => repositories.plans.getIr(db, planId, 1));
    keep('readIr', ir.ms);
    const states = await timed(() => reports.statesAt(db, planId, asOf));
    keep('statesAtCutOff', states.ms);
    const previous = previousAsOf ? await timed(() => reports.statesAt(db, planId, previousAsOf)) : undefined;
    if (previous) keep('statesAtPreviousCutOff', previous.ms);
    const evidence = await timed(() => reports.evidenceAt(db, planId, asOf));
    keep('evidenceAt', evidence.ms);
    const values = await timed(() => repositories.indicators.valuesFor(db, planId));
    keep('indicatorValues', values.ms);
    const t = performance.now();
    buildReport({
      ir: ir.value as Parameters<typeof buildReport>[0]['ir'],
      version: 1,
      report: content!.report,
      period: content!.period,
      window: content!.window,
      asOf,
      previous: content!.previous,
      states: states.value,
      previousStates: previous?.value ?? null,
      evidence: evidence.value,
      indicatorValues: values.value,
      generatedAt: new Date().toISOString(),
    });
    keep('buildReport', performance.now() - t);
  }
  const medianBare = median(bare);
  const medianReport = median(report);
  return {
    bareSqlMs: { median: round(medianBare), min: round(Math.min(...bare)), runs: bare.map((x) => round(x)) },
    reportMs: {
      median: round(medianReport),
      min: round(Math.min(...report)),
      runs: report.map((x) => round(x)),
    },
    ratio: round(medianReport / medianBare, 2),
    reportPartsMedianMs: Object.fromEntries(
      Object.entries(parts)
        .filter(([, xs]) => xs.length)
        .map(([k, xs]) => [k, round(median(xs))]),
    ),
    content: content!,
    counts: counts!,
  };
}

async function main() {
  const dir = scratchDir();
  const database = await startDatabase(dir.path, { fast: true });
  const { db } = database;

  log(`generating ${ASSIGNMENTS} assignments over ${UNITS} units and ${EVENTS} events`);
  const generated = await timed(() =>
    generateReportData(db, { assignments: ASSIGNMENTS, units: UNITS, events: EVENTS, fullIr: FULL_IR }),
  );
  const data = generated.value;
  log(`generated in ${Math.round(generated.ms)} ms: ${JSON.stringify(data.counts)}`);
  const report = data.ir.reports.find((r) => r.id === REPORT_ID)!;
  const n = report.occurrences.findIndex((o) => o.period === PERIOD);
  if (n < 0) throw new Error(`no period ${PERIOD} in report ${REPORT_ID}`);
  const asOf = report.occurrences[n]!.cutOffAt;
  const previousAsOf = n > 0 ? report.occurrences[n - 1]!.cutOffAt : null;

  const { rows: indexes } = await db.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname`,
  );

  log(`measuring ${RUNS} runs of each (period ${PERIOD}, cut-off ${asOf})`);
  const current = await measure(db, data.planId, data.planCode, asOf, previousAsOf);
  const explained = {
    bareSql: await explain(db, BARE_SQL, [data.planId, asOf]),
    statesAt: await explain(db, STATES_AT_SQL, [data.planId, asOf]),
  };
  const diffs = compare(current.content, current.counts);
  log(
    `report ${current.reportMs.median} ms, bare SQL ${current.bareSqlMs.median} ms, ratio ${current.ratio}`,
  );

  // The same with the candidate index, to show what it is worth.
  let withIndex: Omit<Awaited<ReturnType<typeof measure>>, 'content' | 'counts'> | null = null;
  let explainedWithIndex: typeof explained | null = null;
  if (process.env.BENCH_REPORT_TRY_INDEX === '1') {
    log(`measuring again with ${CANDIDATE_INDEX.name}`);
    await db.query(`CREATE INDEX ${CANDIDATE_INDEX.name} ON ${CANDIDATE_INDEX.definition}`);
    await db.query('VACUUM ANALYZE events');
    const { content, counts, ...rest } = await measure(db, data.planId, data.planCode, asOf, previousAsOf);
    diffs.push(...compare(content, counts));
    withIndex = rest;
    explainedWithIndex = {
      bareSql: await explain(db, BARE_SQL, [data.planId, asOf]),
      statesAt: await explain(db, STATES_AT_SQL, [data.planId, asOf]),
    };
    log(`with the index: report ${rest.reportMs.median} ms, bare SQL ${rest.bareSqlMs.median} ms`);
  }

  await database.stop();
  dir.remove();

  const { content, counts, ...figures } = current;
  const countedTotals = Object.fromEntries(CLASSES.map((k) => [k, content.totals[k]]));
  console.log(
    JSON.stringify(
      {
        bench: 'report-query',
        data: {
          ...data.counts,
          eventsMB: round(data.counts.eventsBytes / 1024 / 1024),
          irBytes: data.irBytes,
          irWithAssignmentSchedules: FULL_IR,
          generateMs: Math.round(generated.ms),
        },
        report: { id: REPORT_ID, period: PERIOD, asOf, previousAsOf },
        reportTotals: {
          ...countedTotals,
          notYetDue: content.totals.notYetDue,
          ongoing: content.totals.ongoing,
        },
        unitsCompared: new Set([...content.byUnit.map((u) => u.unit.code), ...counts.keys()]).size,
        figuresEqual: diffs.length === 0,
        differences: diffs.slice(0, 20),
        eventIndexes: indexes.map((i) => i.name),
        ...figures,
        withCandidateIndex: withIndex && { index: CANDIDATE_INDEX, ...withIndex },
        explain: explained,
        explainWithCandidateIndex: explainedWithIndex,
        target: TARGET,
        met: { ratio: figures.ratio <= TARGET.ratio, figuresEqual: diffs.length === 0 },
        environment: {
          node: process.version,
          cpus: cpus().length,
          loadAverage: loadavg().map((x) => round(x, 2)),
          server: 'embedded PostgreSQL (fsync off), default memory settings',
          note: 'bare = one aggregate statement (latest event per assignment as of the cut-off, per-unit FILTER counts); report = compileReportContent end to end (IR read, states at this and the previous cut-off, evidence, indicator values, figures)',
        },
      },
      null,
      2,
    ),
  );
  if (diffs.length) {
    log(`the report's figures differ from the bare SQL's: ${diffs.slice(0, 5).join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
