import { useState } from 'preact/hooks';
import { api, download, fetchText, q } from '../api.js';
import { PlanPicker, usePlanChoice } from '../components/plan-picker.js';
import {
  Async,
  Empty,
  FeedbackLine,
  Loading,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { fmtDateTime, useLang } from '../i18n.js';

interface Run {
  key: string;
  planCode: string;
  reportId: string;
  period: string;
  cutOffAt: string;
  asOf: string;
  title: string;
  createdAt: string;
}

export function ReportsPage() {
  const { tr, lang } = useLang();
  const choice = usePlanChoice();
  const runs = useLoad(
    (signal) => api<Run[]>('GET', `/reports${q({ plan: choice.plan, limit: 100 })}`, { signal }),
    [choice.plan],
  );
  const [html, setHtml] = useState<{ key: string; html: string } | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const path = (key: string, format: string) => `/reports/${encodeURIComponent(key)}?format=${format}`;
  const fileName = (r: Run, ext: string) => `${r.planCode}-${r.reportId}-${r.period}.${ext}`;

  async function view(r: Run) {
    setLoading(r.key);
    setFeedback(null);
    try {
      setHtml({ key: r.key, html: await fetchText(path(r.key, 'html')) });
      setTimeout(() => document.getElementById('report-view')?.scrollIntoView(), 0);
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setLoading(null);
    }
  }
  async function get(r: Run, format: 'pdf' | 'xlsx' | 'csv') {
    setLoading(`${r.key}.${format}`);
    setFeedback(null);
    try {
      await download(path(r.key, format), fileName(r, format));
      setFeedback({
        kind: 'ok',
        text: tr(`Đã tải ${fileName(r, format)}`, `Downloaded ${fileName(r, format)}`),
      });
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setLoading(null);
    }
  }

  return (
    <section>
      <PageTitle
        sub={tr(
          'Báo cáo định kỳ đã chốt số liệu (không sửa đổi được)',
          'Periodic reports as issued (immutable)',
        )}
      >
        {tr('Báo cáo', 'Reports')}
      </PageTitle>
      <PlanPicker {...choice} />
      <FeedbackLine feedback={feedback} />
      <Async loaded={runs}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{tr('Chưa có báo cáo nào được lập.', 'No report has been issued yet.')}</Empty>
          ) : (
            <table class="data" data-testid="reports">
              <thead>
                <tr>
                  <th scope="col">{tr('Báo cáo', 'Report')}</th>
                  <th scope="col">{tr('Kỳ', 'Period')}</th>
                  <th scope="col">{tr('Chốt số liệu', 'Cut-off')}</th>
                  <th scope="col">{tr('Tải về', 'Download')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.key}>
                    <td>
                      <button type="button" class="link" onClick={() => void view(r)}>
                        {r.title}
                      </button>
                    </td>
                    <td>{r.period}</td>
                    <td>{fmtDateTime(r.asOf ?? r.cutOffAt, lang)}</td>
                    <td class="actions">
                      {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
                        <button
                          key={f}
                          type="button"
                          class="small"
                          disabled={loading !== null}
                          onClick={() => void get(r, f)}
                          aria-label={`${r.title} ${r.period} ${f.toUpperCase()}`}
                        >
                          {f.toUpperCase()}
                        </button>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      {loading && <Loading />}
      {html && (
        <section id="report-view" class="report-view">
          <h2>{tr('Xem báo cáo', 'Report')}</h2>
          <iframe title={tr('Nội dung báo cáo', 'Report content')} sandbox="" srcDoc={html.html} />
        </section>
      )}
    </section>
  );
}
