import { useLocation } from 'preact-iso';
import { api } from '../api.js';
import { useLang } from '../i18n.js';
import type { PlanSummary } from '../pages/plans.js';
import { useLoad, type Loaded } from './ui.js';

/** The plans the user may pick, and the one picked (?plan= in the address, or the newest). */
export function usePlanChoice(): {
  plans: Loaded<PlanSummary[]>;
  plan: string | undefined;
  choose(code: string): void;
} {
  const { query, path, route } = useLocation();
  const plans = useLoad((signal) => api<PlanSummary[]>('GET', '/plans', { signal }), []);
  const published = (plans.data ?? []).filter((p) => p.publishedVersion !== null);
  const plan = query.plan ?? published[0]?.code;
  return {
    plans,
    plan,
    choose: (code) => route(`${path}?plan=${encodeURIComponent(code)}`, true),
  };
}

export function PlanPicker({ plans, plan, choose }: ReturnType<typeof usePlanChoice>) {
  const { tr } = useLang();
  const list = (plans.data ?? []).filter((p) => p.publishedVersion !== null);
  if (list.length <= 1) return null;
  return (
    <label class="plan-picker">
      {tr('Kế hoạch', 'Plan')}
      <select value={plan} onChange={(e) => choose(e.currentTarget.value)}>
        {list.map((p) => (
          <option key={p.code} value={p.code}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}
