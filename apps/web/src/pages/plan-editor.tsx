// The plan editor of the Home Affairs office: the plan's text with the language's highlighting and the
// checker's diagnostics as you type, formatting in either keyword language, the year preview, publishing a new
// plan (never over another: its code must be its own), and, for a running plan, every file as it was published
// and the amendment's changes field by field before they are applied (a typed count before many cancellations).
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { forceLinting } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { useRoute } from 'preact-iso';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, newKey } from '../api.js';
import { YearPreview, type Preview } from '../components/year-preview.js';
import {
  Async,
  FeedbackLine,
  Loading,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { dondoc, filesChanged, offsetOf, type PlanDiagnostic } from '../editor/dondoc-language.js';
import { DateInput } from '../components/date-input.js';
import { ImportReport, PlanImportButton, type ImportAnswer } from '../components/plan-import.js';
import { fmtDate, fmtDateTime, useLang } from '../i18n.js';
import { useSession } from '../session.js';

interface Sources {
  entry: string;
  files: Record<string, string>;
}

/** The files to edit and the day tracking started, when the publisher chose one. */
interface Opened extends Sources {
  startOn: string | null;
}

const SINGLE = 'ke-hoach.dondoc';

/** The source stored with a version: one file's text, or every file of a plan that includes others. */
function parseStored(source: string): Sources {
  if (source.trimStart().startsWith('{')) {
    try {
      const s = JSON.parse(source) as Sources;
      if (s.entry && s.files?.[s.entry] !== undefined) return s;
    } catch {
      /* a plan text that starts with a brace is still a plan text */
    }
  }
  return { entry: SINGLE, files: { [SINGLE]: source } };
}

function starter(issuer: string): Opened {
  const year = new Date().getFullYear() + 1;
  const text = `# Kế hoạch cải cách hành chính năm ${year}
# "mã" là danh tính của kế hoạch: kế hoạch khác phải có mã khác (không ban hành đè lên kế hoạch đang chạy).
kế hoạch "Kế hoạch cải cách hành chính năm ${year}":
  mã: "kh-01-${year}-${issuer.replace(/_/g, '-')}"
  cơ quan ban hành: ${issuer}
  quyết định: "01/KH-UBND" ngày 05/01/${year}
  năm: ${year}
  lịch: "vn"
  tính cả ngày hạn: có
  chính sách: thong_thuong

đơn vị ${issuer} "Ủy ban nhân dân":
  loại: phường
  thủ trưởng: chu_tich
  thư điện tử: "ubnd@example.gov.vn"

đơn vị van_phong "Văn phòng":
  loại: phòng
  cấp trên: ${issuer}
  thư điện tử: "vanphong@example.gov.vn"

người chu_tich "Chủ tịch UBND":
  chức vụ: chủ tịch
  đơn vị: ${issuer}
  thư điện tử: "chutich@example.gov.vn"

chính sách thong_thuong "Đôn đốc thông thường":
  tiếp nhận trong: 2 ngày làm việc
  nhắc: trước 5 ngày làm việc, đúng hạn lúc 08:00
  leo thang:
    bậc 1 sau 2 ngày làm việc: chủ tịch
  tổng hợp: hằng tuần vào thứ hai lúc 07:30

lĩnh vực chỉ đạo điều hành "Chỉ đạo, điều hành":
  nhiệm vụ CĐ.01 "Ban hành Kế hoạch CCHC năm ${year}":
    chủ trì: van_phong
    thời hạn: ngày 26/02/${year}
    sản phẩm: "Kế hoạch CCHC năm ${year}"
`;
  return { entry: SINGLE, files: { [SINGLE]: text }, startOn: null };
}

export function PlanEditorPage() {
  const { params } = useRoute();
  const code = params.code;
  const { user } = useSession();
  const loaded = useLoad(
    async (signal): Promise<Opened> => {
      if (!code) return starter(user!.issuer);
      const plan = await api<{ latestVersion: number }>('GET', `/plans/${code}`, { signal });
      const v = await api<{
        source: string;
        entry?: string;
        files?: Record<string, string>;
        startOn?: string | null;
      }>('GET', `/plans/${code}/versions/${plan.latestVersion}`, { signal });
      // Every file of the version as it was published (includes, templates), so the plan opens without errors.
      const files = v.entry && v.files ? { entry: v.entry, files: v.files } : parseStored(v.source);
      return { ...files, startOn: v.startOn ?? null };
    },
    [code],
  );
  return <Async loaded={loaded}>{(s) => <Editor key={code ?? 'new'} initial={s} code={code} />}</Async>;
}

interface CheckAnswer {
  ok: boolean;
  errors: number;
  warnings: number;
  info: number;
  diagnostics: PlanDiagnostic[];
}

interface AmendmentPreview {
  fromVersion: number;
  unchangedPlan: boolean;
  added: { id: string; taskId: string; unit: string; occurrence: string; dueDate: string }[];
  removed: { id: string; taskId: string; unit: string; occurrence: string; dueDate: string }[];
  changed: {
    id: string;
    taskId: string;
    unit: string;
    occurrence: string;
    fields: Record<string, unknown>;
  }[];
  unchanged: number;
  /** The day the amendment compiles from (the header's publication date, or the chosen start). */
  startOn: string;
  /** Applying needs the number removed, typed, when it is above this. */
  confirmRemovalsAbove: number;
}

function Editor({ initial, code }: { initial: Opened; code: string | undefined }) {
  const { tr, tx, lang } = useLang();
  const files = useRef<Record<string, string>>({ ...initial.files });
  const [names, setNames] = useState(() => Object.keys(initial.files).sort());
  const [current, setCurrent] = useState(initial.entry);
  const [checked, setChecked] = useState<CheckAnswer | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [amendment, setAmendment] = useState<AmendmentPreview | null>(null);
  const [keywordLang, setKeywordLang] = useState<'vi' | 'en'>('vi');
  const [imported, setImported] = useState<ImportAnswer | null>(null);
  /** "bắt đầu theo dõi từ": empty = the header's publication date. */
  const [startOn, setStartOn] = useState(initial.startOn ?? '');
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const currentRef = useRef(current);
  currentRef.current = current;
  const publishKey = useRef(newKey());

  const sources = (): Sources => ({ entry: initial.entry, files: { ...files.current } });
  const withStart = () => ({ ...sources(), ...(startOn ? { startOn } : {}) });

  const extensions = useMemo(
    () => [
      lineNumbers(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Văn bản kế hoạch / plan text' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          files.current[currentRef.current] = u.state.doc.toString();
          setPreview(null);
          setAmendment(null);
        }
      }),
      dondoc(
        async (text) => {
          const answer = await api<CheckAnswer>('POST', '/plans/check', {
            body: { entry: initial.entry, files: { ...files.current, [currentRef.current]: text } },
          }).catch((err: unknown) => {
            setFeedback({ kind: 'error', problem: asProblem(err) });
            return null;
          });
          if (!answer) return [];
          setChecked(answer);
          return answer.diagnostics.filter((d) => d.file === currentRef.current);
        },
        () => langRef.current,
      ),
    ],
    [],
  );

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({ doc: files.current[current] ?? '', extensions }),
    });
    view.current = v;
    return () => v.destroy();
  }, [current, extensions]);

  function replaceText(text: string) {
    const v = view.current!;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }

  function jumpTo(d: PlanDiagnostic) {
    const go = () => {
      const v = view.current!;
      const at = offsetOf(v.state.doc, d.range.start.line, d.range.start.column);
      v.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      v.focus();
    };
    if (d.file !== current && files.current[d.file] !== undefined) {
      setCurrent(d.file);
      setTimeout(go, 0);
    } else go();
  }

  async function act<T>(label: string, fn: () => Promise<T>, ok?: (r: T) => string) {
    setBusy(label);
    setFeedback(null);
    try {
      const r = await fn();
      if (ok) setFeedback({ kind: 'ok', text: ok(r) });
      return r;
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  const format = (target: 'vi' | 'en') =>
    act('format', () =>
      api<{ ok: boolean; text: string; changed: boolean }>('POST', '/plans/format', {
        body: { text: files.current[current], file: current, lang: target },
      }),
    ).then((r) => {
      if (!r) return;
      if (!r.ok)
        setFeedback({
          kind: 'error',
          problem: {
            status: 422,
            code: 'cannot_format',
            message: {
              vi: 'Chưa định dạng được: hãy sửa các lỗi cú pháp trước.',
              en: 'Cannot format yet: fix the syntax errors first.',
            },
          },
        });
      else {
        if (r.changed) replaceText(r.text);
        setKeywordLang(target);
        setFeedback({
          kind: 'ok',
          text: r.changed
            ? tr('Đã định dạng.', 'Formatted.')
            : tr('Văn bản đã đúng định dạng.', 'Already formatted.'),
        });
      }
    });

  const runPreview = () =>
    act('preview', () => api<Preview>('POST', `/plans/preview`, { body: sources() })).then((p) => {
      if (p) {
        setPreview(p);
        setTimeout(() => document.getElementById('preview-title')?.scrollIntoView(), 0);
      }
    });

  // A new plan only: a plan whose code is already running is refused (plan_exists) and left untouched.
  const publish = () => {
    if (
      !confirm(
        tr(
          'Ban hành kế hoạch mới này? Các đơn vị sẽ nhận nhiệm vụ.',
          'Publish this new plan? Units will receive their tasks.',
        ),
      )
    )
      return;
    void act(
      'publish',
      () =>
        api<{ action: string; version: number; assignments: number; planCode: string }>('POST', '/plans', {
          body: withStart(),
          idempotencyKey: publishKey.current,
        }),
      (r) =>
        r.action === 'unchanged'
          ? tr(
              'Kế hoạch không thay đổi so với bản đã ban hành.',
              'The plan is unchanged from the published one.',
            )
          : tr(
              `Đã ban hành phiên bản ${r.version}: ${r.assignments} nhiệm vụ giao (kế hoạch ${r.planCode}).`,
              `Published version ${r.version}: ${r.assignments} assignments (plan ${r.planCode}).`,
            ),
    );
  };

  const previewAmendment = () =>
    act('amend-preview', () =>
      api<AmendmentPreview>('POST', `/plans/${code}/amendments/preview`, { body: withStart() }),
    ).then((a) => {
      if (!a) return;
      setAmendment(a);
      setTimeout(() => document.getElementById('amendment-title')?.scrollIntoView(), 0);
    });

  const applyAmendment = (confirmRemovals: number | undefined) =>
    act(
      'amend',
      () =>
        api<{ action: string; version: number; assignments: number }>('POST', `/plans/${code}/amendments`, {
          body: { ...withStart(), ...(confirmRemovals !== undefined ? { confirmRemovals } : {}) },
          idempotencyKey: publishKey.current,
        }),
      (r) =>
        r.action === 'unchanged'
          ? tr('Không có gì thay đổi.', 'Nothing changed.')
          : tr(`Đã áp dụng điều chỉnh: phiên bản ${r.version}.`, `Amendment applied: version ${r.version}.`),
    ).then((r) => {
      if (r) {
        setAmendment(null);
        publishKey.current = newKey();
      }
    });

  // A new set of files is checked again at once: an include that was missing may be there now.
  async function addFiles(list: FileList | null) {
    for (const f of Array.from(list ?? [])) {
      if (!f.name.endsWith('.dondoc') && !f.name.endsWith('.ics')) continue;
      files.current[f.name] = (await f.text()).normalize('NFC');
    }
    setNames(Object.keys(files.current).sort());
    setPreview(null);
    setAmendment(null);
    const v = view.current;
    if (v) {
      v.dispatch({ effects: filesChanged.of(null) });
      forceLinting(v);
    }
  }

  // The imported plan replaces the entry file (undoable with Ctrl+Z when it is the file on screen).
  function applyImport(a: ImportAnswer) {
    setImported(a);
    setPreview(null);
    setAmendment(null);
    if (current === initial.entry) replaceText(a.text);
    else {
      files.current[initial.entry] = a.text;
      setCurrent(initial.entry);
    }
  }

  const jumpToLine = (line: number) =>
    jumpTo({ file: initial.entry, range: { start: { line, column: 1 } } } as PlanDiagnostic);

  const errors = checked?.errors ?? 0;
  return (
    <section class="editor-page">
      <PageTitle
        sub={
          code
            ? tr(`Điều chỉnh kế hoạch ${code}`, `Amending plan ${code}`)
            : tr('Soạn kế hoạch mới', 'A new plan')
        }
      >
        {tr('Soạn thảo kế hoạch', 'Plan editor')}
      </PageTitle>
      <div class="toolbar" role="toolbar" aria-label={tr('Công cụ soạn thảo', 'Editor tools')}>
        {names.length > 1 && (
          <label>
            {tr('Tệp', 'File')}
            <select value={current} onChange={(e) => setCurrent(e.currentTarget.value)}>
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                  {n === initial.entry ? ` (${tr('chính', 'entry')})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => void format(keywordLang)} disabled={!!busy}>
          {tr('Định dạng', 'Format')}
        </button>
        <label>
          {tr('Từ khóa', 'Keywords')}
          <select
            value={keywordLang}
            onChange={(e) => void format(e.currentTarget.value as 'vi' | 'en')}
            data-testid="keyword-lang"
          >
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
        <label class="file-input button">
          {tr('Thêm tệp .dondoc…', 'Add .dondoc files…')}
          <input
            class="sr-only"
            type="file"
            accept=".dondoc,.ics"
            multiple
            onChange={(e) => void addFiles(e.currentTarget.files)}
          />
        </label>
        <PlanImportButton
          files={() => ({ ...files.current })}
          entry={initial.entry}
          disabled={!!busy}
          onImported={applyImport}
          onFeedback={setFeedback}
        />
        <label
          title={tr(
            'Để trống: theo dõi từ ngày ban hành ghi trong phần đầu kế hoạch. Chọn ngày khác để bắt đầu muộn hơn (các kỳ đã qua không được giao).',
            "Empty: tracking starts on the header's publication date. Choose another day to start late (periods already past are not assigned).",
          )}
        >
          {tr('Bắt đầu theo dõi từ', 'Start tracking on')}
          <span data-testid="start-on">
            <DateInput
              value={startOn}
              onChange={(v) => {
                setStartOn(v);
                setAmendment(null);
              }}
            />
          </span>
          {!startOn && <span class="muted small-print"> {tr('(ngày ban hành)', '(publication date)')}</span>}
        </label>
        <span class="spacer" />
        <button type="button" onClick={() => void runPreview()} disabled={!!busy || errors > 0}>
          {tr('Xem lịch cả năm', 'Preview the year')}
        </button>
        {code ? (
          <button
            type="button"
            class="primary"
            onClick={() => void previewAmendment()}
            disabled={!!busy || errors > 0}
          >
            {tr('Xem thay đổi', 'Review changes')}
          </button>
        ) : (
          <button type="button" class="primary" onClick={publish} disabled={!!busy || errors > 0}>
            {tr('Ban hành', 'Publish')}
          </button>
        )}
      </div>
      <div class="check-status" role="status" aria-live="polite" data-testid="check-status">
        {checked === null ? (
          <span class="muted">{tr('Đang kiểm tra…', 'Checking…')}</span>
        ) : checked.errors + checked.warnings + checked.info === 0 ? (
          <span class="good">✓ {tr('Không có lỗi', 'No problems')}</span>
        ) : (
          <span>
            <span class={checked.errors ? 'bad' : ''}>
              {checked.errors} {tr('lỗi', 'errors')}
            </span>
            , {checked.warnings} {tr('cảnh báo', 'warnings')}, {checked.info} {tr('ghi chú', 'notes')}
          </span>
        )}
        {busy && <Loading label={tr('Đang xử lý…', 'Working…')} />}
      </div>
      <FeedbackLine feedback={feedback} />
      {imported && <ImportReport answer={imported} onJump={jumpToLine} onClose={() => setImported(null)} />}
      <div class="editor-grid">
        <div>
          <div class="cm-host" ref={host} data-testid="editor" />
          <p class="muted small-print">
            {tr(
              'Tab thụt lề trong ô soạn thảo; nhấn Esc rồi Tab để chuyển sang nút tiếp theo. Ctrl+Z hoàn tác.',
              'Tab indents inside the editor; press Esc, then Tab, to move on. Ctrl+Z undoes.',
            )}
          </p>
        </div>
        <aside class="diagnostics" aria-label={tr('Các vấn đề', 'Problems')}>
          <h2>{tr('Các vấn đề', 'Problems')}</h2>
          {checked && checked.diagnostics.length === 0 && <p class="muted">{tr('Không có.', 'None.')}</p>}
          <ul>
            {checked?.diagnostics.map((d, i) => (
              <li key={i} class={`diag ${d.severity}`}>
                <button type="button" class="link" onClick={() => jumpTo(d)}>
                  <span class="code">{d.code}</span>{' '}
                  <span class="pos">
                    {d.file}:{d.range.start.line}:{d.range.start.column}
                  </span>
                </button>
                <div>{tx(d.message)}</div>
                {d.hint && (
                  <div class="hint">
                    {tr('Gợi ý', 'Hint')}: {tx(d.hint)}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {amendment && <AmendmentDiff diff={amendment} onApply={(n) => void applyAmendment(n)} busy={!!busy} />}
      {preview && <YearPreview preview={preview} />}
    </section>
  );
}

const FIELD_LABEL: Record<string, [string, string]> = {
  kind: ['Loại thời hạn', 'Kind of deadline'],
  policy: ['Chính sách đôn đốc', 'Policy'],
  startsAt: ['Bắt đầu', 'Starts'],
  dueDate: ['Hạn', 'Deadline'],
  dueAt: ['Thời điểm hết hạn', 'Deadline instant'],
  acknowledgeBy: ['Hạn tiếp nhận', 'Acknowledge by'],
  reminders: ['Lịch nhắc', 'Reminders'],
  escalations: ['Lịch leo thang', 'Escalations'],
  checkIns: ['Rà soát định kỳ', 'Check-ins'],
  coordinators: ['Đơn vị phối hợp', 'Coordinating units'],
};

function AmendmentDiff({
  diff,
  onApply,
  busy,
}: {
  diff: AmendmentPreview;
  onApply: (confirmRemovals: number | undefined) => void;
  busy: boolean;
}) {
  const { tr, lang } = useLang();
  const [typed, setTyped] = useState('');
  const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0;
  const removed = diff.removed.length;
  const mustConfirm = removed > diff.confirmRemovalsAbove;
  const confirmed = !mustConfirm || typed.trim() === String(removed);
  const show = (v: unknown): string => {
    if (v === undefined || v === null) return '—';
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v !== 'string') return JSON.stringify(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return fmtDate(v, lang);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return fmtDateTime(v, lang);
    return v;
  };
  return (
    <section class="amendment" aria-labelledby="amendment-title">
      <h2 id="amendment-title">
        {tr(`Thay đổi so với phiên bản ${diff.fromVersion}`, `Changes from version ${diff.fromVersion}`)}
      </h2>
      <p data-testid="amendment-summary">
        {tr(
          `${diff.added.length} thêm, ${diff.removed.length} bỏ, ${diff.changed.length} sửa, ${diff.unchanged} giữ nguyên.`,
          `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged.`,
        )}
      </p>
      <p class="muted">
        {tr(
          `Theo dõi từ ngày ${fmtDate(diff.startOn, lang)}.`,
          `Tracking from ${fmtDate(diff.startOn, lang)}.`,
        )}
      </p>
      {diff.added.length > 0 && (
        <>
          <h3 class="good">+ {tr('Nhiệm vụ giao thêm', 'Added')}</h3>
          <ul class="diff add">
            {diff.added.map((a) => (
              <li key={a.id}>
                <span class="mono">{a.taskId}</span> · {a.unit} {a.occurrence && `· ${a.occurrence}`} ·{' '}
                {tr('hạn', 'due')} {a.dueDate}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h3 class="bad">− {tr('Nhiệm vụ bị hủy', 'Cancelled')}</h3>
          <ul class="diff remove">
            {diff.removed.map((a) => (
              <li key={a.id}>
                <span class="mono">{a.taskId}</span> · {a.unit} {a.occurrence && `· ${a.occurrence}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <h3>~ {tr('Nhiệm vụ thay đổi', 'Changed')}</h3>
          <table class="data compact">
            <thead>
              <tr>
                <th scope="col">{tr('Nhiệm vụ', 'Task')}</th>
                <th scope="col">{tr('Đơn vị', 'Unit')}</th>
                <th scope="col">{tr('Trường', 'Field')}</th>
                <th scope="col">{tr('Trước', 'Before')}</th>
                <th scope="col">{tr('Sau', 'After')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.changed.flatMap((c) =>
                Object.entries(c.fields).map(([f, v]) => {
                  const ft = v as { from?: unknown; to?: unknown; changed?: boolean };
                  return (
                    <tr key={`${c.id}/${f}`}>
                      <td class="mono">
                        {c.taskId}
                        {c.occurrence && ` · ${c.occurrence}`}
                      </td>
                      <td>{c.unit}</td>
                      <td>{FIELD_LABEL[f] ? tr(...FIELD_LABEL[f]!) : f}</td>
                      <td class="bad">
                        {ft.changed ? tr('(lịch nhắc cũ)', '(old schedule)') : show(ft.from)}
                      </td>
                      <td class="good">
                        {ft.changed ? tr('(lịch nhắc mới)', '(new schedule)') : show(ft.to)}
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </>
      )}
      <p>
        {tr(
          'Việc đã tiếp nhận, đang làm hay đã xong được giữ nguyên; lịch sử thay đổi được lưu lại.',
          'Work acknowledged, in progress or done is kept; the history of the change is recorded.',
        )}
      </p>
      {mustConfirm && (
        <div class="confirm-removals" role="group" aria-labelledby="confirm-removals-title">
          <p id="confirm-removals-title" class="bad">
            <strong>
              {tr(
                `Điều chỉnh này hủy ${removed} nhiệm vụ đã giao; các đơn vị sẽ nhận thư "Hủy nhiệm vụ".`,
                `This amendment cancels ${removed} assignments; their units will be mailed "Task cancelled".`,
              )}
            </strong>
          </p>
          <label>
            {tr(`Nhập số ${removed} để xác nhận`, `Type ${removed} to confirm`)}
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              data-testid="confirm-removals"
              style={{ maxWidth: '10em' }}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </label>
        </div>
      )}
      <button
        type="button"
        class="primary"
        onClick={() => onApply(mustConfirm ? removed : undefined)}
        disabled={busy || nothing || !confirmed}
      >
        {tr('Áp dụng điều chỉnh', 'Apply the amendment')}
      </button>
    </section>
  );
}
