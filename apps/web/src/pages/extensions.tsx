import { api } from '../api.js';
import { formatDate, formatDateTime, formatDeadline } from '../../../presentation/index.js';
import { assignmentPath } from '../components/assignment-bits.js';
import { Async, Empty, PageTitle, useLoad } from '../components/ui.js';
import { useLang } from '../i18n.js';
import { DecideExtension } from './assignment.js';

interface Pending {
  id: string;
  assignmentId: string;
  requestedByName: string | null;
  requestedAt: string;
  currentDueAt: string | null;
  newDueDate: string;
  reason: string;
  taskId: string;
  title: string;
  unitName: string;
}

export function ExtensionsPage() {
  const { tr, lang } = useLang();
  const list = useLoad((signal) => api<Pending[]>('GET', '/extension-requests', { signal }), []);
  return (
    <section>
      <PageTitle sub={tr('Các đề nghị gia hạn chờ quyết định', 'Extension requests waiting for a decision')}>
        {tr('Đề nghị gia hạn', 'Extension requests')}
      </PageTitle>
      <Async loaded={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{tr('Không có đề nghị nào đang chờ.', 'No request is waiting.')}</Empty>
          ) : (
            <ul class="cards wide">
              {items.map((x) => (
                <li key={x.id} class="card">
                  <a class="title" href={assignmentPath(x.assignmentId)}>
                    {x.title}
                  </a>
                  <div class="meta">
                    <span class="mono">{x.taskId}</span> · {x.unitName} ·{' '}
                    {tr('hạn hiện tại', 'current deadline')}{' '}
                    <strong data-testid="current-deadline">{formatDeadline(x.currentDueAt, lang)}</strong> ·{' '}
                    {tr('đề nghị đến', 'asked until')}{' '}
                    <strong data-testid="asked-deadline">{formatDate(x.newDueDate)}</strong> ·{' '}
                    {tr('gửi lúc', 'sent')} {formatDateTime(x.requestedAt, lang)}
                  </div>
                  <DecideExtension
                    path={`/assignments/${encodeURIComponent(x.assignmentId)}/extension-decision`}
                    request={x}
                    done={list.reload}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
