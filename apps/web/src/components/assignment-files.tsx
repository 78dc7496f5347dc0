// The evidence files of an assignment: the list (name, size, who attached it and when), a download for everyone
// who may see the assignment, and an upload for the unit doing it. The server decides the type from the content.
import { useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../../presentation/index.js';
import { ApiError, api, download, newKey, session, type Problem } from '../api.js';
import { useLang } from '../i18n.js';
import { Async, Empty, FeedbackLine, asProblem, useLoad, type Feedback } from './ui.js';

export interface FileItem {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string | null;
  url: string;
}

/** "1,2 MB", "35 KB": sizes as people read them (decimal comma). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb)} KB`;
  return `${(kb / 1024).toFixed(1).replace('.', ',')} MB`;
}

async function uploadFile(assignmentId: string, file: File, key: string): Promise<FileItem> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = session.read()?.token;
  const res = await fetch(`/api/assignments/${encodeURIComponent(assignmentId)}/files`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'idempotency-key': key,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: form,
  });
  const body = (await res.json().catch(() => null)) as FileItem | Problem | null;
  if (!res.ok)
    throw new ApiError(
      body && 'message' in body
        ? body
        : {
            status: res.status,
            code: `http_${res.status}`,
            message: { vi: `Máy chủ trả lời lỗi ${res.status}.`, en: `The server answered ${res.status}.` },
          },
    );
  return body as FileItem;
}

export function AssignmentFiles({ assignmentId, canUpload }: { assignmentId: string; canUpload: boolean }) {
  const { tr, lang } = useLang();
  const files = useLoad(
    (signal) => api<FileItem[]>('GET', `/assignments/${encodeURIComponent(assignmentId)}/files`, { signal }),
    [assignmentId],
  );
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function send(list: FileList | null) {
    if (!list || list.length === 0) return;
    setBusy(true);
    setFeedback(null);
    try {
      for (const f of Array.from(list)) await uploadFile(assignmentId, f, newKey());
      setFeedback({
        kind: 'ok',
        text: tr(`Đã đính kèm ${list.length} tệp.`, `Attached ${list.length} file(s).`),
      });
      files.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <section class="assignment-files" data-testid="assignment-files">
      <h2>{tr('Tệp kiểm chứng', 'Evidence files')}</h2>
      <Async loaded={files}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{tr('Chưa có tệp nào.', 'No files yet.')}</Empty>
          ) : (
            <ul class="files">
              {list.map((f) => (
                <li key={f.id}>
                  <button
                    type="button"
                    class="link"
                    onClick={() =>
                      void download(f.url.replace(/^\/api/, ''), f.name).catch((err: unknown) =>
                        setFeedback({ kind: 'error', problem: asProblem(err) }),
                      )
                    }
                  >
                    {f.name}
                  </button>{' '}
                  <span class="muted">
                    {formatSize(f.size)} · {f.uploadedByName ?? tr('Hệ thống', 'System')} ·{' '}
                    {formatDateTime(f.uploadedAt, lang)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {canUpload && (
        // The browser's own file control speaks the browser's language ("Choose Files"): a button of ours instead.
        <label class="upload file-input button">
          {busy ? tr('Đang tải lên…', 'Uploading…') : tr('Đính kèm tệp…', 'Attach files…')}
          <span class="muted small-print">{tr('PDF, Word, Excel, ảnh', 'PDF, Word, Excel, images')}</span>
          <input
            ref={input}
            class="sr-only"
            type="file"
            multiple
            disabled={busy}
            accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.tif,.tiff,.webp"
            onChange={(e) => void send(e.currentTarget.files)}
            data-testid="file-input"
          />
        </label>
      )}
      <FeedbackLine feedback={feedback} />
    </section>
  );
}
