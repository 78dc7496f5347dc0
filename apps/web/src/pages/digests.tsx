// Escalation digests as they were sent: the current one for each of my recipients on top, past ones below.
import { useState } from 'preact/hooks';
import type { DigestContent } from '../../../../workflows/contracts.js';
import { api, download, q } from '../api.js';
import { assignmentPath } from '../components/assignment-bits.js';
import { PlanPicker, usePlanChoice } from '../components/plan-picker.js';
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
import { formatDate, formatDateTime, formatDeadline, formatTimeLeft } from '../../../presentation/index.js';
import { useLang } from '../i18n.js';

interface DigestRow {
  key: string;
  planCode: string;
  recipient: string;
  dueAt: string;
  content: DigestContent;
}

export function DigestsPage() {
  const { tr, lang } = useLang();
  const choice = usePlanChoice();
  const current = useLoad(
    (signal) => api<DigestRow[]>('GET', `/digests/current${q({ plan: choice.plan })}`, { signal }),
    [choice.plan],
  );
  const past = useLoad(
    (signal) => api<DigestRow[]>('GET', `/digests${q({ plan: choice.plan, limit: 50 })}`, { signal }),
    [choice.plan],
  );
  const [shown, setShown] = useState<string | null>(null);
  return (
    <section>
      <PageTitle sub={tr('Các nhiệm vụ quá hạn đã leo thang tới bạn', 'Overdue work escalated to you')}>
        {tr('Bản tổng hợp leo thang', 'Escalation digests')}
      </PageTitle>
      <PlanPicker {...choice} />
      <Async loaded={current}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>
              {tr(
                'Chưa có bản tổng hợp nào: không có việc quá hạn leo thang tới bạn.',
                'No digest yet: nothing overdue has been escalated to you.',
              )}
            </Empty>
          ) : (
            <div data-testid="digest-current">
              {rows.map((r) => (
                <Digest key={r.key} d={r.content} />
              ))}
            </div>
          )
        }
      </Async>
      <h2>{tr('Các bản trước', 'Earlier digests')}</h2>
      <Async loaded={past}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>{tr('Không có.', 'None.')}</Empty>
          ) : (
            <ul class="plain">
              {rows.map((r) => (
                <li key={r.key}>
                  <button
                    type="button"
                    class="link"
                    aria-expanded={shown === r.key}
                    onClick={() => setShown(shown === r.key ? null : r.key)}
                  >
                    {formatDateTime(r.dueAt, lang)} ·{' '}
                    {r.content.recipient.name ?? tr('Người nhận', 'Recipient')} ·{' '}
                    {r.content.rollUp.openEscalations} {tr('việc', 'items')}
                  </button>
                  {shown === r.key && <Digest d={r.content} />}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

/** The digest as a document in the Decree 30 form, to print or forward: DOCX (to edit and sign) or PDF. */
function DigestFiles({ d }: { d: DigestContent }) {
  const { tr, lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const day = formatDate(d.at).split('/').reverse().join('-');
  async function get(format: 'docx' | 'pdf') {
    const fileName = `${tr('tong-hop-qua-han', 'overdue-digest')}_${day}.${format}`;
    setBusy(true);
    setFeedback(null);
    try {
      // The document in the language of the interface.
      const query = `format=${format}${lang === 'en' ? '&lang=en' : ''}`;
      await download(`/digests/${encodeURIComponent(d.key)}?${query}`, fileName);
      setFeedback({ kind: 'ok', text: tr(`Đã tải ${fileName}`, `Downloaded ${fileName}`) });
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <p class="actions">
      {(['docx', 'pdf'] as const).map((f) => (
        <button
          key={f}
          type="button"
          class="small"
          disabled={busy}
          onClick={() => void get(f)}
          aria-label={tr(
            `Tải bản tổng hợp ${formatDate(d.at)} dạng ${f.toUpperCase()}`,
            `Download the digest of ${formatDate(d.at)} as ${f.toUpperCase()}`,
          )}
        >
          {tr('Tải', 'Download')} {f.toUpperCase()}
        </button>
      ))}
      <FeedbackLine feedback={feedback} />
    </p>
  );
}

export function Digest({ d }: { d: DigestContent }) {
  const { tr, lang } = useLang();
  return (
    <article class="digest">
      <h3>
        {d.recipient.name ?? tr('Người nhận', 'Recipient')} · {formatDateTime(d.at, lang)}
      </h3>
      <DigestFiles d={d} />
      <p class="rollup" aria-label={tr('Tóm tắt', 'Roll-up')}>
        <Badge tone="red">{tr(`${d.rollUp.red} đơn vị đỏ`, `${d.rollUp.red} red`)}</Badge>{' '}
        <Badge tone="amber">{tr(`${d.rollUp.amber} vàng`, `${d.rollUp.amber} amber`)}</Badge>{' '}
        <Badge tone="green">{tr(`${d.rollUp.green} đã khắc phục`, `${d.rollUp.green} resolved`)}</Badge>{' '}
        <span class="muted">
          {tr(
            `${d.rollUp.openEscalations} việc đang leo thang`,
            `${d.rollUp.openEscalations} open escalations`,
          )}
        </span>
      </p>
      {d.units.map((u) => (
        <section key={u.unit.code} class={`rag ${u.rag}`}>
          <h4>
            <span class="dot" aria-hidden="true" /> {u.unit.name}{' '}
            <span class="sr-only">({u.rag === 'red' ? tr('đỏ', 'red') : tr('vàng', 'amber')})</span>
          </h4>
          <table class="data compact">
            <thead>
              <tr>
                <th scope="col">{tr('Nhiệm vụ', 'Task')}</th>
                <th scope="col">{tr('Hạn', 'Due')}</th>
                <th scope="col">{tr('Quá hạn', 'Overdue')}</th>
                <th scope="col" class="num">
                  {tr('Lần leo thang', 'Escalation step')}
                </th>
              </tr>
            </thead>
            <tbody>
              {u.items.map((i) => (
                <tr key={i.assignmentId}>
                  <td>
                    <a href={assignmentPath(i.assignmentId)}>{i.title}</a>{' '}
                    <span class="muted mono">{i.taskId}</span>
                  </td>
                  <td>{formatDeadline(i.dueAt, lang)}</td>
                  <td class="bad" data-testid="overdue-for">
                    {formatTimeLeft(i.dueAt, Date.parse(d.at), lang)}
                  </td>
                  <td class="num">{i.level}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}
