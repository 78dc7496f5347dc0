// The Home Affairs queue on a province-year of data — 100,000 assignments over 300 units, 1,000,000 events —:
// one page of 50, filtered (plan, open statuses), searched without diacritics ("so hoa ho so" finds "Số hóa hồ
// sơ") and sorted by deadline, as the API reads it (QueueRepository.page: the page and its total), next to the
// bare SQL of the same page in the same run. EXPLAIN checks that the search uses its trigram index.
// Prints JSON. Targets: the product's median ≤ 1.5 × the bare SQL's; its p95 ≤ 3 × its median.
import { cpus, loadavg } from 'node:os';
import type { QueueFilter } from '../apps/database/repositories/queue.repository.js';
import { median, percentile, round } from './support/figures.js';
import { generateReportData } from './support/report-data.js';
import { log, repositories, scratchDir, startDatabase } from './support/stack.js';

const ASSIGNMENTS = Number(process.env.BENCH_QUEUE_ASSIGNMENTS ?? 100_000);
const UNITS = Number(process.env.BENCH_QUEUE_UNITS ?? 300);
const EVENTS = Number(process.env.BENCH_QUEUE_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 41);
const TARGET = { ratio: 1.5, p95OverP50: 3 };
const SEARCH = 'so hoa ho so';
/** Words that titles and notes are made of, so that a search finds some rows and not others. */
const PHRASES = [
  'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
  'Rà soát, đơn giản hóa thủ tục hành chính',
  'Kiểm tra công tác cải cách hành chính',
  'Tuyên truyền cải cách hành chính',
  'Đo lường sự hài lòng của người dân',
  'Xây dựng chính quyền số',
  'Đào tạo, bồi dưỡng công chức',
];

async function main() {
  const scratch = scratchDir();
  const { db, stop } = await startDatabase(scratch.path, { fast: true });
  try {
    log(`generating ${ASSIGNMENTS} assignments, ${EVENTS} events over ${UNITS} units`);
    const data = await generateReportData(db, { assignments: ASSIGNMENTS, units: UNITS, events: EVENTS });
    // Varied titles (a seventh carry the phrase searched for) and a note on one in twenty.
    await db.query(
      `UPDATE assignments SET title = ($2::text[])[1 + abs(hashtext(id)) % $3] || ' (' || task_id || ')',
              notes = CASE WHEN abs(hashtext(id || 'n')) % 20 = 0 THEN 'Đã giao chuyên viên số hóa hồ sơ' END
       WHERE plan_id = $1`,
      [data.planId, PHRASES, PHRASES.length],
    );
    await db.query('VACUUM ANALYZE assignments');
    const filter: QueueFilter = {
      issuerId: data.ir.plan.issuer.code,
      unitIds: null,
      planCode: data.planCode,
      statuses: ['assigned', 'acknowledged', 'in_progress'],
      search: SEARCH,
      includeInactive: true,
      sort: 'due',
      desc: false,
    };
    const { queue } = repositories;
    const cols = await queue.columns(db);
    // The bare SQL: the same 50 rows and the same total, written by hand against the tables.
    const bareRows = `SELECT a.id, a.title, a.due_at, a.status, u.name FROM assignments a JOIN units u ON u.id = a.unit_id
      WHERE a.plan_id = $1 AND a.status IN ('assigned', 'acknowledged', 'in_progress')
        AND a.search_text LIKE '%so hoa ho so%'
      ORDER BY a.due_at, a.id LIMIT 50`;
    const bareCount = `SELECT count(*)::int AS n FROM assignments a
      WHERE a.plan_id = $1 AND a.status IN ('assigned', 'acknowledged', 'in_progress')
        AND a.search_text LIKE '%so hoa ho so%'`;
    const bare = async () => {
      const [rows, count] = await Promise.all([
        db.query(bareRows, [data.planId]),
        db.query<{ n: number }>(bareCount, [data.planId]),
      ]);
      return { ids: rows.rows.map((r: { id: string }) => r.id), total: count.rows[0]!.n };
    };
    const product = async () => {
      const page = await queue.page(db, filter, cols, 50, 0);
      return { ids: page.rows.map((r) => r.id), total: page.total };
    };
    const times = { product: [] as number[], bare: [] as number[] };
    let same = true;
    let total = 0;
    for (let i = 0; i <= RUNS; i++) {
      // Alternating which goes first; run 0 warms both up and is not counted.
      const order = i % 2 === 0 ? (['bare', 'product'] as const) : (['product', 'bare'] as const);
      const answers: Record<string, { ids: string[]; total: number }> = {};
      for (const side of order) {
        const t = performance.now();
        answers[side] = await (side === 'bare' ? bare() : product());
        if (i > 0) times[side].push(performance.now() - t);
      }
      same &&= JSON.stringify(answers.bare) === JSON.stringify(answers.product);
      total = answers.product!.total;
    }
    const page = queue.pageSql(filter, cols, 50, 0);
    const plan = (
      await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${page.sql}`, page.params)
    ).rows[0]!['QUERY PLAN'][0].Plan;
    const nodes: string[] = [];
    const walk = (n: PlanNode) => {
      nodes.push(
        `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`,
      );
      for (const c of n.Plans ?? []) walk(c);
    };
    walk(plan);
    const usesSearchIndex = nodes.some((n) => n.includes('assignments_search_trgm_idx'));
    const seqOnAssignments = nodes.some((n) => n.startsWith('Seq Scan') && n.endsWith('on assignments'));
    const p50 = { product: median(times.product), bare: median(times.bare) };
    const p95 = { product: percentile(times.product, 95), bare: percentile(times.bare, 95) };
    const result = {
      bench: 'queue-page',
      data: { ...data.counts, matching: total },
      query: { search: SEARCH, statuses: filter.statuses, sort: 'due', pageSize: 50 },
      runs: RUNS,
      productMs: { p50: round(p50.product, 2), p95: round(p95.product, 2) },
      bareMs: { p50: round(p50.bare, 2), p95: round(p95.bare, 2) },
      ratio: round(p50.product / p50.bare, 2),
      productP95OverP50: round(p95.product / p50.product, 2),
      sameAnswer: same,
      explain: { nodes, usesSearchIndex, seqScanOnAssignments: seqOnAssignments },
      target: TARGET,
      met:
        p50.product / p50.bare <= TARGET.ratio &&
        p95.product / p50.product <= TARGET.p95OverP50 &&
        usesSearchIndex,
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) },
    };
    console.log(JSON.stringify(result, null, 2));
    if (!same || !usesSearchIndex) process.exitCode = 1;
  } finally {
    await stop();
    scratch.remove();
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

await main();
