// One assignment: what, who, when, its history, and the actions the user may take on it. Every action is the
// engine's update; the answer (accepted, or refused with the engine's reason) is shown beside the form.
import { useRoute } from 'preact-iso';
import { useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, newKey } from '../api.js';
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  formatPeriodLabel,
  formatTimeLeft,
  stepLabel,
} from '../../../presentation/index.js';
import { StatusBadges, type AssignmentItem } from '../components/assignment-bits.js';
import { DateInput } from '../components/date-input.js';
import { Async, FeedbackLine, PageTitle, asProblem, useLoad, type Feedback } from '../components/ui.js';
import { EXTENSION_STATUS_LABEL, todayVn, useLang, type LangApi } from '../i18n.js';
import { isHomeAffairs, useSession } from '../session.js';

interface Detail extends AssignmentItem {
  events: {
    id: string;
    type: string;
    /** Who, as people read it: a person's name and unit; the engine itself, or an e-mail link. */
    by: Actor;
    occurredAt: string;
    payload: Record<string, unknown>;
  }[];
  extensions: {
    id: string;
    requestedByName: string | null;
    requestedAt: string;
    newDueDate: string;
    reason: string;
    status: string;
    decidedByName: string | null;
    decisionNote: string | null;
  }[];
  notifications: { kind: string; recipient: string | null; dueAt: string; sentAt: string | null }[];
}

interface Actor {
  kind: 'person' | 'engine' | 'email_link';
  name: string | null;
}

/** "Nguyễn Văn A (Bộ phận một cửa)", "Hệ thống" for the engine, or the unit through the e-mail's link. */
export function actorText(by: Actor | undefined, { tr }: Pick<LangApi, 'tr'>): string {
  if (by?.kind === 'person' && by.name) return by.name;
  if (by?.kind === 'email_link')
    return tr('Đơn vị (qua đường dẫn trong thư)', 'The unit (through the e-mail link)');
  return tr('Hệ thống', 'The system');
}

export function AssignmentPage() {
  const { params } = useRoute();
  const id = decodeURIComponent(params.id!);
  const loaded = useLoad(
    (signal) => api<Detail>('GET', `/assignments/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  return <Async loaded={loaded}>{(a) => <AssignmentView a={a} reload={loaded.reload} />}</Async>;
}

function AssignmentView({ a, reload }: { a: Detail; reload: () => void }) {
  const lang$ = useLang();
  const { tr, tx, lang } = lang$;
  const { user } = useSession();
  const member =
    user!.roles.some((r) => r.role === 'unit_member' && r.unit?.code === a.unitCode) ||
    user!.roles.some((r) => r.role === 'admin');
  const ha = isHomeAffairs(user);
  const open = a.status !== 'done' && a.status !== 'cancelled';
  const pending = a.extensions.find((x) => x.status === 'pending');
  const path = `/assignments/${encodeURIComponent(a.id)}`;
  return (
    <section>
      <PageTitle
        sub={
          <>
            {a.taskId}
            {a.occurrence ? ` · ${formatPeriodLabel(a.occurrence, lang)}` : ''}
          </>
        }
      >
        {a.title}
      </PageTitle>
      <StatusBadges a={a} />
      <dl class="facts">
        <dt>{tr('Đơn vị', 'Unit')}</dt>
        <dd>{a.unitName}</dd>
        <dt>{tr('Hạn', 'Deadline')}</dt>
        <dd data-testid="deadline">
          {formatDeadline(a.dueAt, lang)}
          {open && a.active && a.dueAt && (
            <span class="muted"> · {formatTimeLeft(a.dueAt, Date.now(), lang)}</span>
          )}
        </dd>
        {a.status === 'assigned' && a.acknowledgeBy && (
          <>
            <dt>{tr('Hạn tiếp nhận', 'Acknowledge by')}</dt>
            <dd data-testid="acknowledge-by">{formatDeadline(a.acknowledgeBy, lang)}</dd>
          </>
        )}
        {pending && (
          <>
            <dt>{tr('Gia hạn', 'Extension')}</dt>
            <dd data-testid="extension-pending">
              {tr('Chờ duyệt gia hạn đến', 'Awaiting a decision: extension to')}{' '}
              {formatDate(pending.newDueDate)}
            </dd>
          </>
        )}
        <dt>{tr('Tiến độ', 'Progress')}</dt>
        <dd>
          <progress
            max={100}
            value={a.status === 'done' ? 100 : a.progressPercent}
            aria-label={tr('Tiến độ', 'Progress')}
          />{' '}
          {a.status === 'done' ? 100 : a.progressPercent} %
        </dd>
        <dt>{tr('Tiếp nhận lúc', 'Acknowledged')}</dt>
        <dd>{formatDateTime(a.acknowledgedAt, lang)}</dd>
        <dt>{tr('Hoàn thành lúc', 'Completed')}</dt>
        <dd>{formatDateTime(a.completedAt, lang)}</dd>
      </dl>

      <div class="action-grid">
        {member && open && a.active && a.status === 'assigned' && (
          <ActionForm
            title={tr('Tiếp nhận nhiệm vụ', 'Acknowledge')}
            path={`${path}/acknowledge`}
            done={reload}
            submit={tr('Tiếp nhận', 'Acknowledge')}
          >
            {(v, set) => (
              <TextArea
                label={tr('Ghi chú (không bắt buộc)', 'Note (optional)')}
                value={v.note}
                onInput={(x) => set({ note: x })}
              />
            )}
          </ActionForm>
        )}
        {member && open && a.active && (
          <ActionForm
            title={tr('Báo cáo tiến độ', 'Report progress')}
            path={`${path}/progress`}
            done={reload}
            submit={tr('Gửi tiến độ', 'Send progress')}
            body={(v) => ({
              percent: Number(v.percent ?? a.progressPercent),
              ...(v.note ? { note: v.note } : {}),
            })}
          >
            {(v, set) => (
              <>
                <label>
                  {tr('Phần trăm hoàn thành', 'Percent done')}
                  <input
                    type="number"
                    min={0}
                    max={100}
                    required
                    value={v.percent ?? String(a.progressPercent)}
                    onInput={(e) => set({ percent: e.currentTarget.value })}
                  />
                </label>
                <TextArea label={tr('Ghi chú', 'Note')} value={v.note} onInput={(x) => set({ note: x })} />
              </>
            )}
          </ActionForm>
        )}
        {member && open && a.active && (
          <ActionForm
            title={tr('Hoàn thành, kèm minh chứng', 'Complete, with evidence')}
            path={`${path}/complete`}
            done={reload}
            submit={tr('Báo cáo hoàn thành', 'Report done')}
            body={(v) => ({
              evidence: Object.fromEntries(
                Object.entries({
                  documentNumber: v.documentNumber,
                  documentDate: v.documentDate,
                  link: v.link,
                  note: v.note,
                }).filter(([, x]) => x),
              ),
            })}
          >
            {(v, set) => (
              <>
                <label>
                  {tr('Số văn bản', 'Document number')}
                  <input
                    value={v.documentNumber ?? ''}
                    placeholder="123/BC-UBND"
                    onInput={(e) => set({ documentNumber: e.currentTarget.value })}
                  />
                </label>
                <label>
                  {tr('Ngày văn bản', 'Document date')}
                  <DateInput value={v.documentDate ?? ''} onChange={(x) => set({ documentDate: x })} />
                </label>
                <label>
                  {tr('Đường dẫn', 'Link')}
                  <input
                    type="url"
                    value={v.link ?? ''}
                    placeholder="https://"
                    onInput={(e) => set({ link: e.currentTarget.value })}
                  />
                </label>
                <TextArea label={tr('Ghi chú', 'Note')} value={v.note} onInput={(x) => set({ note: x })} />
              </>
            )}
          </ActionForm>
        )}
        {member && open && a.active && !pending && (
          <ActionForm
            title={tr('Đề nghị gia hạn', 'Ask for an extension')}
            path={`${path}/extension-requests`}
            done={reload}
            submit={tr('Gửi đề nghị', 'Send the request')}
          >
            {(v, set) => (
              <>
                <label>
                  {tr('Hạn mới đề nghị (ngày cuối)', 'New deadline asked (last day)')}
                  <DateInput
                    required
                    min={todayVn()}
                    value={v.newDueDate ?? ''}
                    onChange={(x) => set({ newDueDate: x })}
                  />
                </label>
                <TextArea
                  required
                  label={tr('Lý do', 'Reason')}
                  value={v.reason}
                  onInput={(x) => set({ reason: x })}
                />
              </>
            )}
          </ActionForm>
        )}
        {ha && pending && (
          <DecideExtension path={`${path}/extension-decision`} request={pending} done={reload} />
        )}
        {ha && a.status === 'done' && (
          <ActionForm
            title={tr('Mở lại (minh chứng chưa đạt)', 'Reopen (evidence not accepted)')}
            path={`${path}/reopen`}
            done={reload}
            submit={tr('Mở lại', 'Reopen')}
          >
            {(v, set) => (
              <TextArea
                required
                label={tr('Lý do', 'Reason')}
                value={v.reason}
                onInput={(x) => set({ reason: x })}
              />
            )}
          </ActionForm>
        )}
        {ha && open && (
          <ActionForm
            title={tr('Hủy nhiệm vụ', 'Cancel the assignment')}
            path={`${path}/cancel`}
            done={reload}
            submit={tr('Hủy', 'Cancel it')}
            danger
          >
            {(v, set) => (
              <TextArea
                required
                label={tr('Lý do', 'Reason')}
                value={v.reason}
                onInput={(x) => set({ reason: x })}
              />
            )}
          </ActionForm>
        )}
      </div>

      {a.extensions.length > 0 && (
        <>
          <h2>{tr('Đề nghị gia hạn', 'Extension requests')}</h2>
          <ul class="plain">
            {a.extensions.map((x) => (
              <li key={x.id}>
                {formatDateTime(x.requestedAt, lang)} · {x.requestedByName ?? tr('Hệ thống', 'The system')}:{' '}
                {tr('đến', 'to')} {formatDate(x.newDueDate)} — {x.reason} ·{' '}
                <strong>{tx(EXTENSION_STATUS_LABEL[x.status] ?? { vi: x.status, en: x.status })}</strong>
                {x.decidedByName && ` · ${x.decidedByName}`}
                {x.decisionNote && ` (${x.decisionNote})`}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{tr('Diễn biến', 'History')}</h2>
      <ol class="timeline">
        {a.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, lang)}</time>{' '}
            <strong>{stepLabel(e.type, lang)}</strong> · <span class="muted">{actorText(e.by, lang$)}</span>
            {typeof e.payload.note === 'string' && <div class="note">{e.payload.note}</div>}
            {typeof e.payload.reason === 'string' && <div class="note">{e.payload.reason}</div>}
            {e.payload.evidence !== null && typeof e.payload.evidence === 'object' && (
              <Evidence e={e.payload.evidence as Record<string, string | undefined>} />
            )}
          </li>
        ))}
      </ol>
      {a.notifications.length > 0 && (
        <>
          <h2>{tr('Thông báo đã gửi', 'Notifications')}</h2>
          <ul class="plain">
            {a.notifications.map((n, i) => (
              <li key={i}>
                {NOTIFICATION_LABEL[n.kind] ? tr(...NOTIFICATION_LABEL[n.kind]!) : tr('Thông báo', 'Notice')}{' '}
                → {n.recipient ?? tr('người nhận', 'recipient')} ·{' '}
                {n.sentAt
                  ? tr(
                      `đã gửi lúc ${formatDateTime(n.sentAt, 'vi')}`,
                      `sent ${formatDateTime(n.sentAt, 'en')}`,
                    )
                  : tr(
                      `chờ gửi (dự kiến ${formatDateTime(n.dueAt, 'vi')})`,
                      `queued (due ${formatDateTime(n.dueAt, 'en')})`,
                    )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type Values = Record<string, string | undefined>;

function Evidence({ e }: { e: Record<string, string | undefined> }) {
  const { tr } = useLang();
  return (
    <div class="note">
      {e.documentNumber && (
        <span>
          {tr('Văn bản số', 'Document')} {e.documentNumber}
          {e.documentDate ? ` ${tr('ngày', 'of')} ${formatDate(e.documentDate)}` : ''}.{' '}
        </span>
      )}
      {e.link && /^https?:\/\//.test(e.link) && (
        <a href={e.link} target="_blank" rel="noopener noreferrer">
          {tr('Minh chứng', 'Evidence')}
        </a>
      )}
      {e.note && <div>{e.note}</div>}
    </div>
  );
}

const NOTIFICATION_LABEL: Record<string, [string, string]> = {
  assigned: ['Giao việc', 'Assigned'],
  acknowledge_reminder: ['Nhắc tiếp nhận', 'Acknowledgement reminder'],
  reminder: ['Nhắc hạn', 'Reminder'],
  overdue: ['Quá hạn', 'Overdue'],
  check_in: ['Rà soát', 'Check-in'],
  escalation: ['Leo thang', 'Escalation'],
  extension_requested: ['Đề nghị gia hạn', 'Extension requested'],
  extension_decided: ['Quyết định gia hạn', 'Extension decided'],
  reopened: ['Mở lại', 'Reopened'],
  cancelled: ['Hủy', 'Cancelled'],
};

function TextArea(p: {
  label: string;
  value: string | undefined;
  onInput: (v: string) => void;
  required?: boolean;
}) {
  return (
    <label>
      {p.label}
      <textarea
        rows={2}
        maxLength={2000}
        required={p.required}
        value={p.value ?? ''}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
    </label>
  );
}

/**
 * Sends one engine action: one idempotency key per intent, kept until the engine accepts it (a second click or
 * a retry after a lost answer is applied once), with the answer as feedback. Resolves true when accepted.
 */
function useEngineAction(path: string, done: () => void) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  async function send(body: unknown, accepted: string): Promise<boolean> {
    setBusy(true);
    setFeedback(null);
    try {
      await api('POST', path, { body, idempotencyKey: key.current });
      key.current = newKey();
      setFeedback({ kind: 'ok', text: accepted });
      done();
      return true;
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { feedback, busy, send };
}

/** A form for one engine action (see useEngineAction). */
function ActionForm(p: {
  title: string;
  path: string;
  submit: string;
  done: () => void;
  danger?: boolean;
  body?: (v: Values) => unknown;
  children: (v: Values, set: (patch: Values) => void) => ComponentChildren;
}) {
  const { tr } = useLang();
  const [values, setValues] = useState<Values>({});
  const action = useEngineAction(p.path, p.done);
  async function submit(e: Event) {
    e.preventDefault();
    const body = p.body ? p.body(values) : Object.fromEntries(Object.entries(values).filter(([, v]) => v));
    if (await action.send(body, tr('Đã ghi nhận.', 'Recorded.'))) setValues({});
  }
  return (
    <form class="action" onSubmit={submit}>
      <h2>{p.title}</h2>
      {p.children(values, (patch) => setValues({ ...values, ...patch }))}
      <FeedbackLine feedback={action.feedback} />
      <button type="submit" class={p.danger ? 'danger' : 'primary'} disabled={action.busy}>
        {action.busy ? tr('Đang gửi…', 'Sending…') : p.submit}
      </button>
    </form>
  );
}

export function DecideExtension(p: {
  path: string;
  request: { newDueDate: string; reason: string; requestedByName: string | null };
  done: () => void;
}) {
  const { tr } = useLang();
  const [note, setNote] = useState('');
  const action = useEngineAction(p.path, p.done);
  const decide = (approve: boolean) =>
    action.send(
      { approve, ...(note ? { note } : {}) },
      approve
        ? tr('Đã đồng ý gia hạn.', 'Extension approved.')
        : tr('Đã từ chối gia hạn.', 'Extension refused.'),
    );
  return (
    <div class="action">
      <h2>{tr('Quyết định gia hạn', 'Decide the extension')}</h2>
      <p>
        {p.request.requestedByName ?? tr('Đơn vị', 'The unit')} {tr('đề nghị hạn mới', 'asks for')}{' '}
        <strong>{formatDate(p.request.newDueDate)}</strong>: {p.request.reason}
      </p>
      <TextArea label={tr('Ý kiến', 'Note')} value={note} onInput={setNote} />
      <FeedbackLine feedback={action.feedback} />
      <div class="actions">
        <button type="button" class="primary" disabled={action.busy} onClick={() => void decide(true)}>
          {tr('Đồng ý', 'Approve')}
        </button>
        <button type="button" class="danger" disabled={action.busy} onClick={() => void decide(false)}>
          {tr('Không đồng ý', 'Refuse')}
        </button>
      </div>
    </div>
  );
}
