import { useRef, useState } from 'preact/hooks';
import { api, newKey, q } from '../api.js';
import { MonthInput } from '../components/date-input.js';
import { PlanPicker, usePlanChoice } from '../components/plan-picker.js';
import {
  Async,
  Empty,
  FeedbackLine,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { formatCount } from '../../../presentation/index.js';
import { useLang } from '../i18n.js';
import { useSession } from '../session.js';

interface Indicator {
  id: string;
  title: string;
  measure: string | null;
  target: { op: string; value: number; percent: boolean } | null;
  reportedBy: string[];
  reportingUnits: { code: string; name: string }[];
  values: { unitCode: string; period: string; value: number; note?: string | null }[];
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

export function IndicatorsPage() {
  const { tr } = useLang();
  const choice = usePlanChoice();
  const [period, setPeriod] = useState(thisMonth);
  const year = choice.plans.data?.find((p) => p.code === choice.plan)?.year ?? Number(period.slice(0, 4));
  const list = useLoad(
    (signal) =>
      choice.plan
        ? api<Indicator[]>('GET', `/indicators${q({ plan: choice.plan, period })}`, { signal })
        : Promise.resolve([]),
    [choice.plan, period],
  );
  return (
    <section>
      <PageTitle sub={tr('Số liệu các chỉ tiêu theo kỳ', 'Indicator values by period')}>
        {tr('Chỉ tiêu', 'Indicators')}
      </PageTitle>
      <div class="filters">
        <PlanPicker {...choice} />
        <div class="field" role="group" aria-label={tr('Kỳ (tháng)', 'Period (month)')}>
          <span>{tr('Kỳ (tháng)', 'Period (month)')}</span>
          <MonthInput value={period} onChange={setPeriod} years={[year - 1, year, year + 1]} />
        </div>
      </div>
      <Async loaded={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{tr('Kế hoạch không có chỉ tiêu.', 'The plan has no indicators.')}</Empty>
          ) : (
            <ul class="cards wide">
              {items.map((i) => (
                <IndicatorCard key={i.id} i={i} plan={choice.plan!} period={period} reload={list.reload} />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

function IndicatorCard({
  i,
  plan,
  period,
  reload,
}: {
  i: Indicator;
  plan: string;
  period: string;
  reload: () => void;
}) {
  const { tr, lang } = useLang();
  const { user } = useSession();
  const mine = user!.roles
    .filter((r) => r.role === 'unit_member' && r.unit && i.reportedBy.includes(r.unit.code))
    .map((r) => r.unit!);
  const [unit, setUnit] = useState(mine[0]?.code ?? '');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const key = useRef(newKey());
  const target = i.target
    ? `${OPS[i.target.op] ?? i.target.op} ${formatCount(i.target.value, lang)}${i.target.percent ? ' %' : ''}`
    : '—';
  async function submit(e: Event) {
    e.preventDefault();
    setFeedback(null);
    try {
      await api('POST', '/indicators/values', {
        body: {
          plan,
          indicator: i.id,
          unit,
          period,
          value: Number(value),
          ...(note ? { note } : {}),
          requestId: key.current,
        },
      });
      key.current = newKey();
      setValue('');
      setNote('');
      setFeedback({ kind: 'ok', text: tr('Đã ghi số liệu.', 'Value recorded.') });
      reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    }
  }
  return (
    <li class="card">
      <h2 class="title">{i.title}</h2>
      <div class="meta">
        {tr('Mục tiêu', 'Target')}: <strong>{target}</strong>{' '}
        {i.measure &&
          !(i.target?.percent && i.measure.trim() === '%') &&
          `· ${tr('đơn vị tính', 'measured in')}: ${i.measure}`}
      </div>
      <table class="data compact">
        <thead>
          <tr>
            <th scope="col">{tr('Đơn vị', 'Unit')}</th>
            <th scope="col" class="num">
              {tr('Giá trị', 'Value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {i.reportingUnits.map((u) => {
            const v = i.values.find((x) => x.unitCode === u.code);
            return (
              <tr key={u.code}>
                <td>{u.name}</td>
                <td class="num">
                  {v ? formatCount(v.value, lang) : <span class="muted">{tr('chưa nhập', 'missing')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {mine.length > 0 && (
        <form class="inline" onSubmit={submit}>
          {mine.length > 1 && (
            <label>
              {tr('Đơn vị', 'Unit')}
              <select value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
                {mine.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {tr('Giá trị', 'Value')}
            <input
              type="number"
              step="any"
              required
              value={value}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
          </label>
          <label>
            {tr('Ghi chú', 'Note')}
            <input value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">
            {tr('Ghi', 'Save')}
          </button>
          <FeedbackLine feedback={feedback} />
        </form>
      )}
    </li>
  );
}
