// The dry run of a plan's year (as `dondoc calendar`): every assignment, reminder, escalation, digest and
// report event, month by month, with filters by unit and kind.
import { useMemo, useState } from 'preact/hooks';
import type { Text } from '../api.js';
import { fmtDateTime, useLang } from '../i18n.js';
import { Badge, Empty } from './ui.js';

export interface PlanEvent {
  at: string;
  kind: string;
  unit?: string;
  assignmentId?: string;
  title: string;
  to: string[];
  detail?: string;
}

export interface Preview {
  plan: { code: string; title: string; year: number };
  assignments: number;
  events: PlanEvent[];
}

export const KIND: Record<string, { label: Text; tone: 'red' | 'amber' | 'green' | 'grey' | 'blue' }> = {
  assigned: { label: { vi: 'Giao việc', en: 'Assigned' }, tone: 'blue' },
  acknowledge_by: { label: { vi: 'Hạn tiếp nhận', en: 'Acknowledge by' }, tone: 'grey' },
  reminder: { label: { vi: 'Nhắc hạn', en: 'Reminder' }, tone: 'amber' },
  deadline: { label: { vi: 'Đến hạn', en: 'Deadline' }, tone: 'amber' },
  escalation: { label: { vi: 'Leo thang', en: 'Escalation' }, tone: 'red' },
  check_in: { label: { vi: 'Rà soát', en: 'Check-in' }, tone: 'grey' },
  digest: { label: { vi: 'Bản tổng hợp', en: 'Digest' }, tone: 'green' },
  report_cut_off: { label: { vi: 'Chốt số liệu', en: 'Cut-off' }, tone: 'grey' },
  report_due: { label: { vi: 'Hạn báo cáo', en: 'Report due' }, tone: 'green' },
};

const PER_MONTH = 200;

export function YearPreview({ preview }: { preview: Preview }) {
  const { tr, tx, lang } = useLang();
  const [unit, setUnit] = useState('');
  const [kinds, setKinds] = useState<Set<string>>(() => new Set(Object.keys(KIND)));
  const [open, setOpen] = useState<Set<string>>(new Set());
  const units = useMemo(
    () => [...new Set(preview.events.map((e) => e.unit).filter((u): u is string => !!u))].sort(),
    [preview],
  );
  const shown = preview.events.filter((e) => kinds.has(e.kind) && (!unit || e.unit === unit || !e.unit));
  const months = new Map<string, PlanEvent[]>();
  for (const e of shown) {
    const m = new Date(Date.parse(e.at) + 7 * 3_600_000).toISOString().slice(0, 7);
    const list = months.get(m) ?? [];
    list.push(e);
    months.set(m, list);
  }
  const toggle = (k: string) => {
    const next = new Set(kinds);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setKinds(next);
  };
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {tr('Lịch cả năm', 'The year ahead')} — {preview.plan.title}
      </h2>
      <p class="muted">
        {tr(
          `${preview.assignments} nhiệm vụ giao, ${preview.events.length} sự kiện trong năm ${preview.plan.year}.`,
          `${preview.assignments} assignments, ${preview.events.length} events in ${preview.plan.year}.`,
        )}
      </p>
      <div class="filters">
        <label>
          {tr('Đơn vị', 'Unit')}
          <select value={unit} onChange={(e) => setUnit(e.currentTarget.value)} data-testid="preview-unit">
            <option value="">{tr('Tất cả đơn vị', 'All units')}</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{tr('Loại sự kiện', 'Kinds of event')}</legend>
          {Object.entries(KIND).map(([k, v]) => (
            <label key={k} class="check">
              <input type="checkbox" checked={kinds.has(k)} onChange={() => toggle(k)} /> {tx(v.label)}
            </label>
          ))}
        </fieldset>
      </div>
      <nav class="months-strip" aria-label={tr('Số sự kiện theo tháng', 'Events per month')}>
        {[...Array(12).keys()].map((i) => {
          const m = `${preview.plan.year}-${String(i + 1).padStart(2, '0')}`;
          const n = months.get(m)?.length ?? 0;
          const max = Math.max(1, ...[...months.values()].map((l) => l.length));
          return (
            <a
              key={m}
              href={`#m-${m}`}
              title={`${m}: ${n}`}
              aria-label={tr(`Tháng ${i + 1}: ${n} sự kiện`, `Month ${i + 1}: ${n} events`)}
            >
              <span
                class="bar"
                aria-hidden="true"
                style={{ height: `${Math.round((n / max) * 40) + 2}px` }}
              />
              <span aria-hidden="true">{i + 1}</span>
            </a>
          );
        })}
      </nav>
      {months.size === 0 && (
        <Empty>{tr('Không có sự kiện nào khớp bộ lọc.', 'No event matches the filters.')}</Empty>
      )}
      {[...months.entries()].map(([m, list]) => {
        const all = open.has(m);
        return (
          <section key={m} id={`m-${m}`} class="month">
            <h3>
              {tr('Tháng', 'Month')} {m.slice(5)}/{m.slice(0, 4)} <span class="muted">({list.length})</span>
            </h3>
            <table class="data compact">
              <thead>
                <tr>
                  <th scope="col">{tr('Thời điểm', 'When')}</th>
                  <th scope="col">{tr('Loại', 'Kind')}</th>
                  <th scope="col">{tr('Đơn vị', 'Unit')}</th>
                  <th scope="col">{tr('Nội dung', 'What')}</th>
                  <th scope="col">{tr('Gửi tới', 'To')}</th>
                </tr>
              </thead>
              <tbody>
                {(all ? list : list.slice(0, PER_MONTH)).map((e, i) => (
                  <tr key={i}>
                    <td class="nowrap">{fmtDateTime(e.at, lang)}</td>
                    <td>
                      <Badge tone={KIND[e.kind]?.tone ?? 'grey'}>{tx(KIND[e.kind]?.label) || e.kind}</Badge>
                    </td>
                    <td class="mono">{e.unit ?? '—'}</td>
                    <td>
                      {e.title}
                      {e.detail && <div class="muted">{e.detail}</div>}
                    </td>
                    <td>{e.to.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!all && list.length > PER_MONTH && (
              <button type="button" class="link" onClick={() => setOpen(new Set(open).add(m))}>
                {tr(`Xem thêm ${list.length - PER_MONTH} sự kiện`, `Show ${list.length - PER_MONTH} more`)}
              </button>
            )}
          </section>
        );
      })}
    </section>
  );
}
