// The Home Affairs office's incidents: steps of the engine the database refused (the assignment carried on, the
// step is not stored). Each can be written again once the cause is fixed, or closed with a note.
import { useRef, useState } from 'preact/hooks';
import { api, newKey } from '../api.js';
import { formatDateTime, stepLabel } from '../../../presentation/index.js';
import { assignmentPath } from '../components/assignment-bits.js';
import {
  asProblem,
  Async,
  Badge,
  Empty,
  FeedbackLine,
  PageTitle,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { useLang } from '../i18n.js';

interface Incident {
  id: string;
  planTitle: string | null;
  assignmentId: string | null;
  taskTitle: string | null;
  unitName: string | null;
  stepType: string;
  occurredAt: string;
  sqlstate: string | null;
  reason: string;
  failures: number;
  status: 'open' | 'resolved';
  raisedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolution: 'retried' | 'dismissed' | null;
  note: string | null;
  by: { name: string };
}

export function IncidentsPage() {
  const { tr } = useLang();
  const list = useLoad((signal) => api<Incident[]>('GET', '/incidents', { signal }), []);
  return (
    <section>
      <PageTitle
        sub={tr(
          'Các bước xử lý hệ thống không ghi được vào cơ sở dữ liệu. Nhiệm vụ vẫn được theo dõi; hãy khắc phục nguyên nhân rồi ghi lại bước, hoặc đóng sự cố.',
          'Steps the system could not write to the database. The tasks are still followed up; fix the cause, then write the step again, or close the incident.',
        )}
      >
        {tr('Sự cố ghi dữ liệu', 'Incidents')}
      </PageTitle>
      <Async loaded={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{tr('Không có sự cố nào.', 'No incident.')}</Empty>
          ) : (
            <ul class="cards wide" data-testid="incidents">
              {items.map((x) => (
                <IncidentCard key={x.id} incident={x} done={list.reload} />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

function IncidentCard({ incident: x, done }: { incident: Incident; done: () => void }) {
  const { tr, lang } = useLang();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  // One key per intent, kept until the server accepts it (a second click is applied once).
  const key = useRef(newKey());
  async function act(path: string, body: unknown, ok: string) {
    setBusy(true);
    setFeedback(null);
    try {
      const after = await api<Incident>('POST', `/incidents/${encodeURIComponent(x.id)}/${path}`, {
        body,
        idempotencyKey: key.current,
      });
      key.current = newKey();
      setFeedback(
        after.status === 'resolved'
          ? { kind: 'ok', text: ok }
          : {
              kind: 'error',
              problem: {
                status: 409,
                code: 'still_failing',
                message: {
                  vi: 'Vẫn chưa ghi được bước này; nguyên nhân chưa được khắc phục.',
                  en: 'The step still cannot be written; the cause is not fixed yet.',
                },
              },
            },
      );
      done();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }
  const open = x.status === 'open';
  return (
    <li class="card" data-testid="incident">
      <div class="title">
        <Badge tone={open ? 'red' : 'green'}>
          {open
            ? tr('Chưa xử lý', 'Open')
            : x.resolution === 'retried'
              ? tr('Đã ghi lại', 'Written again')
              : tr('Đã đóng', 'Closed')}
        </Badge>{' '}
        {tr('Bước', 'Step')} “{stepLabel(x.stepType, lang)}” ·{' '}
        {x.assignmentId ? (
          <a href={assignmentPath(x.assignmentId)}>{x.taskTitle ?? tr('nhiệm vụ', 'task')}</a>
        ) : (
          x.taskTitle
        )}
      </div>
      <div class="meta">
        {x.unitName ?? ''}
        {x.planTitle ? ` · ${x.planTitle}` : ''} · {tr('người thực hiện', 'by')} {x.by.name} ·{' '}
        {tr('lúc', 'at')} {formatDateTime(x.occurredAt, lang)} ·{' '}
        {x.failures > 1
          ? tr(`lỗi ${x.failures} lần`, `failed ${x.failures} times`)
          : tr('lỗi 1 lần', 'failed once')}
      </div>
      <details>
        <summary>
          {tr('Chi tiết kỹ thuật (gửi bộ phận kỹ thuật)', 'Technical details (for the technical team)')}
        </summary>
        <p class="mono">{x.reason}</p>
      </details>
      {!open && (
        <div class="meta">
          {x.resolution === 'retried' ? tr('Đã ghi lại', 'Written again') : tr('Đã đóng', 'Closed')}{' '}
          {x.resolvedByName ? `${tr('bởi', 'by')} ${x.resolvedByName} ` : ''}
          {x.resolvedAt ? `${tr('lúc', 'at')} ${formatDateTime(x.resolvedAt, lang)}` : ''}
          {x.note ? ` — ${x.note}` : ''}
        </div>
      )}
      {open && (
        <div class="action">
          <label>
            {tr('Ghi chú khi đóng sự cố', 'Note when closing')}
            <textarea
              rows={2}
              maxLength={2000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <FeedbackLine feedback={feedback} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => void act('retry', undefined, tr('Đã ghi lại bước này.', 'The step is written.'))}
            >
              {tr('Ghi lại bước này', 'Write the step again')}
            </button>
            <button
              type="button"
              class="danger"
              disabled={busy || note.trim() === ''}
              onClick={() => void act('dismiss', { note }, tr('Đã đóng sự cố.', 'Incident closed.'))}
            >
              {tr('Đóng sự cố, không ghi lại', 'Close without writing')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
