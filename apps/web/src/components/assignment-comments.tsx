// The comment thread of an assignment (who, when, what), and a box to add one. Typing "@" offers the units by
// name; a unit picked is named in the text and notified by mail.
import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../presentation/index.js';
import { api, newKey } from '../api.js';
import { useLang } from '../i18n.js';
import { Async, Empty, FeedbackLine, asProblem, useLoad, type Feedback } from './ui.js';

interface CommentItem {
  id: string;
  text: string;
  at: string;
  by: { kind: string; name: string | null };
  mentions: { code: string; name: string }[];
}
interface Unit {
  code: string;
  name: string;
}

/** The "@…" being typed at the end of the text, if any. */
const mentionQuery = (text: string): string | null => /(?:^|\s)@([^@\n]{0,40})$/.exec(text)?.[1] ?? null;
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

export function AssignmentComments({ assignmentId, canWrite }: { assignmentId: string; canWrite: boolean }) {
  const { tr, lang } = useLang();
  const path = `/assignments/${encodeURIComponent(assignmentId)}`;
  const thread = useLoad(
    (signal) => api<CommentItem[]>('GET', `${path}/comments`, { signal }),
    [assignmentId],
  );
  const units = useLoad(
    (signal) => (canWrite ? api<Unit[]>('GET', `${path}/mention-units`, { signal }) : Promise.resolve([])),
    [assignmentId, canWrite],
  );
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<Unit[]>([]);
  const [key, setKey] = useState(newKey());
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const typing = mentionQuery(text);
  const offered =
    typing === null
      ? []
      : (units.data ?? []).filter((u) => fold(u.name).includes(fold(typing.trim()))).slice(0, 8);

  function pick(u: Unit) {
    setText(`${text.replace(/@([^@\n]{0,40})$/, `@${u.name} `)}`);
    if (!mentions.some((m) => m.code === u.code)) setMentions([...mentions, u]);
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFeedback(null);
    try {
      // Only the units still named in the text are notified.
      const named = mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.code);
      await api('POST', `${path}/comments`, { body: { text, mentions: named }, idempotencyKey: key });
      setText('');
      setMentions([]);
      setKey(newKey());
      thread.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="assignment-comments" data-testid="assignment-comments">
      <h2>{tr('Trao đổi', 'Comments')}</h2>
      <Async loaded={thread}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{tr('Chưa có trao đổi nào.', 'No comments yet.')}</Empty>
          ) : (
            <ol class="comments">
              {list.map((c) => (
                <li key={c.id}>
                  <div class="muted">
                    <strong>{c.by.name ?? tr('Hệ thống', 'System')}</strong> · {formatDateTime(c.at, lang)}
                  </div>
                  <p class="comment-text">{c.text}</p>
                  {c.mentions.length > 0 && (
                    <div class="muted small-print">
                      {tr('Đã báo cho', 'Notified')}: {c.mentions.map((m) => m.name).join(', ')}
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )
        }
      </Async>
      {canWrite && (
        <form class="comment-form" onSubmit={(e) => void submit(e)}>
          <label>
            {tr('Viết trao đổi (gõ @ để nhắc một đơn vị)', 'Write a comment (type @ to name a unit)')}
            <textarea
              rows={3}
              maxLength={4000}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              data-testid="comment-text"
            />
          </label>
          {offered.length > 0 && (
            <ul class="mention-picker" role="listbox" aria-label={tr('Chọn đơn vị', 'Pick a unit')}>
              {offered.map((u) => (
                <li key={u.code} role="option" aria-selected="false">
                  <button type="button" class="link" onClick={() => pick(u)}>
                    {u.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="submit" class="primary" disabled={busy || !text.trim()}>
            {tr('Gửi', 'Send')}
          </button>
          <FeedbackLine feedback={feedback} />
        </form>
      )}
    </section>
  );
}
