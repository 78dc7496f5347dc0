// The Home Affairs queue ("Nhiệm vụ"): every assignment of the issuer in one table, filtered, searched (with or
// without diacritics), sorted and paged by the server. The view lives in the address (?plan=&unit=&q=…), so a
// dashboard link, a saved filter and the browser's back button all open the same view. Rows can be selected for
// a bulk action (remind now, extend, cancel), each with a reason and a confirmation that names the count.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  formatPeriodLabel,
} from '../../../presentation/index.js';
import { api, download, newKey, q } from '../api.js';
import { assignmentPath, StatusBadges, type AssignmentItem } from '../components/assignment-bits.js';
import { DateInput } from '../components/date-input.js';
import { usePlanChoice } from '../components/plan-picker.js';
import {
  Async,
  Empty,
  FeedbackLine,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { useLang } from '../i18n.js';

const PAGE = 50;
/** The address fields that make a view (what GET /api/queue takes and a saved filter keeps). */
const VIEW_KEYS = [
  'plan',
  'unit',
  'area',
  'task',
  'status',
  'overdue',
  'dueFrom',
  'dueTo',
  'escalation',
  'coordination',
  'officer',
  'q',
  'includeInactive',
  'sort',
  'dir',
] as const;
type View = Partial<Record<(typeof VIEW_KEYS)[number], string>>;

interface QueueRow extends AssignmentItem {
  lastEventAt: string | null;
  officerName: string | null;
}
interface Options {
  units: { code: string; name: string }[];
  areas: { code: string; name: string }[];
  /** Officers who have work in scope: the filter offers them by unit. */
  officers: { login: string; name: string; unitName: string }[];
}
interface Saved {
  id: string;
  name: string;
  query: View;
}
interface BulkAnswer {
  count: number;
  items: { id: string; outcome: 'done' | 'refused' | 'not_found' | 'busy'; code?: string }[];
}

/** "Quý I/2027" for a period, "05/03/2027" for a daily occurrence: never the code. */
const occurrenceLabel = (o: string, lang: 'vi' | 'en') =>
  /^\d{4}-\d{2}-\d{2}$/.test(o) ? formatDate(o) : formatPeriodLabel(o, lang);

/** Items in groups, in the order each group first appears (the server sends them sorted). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}

const viewOf = (query: Record<string, string>): View =>
  Object.fromEntries(VIEW_KEYS.filter((k) => query[k]).map((k) => [k, query[k]]));

export function QueuePage() {
  const { tr, lang } = useLang();
  const { query, path, route } = useLocation();
  const choice = usePlanChoice();
  const view: View = { ...viewOf(query), ...(choice.plan && !query.plan ? { plan: choice.plan } : {}) };
  const offset = Number(query.offset ?? 0) || 0;
  const [search, setSearch] = useState(view.q ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [feedback, setFeedback] = useState<Feedback>(null);
  const key = JSON.stringify(view);

  const options = useLoad((signal) => api<Options>('GET', '/queue/options', { signal }), []);
  const saved = useLoad((signal) => api<Saved[]>('GET', '/queue/filters', { signal }), []);
  const list = useLoad(
    (signal) =>
      api<{ rows: QueueRow[]; total: number }>('GET', `/queue${q({ ...view, limit: PAGE, offset })}`, {
        signal,
      }),
    [key, offset],
  );

  /** Opens another view (page 1, nothing selected). */
  function go(change: View, keepOffset = false) {
    // From the address as it is now: two changes in a row (a box ticked, then a search) must both count, even
    // before the page has rendered the first.
    const now = viewOf(Object.fromEntries(new URLSearchParams(window.location.search)));
    const next: View = { ...view, ...now, ...change };
    for (const k of Object.keys(next) as (keyof View)[]) if (!next[k]) delete next[k];
    setSelected(new Set());
    route(`${path}${q({ ...next, ...(keepOffset ? { offset } : {}) })}`);
  }
  const set = (k: keyof View) => (e: Event) => go({ [k]: (e.currentTarget as HTMLSelectElement).value });

  function sortBy(column: string) {
    const same = (view.sort ?? 'due') === column;
    go({ sort: column, dir: same && view.dir !== 'desc' ? 'desc' : 'asc' });
  }
  const sortState = (column: string): 'ascending' | 'descending' | undefined =>
    (view.sort ?? 'due') === column ? (view.dir === 'desc' ? 'descending' : 'ascending') : undefined;

  async function saveView() {
    const name = window.prompt(tr('Tên bộ lọc:', 'Name of the filter:'))?.trim();
    if (!name) return;
    try {
      await api('PUT', '/queue/filters', { body: { name, query: view } });
      setFeedback({ kind: 'ok', text: tr(`Đã lưu bộ lọc "${name}".`, `Saved the filter "${name}".`) });
      saved.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    }
  }
  async function removeView(s: Saved) {
    if (!window.confirm(tr(`Xóa bộ lọc "${s.name}"?`, `Delete the filter "${s.name}"?`))) return;
    try {
      await api('DELETE', `/queue/filters/${s.id}`);
      saved.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    }
  }
  async function exportView(format: 'csv' | 'xlsx') {
    try {
      await download(`/queue/export${q({ ...view, format })}`, `nhiem-vu.${format}`);
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    }
  }

  const rows = list.data?.rows ?? [];
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  return (
    <section class="queue">
      <PageTitle
        sub={tr(
          'Mọi nhiệm vụ của các đơn vị: lọc, tìm (có hoặc không dấu), sắp xếp; chọn nhiều việc để nhắc, gia hạn hoặc hủy.',
          'Every unit’s assignments: filter, search (with or without diacritics), sort; select several to remind, extend or cancel.',
        )}
      >
        {tr('Nhiệm vụ', 'Tasks')}
      </PageTitle>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: search.trim() });
        }}
      >
        <label class="grow">
          {tr('Tìm trong tên và ghi chú', 'Search titles and notes')}
          <input
            type="search"
            value={search}
            placeholder={tr('ví dụ: bao cao quy', 'e.g. quarterly report')}
            onInput={(e) => setSearch(e.currentTarget.value)}
            data-testid="queue-search"
          />
        </label>
        <button type="submit">{tr('Tìm', 'Search')}</button>
        {(choice.plans.data ?? []).filter((p) => p.publishedVersion !== null).length > 1 && (
          <label>
            {tr('Kế hoạch', 'Plan')}
            <select value={view.plan ?? ''} onChange={set('plan')}>
              {(choice.plans.data ?? [])
                .filter((p) => p.publishedVersion !== null)
                .map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.title}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label>
          {tr('Đơn vị', 'Unit')}
          <select value={view.unit ?? ''} onChange={set('unit')} data-testid="queue-unit">
            <option value="">{tr('Tất cả', 'All')}</option>
            {(options.data?.units ?? []).map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('Lĩnh vực', 'Area')}
          <select value={view.area ?? ''} onChange={set('area')}>
            <option value="">{tr('Tất cả', 'All')}</option>
            {(options.data?.areas ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('Trạng thái', 'Status')}
          <select value={view.status ?? ''} onChange={set('status')}>
            <option value="">{tr('Tất cả', 'All')}</option>
            <option value="assigned,acknowledged,in_progress">{tr('Đang mở', 'Open')}</option>
            <option value="assigned">{tr('Chưa tiếp nhận', 'Not acknowledged')}</option>
            <option value="acknowledged">{tr('Đã tiếp nhận', 'Acknowledged')}</option>
            <option value="in_progress">{tr('Đang thực hiện', 'In progress')}</option>
            <option value="done">{tr('Đã hoàn thành', 'Done')}</option>
            <option value="cancelled">{tr('Đã hủy', 'Cancelled')}</option>
          </select>
        </label>
        <label>
          {tr('Leo thang', 'Escalation')}
          <select value={view.escalation ?? ''} onChange={set('escalation')}>
            <option value="">{tr('Tất cả', 'All')}</option>
            <option value="1">{tr('Từ lần 1', 'Step 1 or more')}</option>
            <option value="2">{tr('Từ lần 2', 'Step 2 or more')}</option>
          </select>
        </label>
        <label>
          {tr('Phối hợp', 'Coordination')}
          <select value={view.coordination ?? ''} onChange={set('coordination')}>
            <option value="">{tr('Tất cả', 'All')}</option>
            <option value="with">{tr('Có đơn vị phối hợp', 'With coordinating units')}</option>
            <option value="without">{tr('Không có đơn vị phối hợp', 'Without')}</option>
          </select>
        </label>
        {(options.data?.officers.length ?? 0) > 0 && (
          <label>
            {tr('Chuyên viên', 'Officer')}
            <select value={view.officer ?? ''} onChange={set('officer')} data-testid="queue-officer">
              <option value="">{tr('Tất cả', 'All')}</option>
              {groupBy(options.data!.officers, (o) => o.unitName).map(([unit, people]) => (
                <optgroup key={unit} label={unit}>
                  {people.map((o) => (
                    <option key={o.login} value={o.login}>
                      {o.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
        )}
        <label>
          {tr('Số hiệu nhiệm vụ', 'Task number')}
          <input
            size={8}
            value={view.task ?? ''}
            onChange={(e) => go({ task: e.currentTarget.value.trim() })}
          />
        </label>
        <label>
          {tr('Hạn từ ngày', 'Due from')}
          <DateInput
            value={view.dueFrom ?? ''}
            onChange={(v) => v !== (view.dueFrom ?? '') && go({ dueFrom: v })}
          />
        </label>
        <label>
          {tr('đến ngày', 'to')}
          <DateInput
            value={view.dueTo ?? ''}
            onChange={(v) => v !== (view.dueTo ?? '') && go({ dueTo: v })}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={view.overdue === 'true'}
            onChange={(e) => go({ overdue: e.currentTarget.checked ? 'true' : '' })}
          />{' '}
          {tr('Chỉ việc quá hạn', 'Overdue only')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={view.includeInactive === 'true'}
            onChange={(e) => go({ includeInactive: e.currentTarget.checked ? 'true' : '' })}
          />{' '}
          {tr('Cả kỳ chưa đến', 'Later occurrences too')}
        </label>
      </form>
      <div class="queue-tools">
        <label>
          {tr('Bộ lọc đã lưu', 'Saved filters')}
          <select
            value=""
            onChange={(e) => {
              const s = saved.data?.find((x) => x.id === e.currentTarget.value);
              if (s) {
                setSearch(s.query.q ?? '');
                setSelected(new Set());
                route(`${path}${q(s.query)}`);
              }
            }}
          >
            <option value="">{tr('— chọn —', '— choose —')}</option>
            {(saved.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void saveView()}>
          {tr('Lưu bộ lọc này', 'Save this filter')}
        </button>
        {(saved.data ?? []).length > 0 && (
          <details class="saved-list">
            <summary>{tr('Quản lý', 'Manage')}</summary>
            <ul>
              {(saved.data ?? []).map((s) => (
                <li key={s.id}>
                  {s.name}{' '}
                  <button type="button" class="link" onClick={() => void removeView(s)}>
                    {tr('Xóa', 'Delete')}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
        <span class="spacer" />
        <button type="button" onClick={() => void exportView('xlsx')}>
          {tr('Xuất Excel', 'Export to Excel')}
        </button>
        <button type="button" onClick={() => void exportView('csv')}>
          {tr('Xuất CSV', 'Export CSV')}
        </button>
      </div>
      <FeedbackLine feedback={feedback} />
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          done={(f) => {
            setFeedback(f);
            setSelected(new Set());
            list.reload();
          }}
        />
      )}
      <Async loaded={list}>
        {({ rows: items, total }) =>
          items.length === 0 ? (
            <Empty>{tr('Không có nhiệm vụ nào khớp bộ lọc.', 'No assignment matches the filters.')}</Empty>
          ) : (
            <>
              <p class="muted" data-testid="queue-total">
                {tr(
                  `${offset + 1}–${offset + items.length} trong ${total} nhiệm vụ`,
                  `${offset + 1}–${offset + items.length} of ${total} assignments`,
                )}
              </p>
              <div class="table-scroll">
                <table class="data compact queue-table" data-testid="queue-table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <input
                          type="checkbox"
                          checked={allOnPage}
                          aria-label={tr('Chọn cả trang', 'Select the whole page')}
                          onChange={(e) =>
                            setSelected(
                              e.currentTarget.checked
                                ? new Set([...selected, ...items.map((r) => r.id)])
                                : new Set([...selected].filter((id) => !items.some((r) => r.id === id))),
                            )
                          }
                        />
                      </th>
                      {(
                        [
                          ['title', tr('Nhiệm vụ', 'Task')],
                          ['unit', tr('Đơn vị chủ trì', 'Lead unit')],
                          ['due', tr('Hạn', 'Due')],
                          ['status', tr('Trạng thái', 'Status')],
                          ['progress', tr('Tiến độ', 'Progress')],
                          ['updated', tr('Cập nhật', 'Updated')],
                        ] as const
                      ).map(([column, label]) => (
                        <th key={column} scope="col" aria-sort={sortState(column)}>
                          <button type="button" class="sort" onClick={() => sortBy(column)}>
                            {label}
                            <span aria-hidden="true">
                              {sortState(column) === 'ascending'
                                ? ' ▲'
                                : sortState(column) === 'descending'
                                  ? ' ▼'
                                  : ''}
                            </span>
                          </button>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((a) => (
                      <tr key={a.id} class={selected.has(a.id) ? 'selected' : ''}>
                        <td>
                          <input
                            type="checkbox"
                            checked={selected.has(a.id)}
                            onChange={() => toggle(a.id)}
                            aria-label={`${tr('Chọn', 'Select')}: ${a.title}`}
                          />
                        </td>
                        <td>
                          <a href={assignmentPath(a.id)}>{a.title}</a>
                          <div class="muted small-print">
                            {a.taskId}
                            {a.occurrence ? ` · ${occurrenceLabel(a.occurrence, lang)}` : ''}
                          </div>
                        </td>
                        <td>
                          {a.unitName}
                          {a.officerName && (
                            <div class="muted small-print">
                              {tr('Chuyên viên', 'Officer')}: {a.officerName}
                            </div>
                          )}
                        </td>
                        <td class="nowrap">{formatDeadline(a.dueAt, lang)}</td>
                        <td>
                          <StatusBadges a={a} />
                        </td>
                        <td class="num">{a.progressPercent} %</td>
                        <td class="nowrap">{a.lastEventAt ? formatDateTime(a.lastEventAt, lang) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav class="pager" aria-label={tr('Trang', 'Pages')}>
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => route(`${path}${q({ ...view, offset: Math.max(0, offset - PAGE) })}`)}
                >
                  ← {tr('Trước', 'Previous')}
                </button>
                <button
                  type="button"
                  disabled={offset + items.length >= total}
                  onClick={() => route(`${path}${q({ ...view, offset: offset + PAGE })}`)}
                >
                  {tr('Sau', 'Next')} →
                </button>
              </nav>
            </>
          )
        }
      </Async>
    </section>
  );
}

/** The bulk action for the selected rows: what, why, (a new deadline), and a confirmation naming the count. */
function BulkBar({ ids, done }: { ids: string[]; done(f: Feedback): void }) {
  const { tr } = useLang();
  const [action, setAction] = useState<'remind' | 'extend' | 'cancel'>('remind');
  const [reason, setReason] = useState('');
  const [newDueDate, setNewDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Feedback>(null);
  // One key per intent: a repeated click sends the same key, and nothing happens twice.
  const [key, setKey] = useState(newKey());
  const n = ids.length;
  const verb = {
    remind: tr('Nhắc ngay', 'Remind now'),
    extend: tr('Gia hạn', 'Extend'),
    cancel: tr('Hủy', 'Cancel'),
  }[action];

  async function submit(e: Event) {
    e.preventDefault();
    const question = tr(`${verb} ${n} nhiệm vụ đã chọn?`, `${verb}: ${n} selected assignments?`);
    if (!window.confirm(question)) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<BulkAnswer>('POST', '/queue/bulk', {
        body: {
          action,
          ids,
          confirmCount: n,
          reason,
          ...(action === 'extend' ? { newDueDate } : {}),
          requestId: key,
        },
      });
      const ok = r.items.filter((i) => i.outcome === 'done').length;
      setKey(newKey());
      setReason('');
      done({
        kind: 'ok',
        text:
          ok === r.count
            ? tr(`${verb}: xong ${ok}/${r.count} nhiệm vụ.`, `${verb}: ${ok} of ${r.count} done.`)
            : tr(
                `${verb}: xong ${ok}/${r.count} nhiệm vụ; ${r.count - ok} nhiệm vụ không thực hiện được (đã kết thúc, đang chờ duyệt gia hạn hoặc không còn trong phạm vi).`,
                `${verb}: ${ok} of ${r.count} done; ${r.count - ok} could not be (finished, an extension pending, or out of scope).`,
              ),
      });
    } catch (err) {
      setError({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="bulk-bar" onSubmit={(e) => void submit(e)} data-testid="bulk-bar">
      <strong>{tr(`Đã chọn ${n} nhiệm vụ`, `${n} selected`)}</strong>
      <label>
        {tr('Thao tác', 'Action')}
        <select value={action} onChange={(e) => setAction(e.currentTarget.value as typeof action)}>
          <option value="remind">{tr('Nhắc ngay', 'Remind now')}</option>
          <option value="extend">{tr('Gia hạn', 'Extend')}</option>
          <option value="cancel">{tr('Hủy nhiệm vụ', 'Cancel')}</option>
        </select>
      </label>
      {action === 'extend' && (
        <label>
          {tr('Hạn mới', 'New deadline')}
          <DateInput value={newDueDate} onChange={setNewDueDate} />
        </label>
      )}
      <label class="grow">
        {tr('Lý do', 'Reason')}
        <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={2000} />
      </label>
      <button
        type="submit"
        class="primary"
        disabled={busy || !reason.trim() || (action === 'extend' && !newDueDate)}
      >
        {verb} ({n})
      </button>
      <FeedbackLine feedback={error} />
    </form>
  );
}
