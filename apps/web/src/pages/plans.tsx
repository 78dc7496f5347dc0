import { api } from '../api.js';
import { Async, Empty, PageTitle, useLoad } from '../components/ui.js';
import { fmtDateTime, useLang } from '../i18n.js';

export interface PlanSummary {
  code: string;
  title: string;
  year: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  assignments?: number;
  overdue?: number;
}

export function PlansPage() {
  const { tr, lang } = useLang();
  const plans = useLoad((signal) => api<PlanSummary[]>('GET', '/plans', { signal }), []);
  return (
    <section>
      <PageTitle
        sub={tr('Các kế hoạch của cơ quan, bản đã ban hành', 'The plans of your office, as published')}
      >
        {tr('Kế hoạch', 'Plans')}
      </PageTitle>
      <p>
        <a class="button primary" href="/plans/new">
          {tr('Soạn kế hoạch mới', 'Write a new plan')}
        </a>
      </p>
      <Async loaded={plans}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              {tr('Chưa có kế hoạch nào. Hãy soạn kế hoạch đầu tiên.', 'No plans yet. Write the first one.')}
            </Empty>
          ) : (
            <div class="table-scroll">
              <table class="data">
                <caption class="sr-only">{tr('Danh sách kế hoạch', 'Plans')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('Kế hoạch', 'Plan')}</th>
                    <th scope="col">{tr('Năm', 'Year')}</th>
                    <th scope="col">{tr('Phiên bản', 'Version')}</th>
                    <th scope="col">{tr('Ban hành lúc', 'Published')}</th>
                    <th scope="col" class="num">
                      {tr('Nhiệm vụ giao', 'Assignments')}
                    </th>
                    <th scope="col" class="num">
                      {tr('Quá hạn', 'Overdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => (
                    <tr key={p.code}>
                      <td>
                        <a href={`/plans/${p.code}`}>{p.title}</a>
                        <div class="muted mono">{p.code}</div>
                      </td>
                      <td>{p.year}</td>
                      <td>{p.publishedVersion ?? '—'}</td>
                      <td>{fmtDateTime(p.publishedAt, lang)}</td>
                      <td class="num">{p.assignments ?? '—'}</td>
                      <td class={`num ${p.overdue ? 'bad' : ''}`}>{p.overdue ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
