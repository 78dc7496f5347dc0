// The plan editor's import: the office's Word or Excel plan (its appendix task table) read by the server into a
// plan text (as `dondoc import`), then a report of what could not be understood, each item with the table cell
// it came from and a link to the line of the plan where it is noted.
import { useState } from 'preact/hooks';
import { api, type Text } from '../api.js';
import { asProblem, type Feedback } from './ui.js';
import { useLang } from '../i18n.js';

export interface ImportWarning {
  code: string;
  severity: 'warning' | 'info';
  message: Text;
  /** The checker's words on a refused deadline. */
  detail?: Text;
  where?: Text;
  line?: number;
}

export interface ImportAnswer {
  fileName: string;
  entry: string;
  text: string;
  figures: { rows: number; clean: number; areas: number };
  warnings: ImportWarning[];
  /** Errors left in the generated plan (none when the directory gives every unit an address). */
  errors: number;
}

/** The unit directory among the editor's files: a file other than the plan that declares units. */
function directoryOf(files: Record<string, string>, entry: string): string | undefined {
  const candidates = Object.keys(files).filter(
    (n) => n !== entry && n.endsWith('.dondoc') && /^(đơn vị|unit) /m.test(files[n]!),
  );
  return candidates.find((n) => /don-?vi|units/i.test(n)) ?? candidates[0];
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function PlanImportButton({
  files,
  entry,
  disabled,
  onImported,
  onFeedback,
}: {
  files: () => Record<string, string>;
  entry: string;
  disabled: boolean;
  onImported: (a: ImportAnswer) => void;
  onFeedback: (f: Feedback) => void;
}) {
  const { tr } = useLang();
  const [busy, setBusy] = useState(false);
  async function pick(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    onFeedback(null);
    try {
      const all = files();
      const units = directoryOf(all, entry);
      const others = Object.fromEntries(Object.entries(all).filter(([n]) => n !== entry));
      const answer = await api<Omit<ImportAnswer, 'fileName'>>('POST', '/plans/import', {
        body: {
          fileName: file.name,
          content: await base64Of(file),
          entry,
          files: others,
          ...(units ? { units } : {}),
        },
      });
      onImported({ ...answer, fileName: file.name });
    } catch (err) {
      onFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <label
      class="file-input button"
      title={tr(
        'Đọc bảng nhiệm vụ (phụ lục) của kế hoạch dạng Word hoặc Excel thành văn bản kế hoạch. Thêm tệp danh bạ đơn vị trước để khớp tên đơn vị.',
        "Reads the plan's task table (appendix) from Word or Excel into plan text. Add the unit directory file first so unit names are matched.",
      )}
    >
      {busy ? tr('Đang nhập…', 'Importing…') : tr('Nhập từ Word/Excel…', 'Import from Word/Excel…')}
      <input
        class="sr-only"
        type="file"
        accept=".docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={disabled || busy}
        data-testid="plan-import"
        onChange={(e) => void pick(e.currentTarget)}
      />
    </label>
  );
}

export function ImportReport({
  answer,
  onJump,
  onClose,
}: {
  answer: ImportAnswer;
  onJump: (line: number) => void;
  onClose: () => void;
}) {
  const { tr, tx } = useLang();
  const { rows, clean, areas } = answer.figures;
  const warnings = answer.warnings.filter((w) => w.severity === 'warning');
  const notes = answer.warnings.length - warnings.length;
  return (
    <section class="import-report" aria-labelledby="import-title" data-testid="import-report">
      <div class="import-head">
        <h2 id="import-title">
          {tr(`Đã nhập từ «${answer.fileName}»`, `Imported from «${answer.fileName}»`)}
        </h2>
        <button type="button" class="link" onClick={onClose}>
          {tr('Đóng', 'Close')}
        </button>
      </div>
      <p data-testid="import-figures">
        {tr(
          `${clean}/${rows} dòng nhiệm vụ nhập được không cần xem lại; ${warnings.length} điểm cần xem lại; ${areas} lĩnh vực.`,
          `${clean}/${rows} task rows imported with nothing to review; ${warnings.length} points to review; ${areas} areas.`,
        )}
        {notes > 0 && ` ${tr(`${notes} ghi chú.`, `${notes} notes.`)}`}
      </p>
      <p class="muted small-print">
        {tr(
          'Mỗi điểm được ghi thành dòng "# [Nhập]" trong kế hoạch, ngay trên nhiệm vụ. Sửa xong thì xóa dòng đó. Ctrl+Z trong ô soạn thảo trả lại văn bản trước khi nhập.',
          'Each point is a "# [Nhập]" line in the plan, just above its task. Delete the line once fixed. Ctrl+Z in the editor restores the text from before the import.',
        )}
      </p>
      {warnings.length > 0 && (
        <ul>
          {warnings.map((w, i) => (
            <li key={i} class="diag warning">
              {w.line !== undefined && (
                <button type="button" class="link" onClick={() => onJump(w.line!)}>
                  {tr(`Kế hoạch, dòng ${w.line}`, `Plan, line ${w.line}`)}
                </button>
              )}
              {w.where && (
                <span class="pos">
                  {' '}
                  · {tr('Văn bản gốc', 'Source')}: {tx(w.where)}
                </span>
              )}
              <div>{tx(w.message)}</div>
              {w.detail && (
                <div class="hint">
                  {tr('Chi tiết', 'Details')}: {tx(w.detail)}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
