// Where the units under me stand: the four classes of report 1270 per unit and per area, the completion rate
// month by month, overdue work per unit and month, and the units below the 80 % on-time line.
import { useMemo } from 'preact/hooks';
import type { AreaRow, OverdueRow, StatusCounts, UnitRow } from '../../../reports/report-model.js';
import { api, q, type Text } from '../api.js';
import { assignmentPath } from '../components/assignment-bits.js';
import { Chart, type ChartOption } from '../components/chart.js';
import { PlanPicker, usePlanChoice } from '../components/plan-picker.js';
import { Async, Empty, PageTitle, useLoad } from '../components/ui.js';
import { isHomeAffairs, useSession } from '../session.js';
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  formatPercent,
  formatTimeLeft,
} from '../../../presentation/index.js';
import { useLang, type Lang } from '../i18n.js';

type Counts = StatusCounts;

interface Dashboard {
  plan: { code: string; title: string; year: number };
  asOf: string;
  onTimeThreshold: number;
  totals: Counts & { ongoing: number };
  byUnit: UnitRow[];
  byArea: AreaRow[];
  overdue: (OverdueRow & { dueAt: string | null })[];
  belowThreshold: { code: string; name: string }[];
  trend: { month: string; completionRate: number | null; done: number; openOverdue: number }[];
  heatmap: { unit: string; month: string; overdue: number }[];
}

const CLASSES: { key: keyof Counts; label: Text; color: string }[] = [
  { key: 'doneOnTime', label: { vi: 'Hoàn thành đúng hạn', en: 'Done on time' }, color: '#2e7d32' },
  { key: 'doneLate', label: { vi: 'Hoàn thành quá hạn', en: 'Done late' }, color: '#f9a825' },
  { key: 'openInTime', label: { vi: 'Chưa xong, trong hạn', en: 'Open, in time' }, color: '#1565c0' },
  { key: 'openOverdue', label: { vi: 'Chưa xong, quá hạn', en: 'Open, overdue' }, color: '#c62828' },
];

const CHART_UNITS = 20;

function stacked(rows: (Counts & { name: string })[], lang: Lang): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { width: 180, overflow: 'truncate' },
      inverse: true,
    },
    series: CLASSES.map((c) => ({
      name: c.label[lang],
      type: 'bar',
      stack: 'all',
      itemStyle: { color: c.color },
      data: rows.map((r) => r[c.key]),
    })),
  };
}

/** "03/2027": months as people write them. */
const monthLabel = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

export function DashboardPage() {
  const { tr } = useLang();
  const choice = usePlanChoice();
  const data = useLoad(
    (signal) =>
      choice.plan
        ? api<Dashboard>('GET', `/dashboard${q({ plan: choice.plan })}`, { signal })
        : Promise.resolve(null),
    [choice.plan],
  );
  return (
    <section>
      <PageTitle sub={tr('Số liệu các đơn vị thuộc phạm vi của bạn', 'Figures of the units under you')}>
        {tr('Tổng quan', 'Dashboard')}
      </PageTitle>
      <PlanPicker {...choice} />
      <Async loaded={choice.plans}>
        {() => (
          <Async loaded={data}>
            {(d) =>
              d ? (
                <DashboardView d={d} />
              ) : (
                <Empty>{tr('Chưa có kế hoạch nào được ban hành.', 'No plan has been published yet.')}</Empty>
              )
            }
          </Async>
        )}
      </Async>
    </section>
  );
}

function DashboardView({ d }: { d: Dashboard }) {
  const { tr, tx, lang } = useLang();
  // A province has 100+ units: the chart shows the ones with the most work behind; the table has them all.
  const unitRows = useMemo(
    () =>
      [...d.byUnit]
        .sort((a, b) => b.openOverdue - a.openOverdue || b.doneLate - a.doneLate || b.total - a.total)
        .slice(0, CHART_UNITS)
        .map((u) => ({ ...u, name: u.unit.name })),
    [d],
  );
  const areaRows = useMemo(() => d.byArea.map((a) => ({ ...a, name: a.area.title })), [d]);
  const unitNames = new Map(d.byUnit.map((u) => [u.unit.code, u.unit.name]));
  const months = d.trend.map((t) => t.month);
  const heatUnits = [...new Set(d.heatmap.map((h) => h.unit))];
  const maxOverdue = Math.max(1, ...d.heatmap.map((h) => h.overdue));
  // Every rate the API gives is a percentage from 0 to 100 (docs/api.md): shown as it comes, never scaled.
  const threshold = formatPercent(d.onTimeThreshold, lang);
  const anyOverdue = d.byUnit.some((u) => u.openOverdue > 0);
  const trend: ChartOption = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null, lang),
    },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map(monthLabel) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: tr('Tỷ lệ hoàn thành', 'Completion rate'),
        type: 'line',
        data: d.trend.map((t) => t.completionRate),
        connectNulls: true,
        itemStyle: { color: '#8e1b1b' },
        markLine: {
          symbol: 'none',
          data: [{ yAxis: d.onTimeThreshold, name: threshold }],
          // Above the line's end, inside the chart: at its right end the label was cut by the edge.
          label: { formatter: threshold, position: 'insideEndTop' },
          lineStyle: { color: '#c62828', type: 'dashed' },
        },
      },
    ],
  };
  const heat: ChartOption = {
    tooltip: { position: 'top' },
    // Room under the month labels for the colour scale, whose end values would otherwise sit among them.
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: months.map(monthLabel), splitArea: { show: true } },
    yAxis: {
      type: 'category',
      data: heatUnits.map((u) => unitNames.get(u) ?? u),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max: maxOverdue,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#fff8e1', '#ffb300', '#b71c1c'] },
    },
    series: [
      {
        name: tr('Việc quá hạn', 'Overdue'),
        type: 'heatmap',
        data: d.heatmap.map((h) => [months.indexOf(h.month), heatUnits.indexOf(h.unit), h.overdue]),
        label: { show: true },
      },
    ],
  };
  const t = d.totals;
  // Home Affairs drills down: a unit or an area opens its queue filtered to it (the counts above include the
  // occurrences not yet due, so does the table).
  const { user } = useSession();
  const drill = isHomeAffairs(user)
    ? (f: { unit?: string; area?: string }) =>
        `/queue${q({ plan: d.plan.code, ...f, includeInactive: 'true' })}`
    : undefined;
  return (
    <>
      <p class="muted">
        {d.plan.title} · {tr('số liệu lúc', 'as of')} {formatDateTime(d.asOf, lang)}
      </p>
      <div class="kpis">
        {CLASSES.map((c) => (
          <div key={c.key} class="kpi" style={{ borderColor: c.color }}>
            <span class="n">{t[c.key]}</span>
            <span>{tx(c.label)}</span>
          </div>
        ))}
        <div class="kpi">
          <span class="n" data-testid="completion-rate">
            {formatPercent(t.completionRate, lang)}
          </span>
          <span>{tr('Tỷ lệ hoàn thành', 'Completion rate')}</span>
        </div>
        <div class="kpi">
          <span class="n">{t.notYetDue}</span>
          <span>{tr('Chưa đến kỳ', 'Not yet due')}</span>
        </div>
      </div>
      {d.belowThreshold.length > 0 && (
        <div class="feedback warn" role="note" data-testid="below-threshold">
          <strong>
            {tr(`Dưới ${threshold} đúng hạn (từ đầu năm):`, `Below ${threshold} on time (year to date):`)}
          </strong>{' '}
          {d.belowThreshold.map((u) => u.name).join(', ')}
        </div>
      )}
      <div class="chart-grid">
        <section>
          <h2>{tr('Theo đơn vị', 'By unit')}</h2>
          {!anyOverdue && d.byUnit.length > 0 && (
            <p class="muted" data-testid="no-overdue-units">
              {tr('Không có đơn vị nào có việc quá hạn.', 'No unit has overdue work.')}
            </p>
          )}
          {d.byUnit.length > CHART_UNITS && (
            <p class="muted">
              {anyOverdue
                ? tr(
                    `${CHART_UNITS} đơn vị nhiều việc quá hạn nhất trong ${d.byUnit.length}; đủ các đơn vị ở bảng dưới.`,
                    `The ${CHART_UNITS} units with the most overdue work of ${d.byUnit.length}; all are in the table below.`,
                  )
                : tr(
                    `${CHART_UNITS} trong ${d.byUnit.length} đơn vị; đủ các đơn vị ở bảng dưới.`,
                    `${CHART_UNITS} of ${d.byUnit.length} units; all are in the table below.`,
                  )}
            </p>
          )}
          {unitRows.length ? (
            <Chart
              option={stacked(unitRows, lang)}
              height={Math.max(200, 40 + unitRows.length * 28)}
              label={tr('Biểu đồ bốn nhóm trạng thái theo đơn vị', 'Four classes per unit')}
            />
          ) : (
            <Empty>{tr('Không có số liệu.', 'No figures.')}</Empty>
          )}
        </section>
        <section>
          <h2>{tr('Theo lĩnh vực', 'By area')}</h2>
          {areaRows.length ? (
            <>
              <Chart
                option={stacked(areaRows, lang)}
                height={Math.max(200, 40 + areaRows.length * 28)}
                label={tr('Biểu đồ bốn nhóm trạng thái theo lĩnh vực', 'Four classes per area')}
              />
              {drill && (
                <p class="drill small-print">
                  {tr('Xem nhiệm vụ theo lĩnh vực:', 'Tasks by area:')}{' '}
                  {d.byArea.map((a, i) => (
                    <span key={a.area.id}>
                      {i > 0 && ' · '}
                      <a href={drill({ area: a.area.id })} data-testid="drill-area">
                        {a.area.title}
                      </a>
                    </span>
                  ))}
                </p>
              )}
            </>
          ) : (
            <Empty>{tr('Không có số liệu.', 'No figures.')}</Empty>
          )}
        </section>
        <section>
          <h2>{tr('Tỷ lệ hoàn thành theo tháng', 'Completion rate by month')}</h2>
          {months.length ? (
            <Chart option={trend} label={tr('Tỷ lệ hoàn thành theo tháng', 'Completion rate by month')} />
          ) : (
            <Empty>{tr('Năm kế hoạch chưa bắt đầu.', 'The plan year has not begun.')}</Empty>
          )}
        </section>
        <section>
          <h2>{tr('Việc quá hạn theo đơn vị và tháng', 'Overdue by unit and month')}</h2>
          {months.length && heatUnits.length ? (
            <Chart
              option={heat}
              height={Math.max(200, 80 + heatUnits.length * 26)}
              label={tr('Bản đồ nhiệt việc quá hạn', 'Overdue heat-map')}
            />
          ) : (
            <Empty>{tr('Không có số liệu.', 'No figures.')}</Empty>
          )}
        </section>
      </div>
      <h2>{tr('Bảng số liệu theo đơn vị', 'Figures by unit')}</h2>
      <div class="table-scroll">
        <table class="data" data-testid="unit-table">
          <thead>
            <tr>
              <th scope="col">{tr('Đơn vị', 'Unit')}</th>
              {CLASSES.map((c) => (
                <th key={c.key} scope="col" class="num">
                  {tx(c.label)}
                </th>
              ))}
              <th scope="col" class="num">
                {tr('Tỷ lệ hoàn thành', 'Completion')}
              </th>
              <th scope="col" class="num">
                {tr('Đúng hạn từ đầu năm', 'On time, YTD')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.byUnit.map((u) => (
              <tr key={u.unit.code} class={u.belowThreshold ? 'below' : ''}>
                <th scope="row">
                  {drill ? (
                    <a href={drill({ unit: u.unit.code })} data-testid="drill-unit">
                      {u.unit.name}
                    </a>
                  ) : (
                    u.unit.name
                  )}
                </th>
                {CLASSES.map((c) => (
                  <td key={c.key} class="num">
                    {u[c.key]}
                  </td>
                ))}
                <td class="num">{formatPercent(u.completionRate, lang)}</td>
                <td class={`num ${u.belowThreshold ? 'bad' : ''}`}>{formatPercent(u.ytdOnTimeRate, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{tr('Việc quá hạn', 'Overdue work')}</h2>
      {d.overdue.length === 0 ? (
        <Empty>{tr('Không có việc quá hạn.', 'Nothing overdue.')}</Empty>
      ) : (
        <table class="data compact">
          <thead>
            <tr>
              <th scope="col">{tr('Nhiệm vụ', 'Task')}</th>
              <th scope="col">{tr('Đơn vị', 'Unit')}</th>
              <th scope="col">{tr('Hạn', 'Due')}</th>
              <th scope="col">{tr('Quá hạn', 'Overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {d.overdue.map((o) => (
              <tr key={o.assignmentId}>
                <td>
                  <a href={assignmentPath(o.assignmentId)}>{o.task.title}</a>
                </td>
                <td>{o.unit.name}</td>
                <td>{o.dueAt ? formatDeadline(o.dueAt, lang) : formatDate(o.dueDate)}</td>
                <td class="bad">
                  {o.dueAt
                    ? formatTimeLeft(o.dueAt, Date.parse(d.asOf), lang)
                    : tr(`Quá hạn ${o.daysOverdue} ngày`, `${o.daysOverdue} days overdue`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
