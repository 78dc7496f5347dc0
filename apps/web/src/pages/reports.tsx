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
import {
  formatDate,
  formatDeadline,
  formatPeriodLabel,
  formatReportPeriod,
} from '../../../presentation/index.js';
import { DateInput } from '../components/date-input.js';
import { todayVn, useLang } from '../i18n.js';

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

interface Definition {
  id: string;
  title: string;
  periods: { period: string; windowFrom: string; windowTo: string; cutOffAt: string }[];
}

/** Shown in the frame below the list: an issued run, or a report generated on request. */
interface Shown {
  key: string;
  html: string;
}

type FileFormat = 'docx' | 'pdf' | 'xlsx' | 'csv';

/**
 * Download buttons: the report as a document in the Decree 30 form (DOCX to edit and sign, PDF to send), and
 * its figures (XLSX, CSV); `label` names each for screen readers (given the format's name).
 */
function FileButtons(props: { disabled: boolean; label(f: string): string; onClick(f: FileFormat): void }) {
  const { tr } = useLang();
  return (
    <>
      {(['docx', 'pdf', 'xlsx', 'csv'] as const).map((f) => (
        <button
          key={f}
          type="button"
          class="small"
          disabled={props.disabled}
          onClick={() => props.onClick(f)}
          aria-label={props.label(f.toUpperCase())}
        >
          {tr('Tải', 'Download')} {f.toUpperCase()}
        </button>
      ))}
    </>
  );
}

/**
 * A report as of any date (the state of every assignment then, from the event log) or for any period of the
 * plan's, computed now and not issued: the chairperson asking "where are we today?".
 */
function GenerateReport(props: { plan: string; show(s: Shown): void; setFeedback(f: Feedback): void }) {
  const { tr, lang } = useLang();
  const definitions = useLoad(
    (signal) => api<Definition[]>('GET', `/reports/definitions${q({ plan: props.plan })}`, { signal }),
    [props.plan],
  );
  const [report, setReport] = useState('');
  const [mode, setMode] = useState<'date' | 'period'>('date');
  const [date, setDate] = useState(todayVn());
  const [period, setPeriod] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const chosen = definitions.data?.find((d) => d.id === report) ?? definitions.data?.[0];
  const when = mode === 'date' ? { asOf: date } : { period: period || chosen?.periods[0]?.period };
  const label = mode === 'date' ? date : (when.period ?? '');

  async function run(format: 'html' | FileFormat) {
    if (!chosen) return;
    if (mode === 'date' && !date) {
      props.setFeedback({
        kind: 'error',
        problem: {
          status: 0,
          code: 'invalid_date',
          message: {
            vi: `Nhập ngày theo dạng ngày/tháng/năm, ví dụ ${formatDate(todayVn())}.`,
            en: `Type the date as day/month/year, e.g. ${formatDate(todayVn())}.`,
          },
        },
      });
      return;
    }
    setBusy(format);
    props.setFeedback(null);
    // The decree documents (DOCX, PDF) in the language of the interface.
    const body = { plan: props.plan, report: chosen.id, ...when, format, ...(lang === 'en' ? { lang } : {}) };
    try {
      if (format === 'html') {
        const html = await fetchText('/reports/generate', { method: 'POST', body });
        props.show({ key: `${chosen.id}@${label}`, html });
        setTimeout(() => document.getElementById('report-view')?.scrollIntoView(), 0);
      } else {
        const fileName = `${lang === 'en' ? 'report-' : ''}${props.plan}-${chosen.id}-${label}.${format}`;
        await download('/reports/generate', fileName, { method: 'POST', body });
        props.setFeedback({ kind: 'ok', text: tr(`Đã tải ${fileName}`, `Downloaded ${fileName}`) });
      }
    } catch (err) {
      props.setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Async loaded={definitions}>
      {(list) =>
        list.length === 0 ? null : (
          <form
            class="inline generate"
            data-testid="generate-report"
            onSubmit={(e) => {
              e.preventDefault();
              void run('html');
            }}
          >
            <h2>{tr('Lập báo cáo tại một thời điểm', 'Report as of a date')}</h2>
            <label>
              {tr('Báo cáo', 'Report')}
              <select name="report" value={chosen?.id} onChange={(e) => setReport(e.currentTarget.value)}>
                {list.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {tr('Tính theo', 'As of')}
              <select
                name="mode"
                value={mode}
                onChange={(e) => setMode(e.currentTarget.value as 'date' | 'period')}
              >
                <option value="date">{tr('ngày', 'a date')}</option>
                <option value="period">{tr('kỳ báo cáo', 'a period')}</option>
              </select>
            </label>
            {mode === 'date' ? (
              <label>
                {tr('Ngày (hết ngày)', 'Date (end of day)')}
                <DateInput name="date" required value={date} onChange={setDate} />
              </label>
            ) : (
              <label>
                {tr('Kỳ', 'Period')}
                <select name="period" value={when.period} onChange={(e) => setPeriod(e.currentTarget.value)}>
                  {(chosen?.periods ?? []).map((p) => (
                    <option key={p.period} value={p.period}>
                      {formatReportPeriod(p.period, p.windowFrom, p.windowTo, lang)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="submit" class="primary" disabled={busy !== null}>
              {tr('Xem', 'View')}
            </button>
            <FileButtons
              disabled={busy !== null}
              label={(f) => `${tr('Tải', 'Download')} ${f}`}
              onClick={(f) => void run(f)}
            />
          </form>
        )
      }
    </Async>
  );
}

export function ReportsPage() {
  const { tr, lang } = useLang();
  const choice = usePlanChoice();
  const runs = useLoad(
    (signal) => api<Run[]>('GET', `/reports${q({ plan: choice.plan, limit: 100 })}`, { signal }),
    [choice.plan],
  );
  const [html, setHtml] = useState<Shown | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const path = (key: string, format: string) =>
    `/reports/${encodeURIComponent(key)}?format=${format}${lang === 'en' ? '&lang=en' : ''}`;
  const fileName = (r: Run, ext: string) =>
    `${lang === 'en' ? 'report-' : ''}${r.planCode}-${r.reportId}-${r.period}.${ext}`;

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
  async function get(r: Run, format: FileFormat) {
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
      {choice.plan && <GenerateReport plan={choice.plan} show={setHtml} setFeedback={setFeedback} />}
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
                    <td>{formatPeriodLabel(r.period, lang)}</td>
                    <td>{formatDeadline(r.asOf ?? r.cutOffAt, lang)}</td>
                    <td class="actions">
                      <FileButtons
                        disabled={loading !== null}
                        label={(f) => `${r.title} ${formatPeriodLabel(r.period, lang)} ${f}`}
                        onClick={(f) => void get(r, f)}
                      />
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
