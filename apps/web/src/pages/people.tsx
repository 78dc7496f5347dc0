// The people of the user's unit: who works there, the work given to each, invitations by e-mail and
// deactivation. The head of the unit manages; the clerk sees the list (to give work to an officer).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import {
  Async,
  Badge,
  Empty,
  FeedbackLine,
  PageTitle,
  asProblem,
  useLoad,
  type Feedback,
} from '../components/ui.js';
import { ROLE_LABEL, useLang } from '../i18n.js';
import { useSession } from '../session.js';

export interface UnitPerson {
  login: string;
  displayName: string;
  email: string | null;
  role: string;
  active: boolean;
  invited: boolean;
  openAssignments: number;
}

export function PeoplePage() {
  const { tr } = useLang();
  const { user } = useSession();
  const units = user!.roles.flatMap((r) =>
    (r.role === 'unit_head' || r.role === 'unit_member') && r.unit
      ? [{ ...r.unit, head: r.role === 'unit_head' }]
      : [],
  );
  return (
    <section>
      <PageTitle
        sub={tr(
          'Trưởng đơn vị mời chuyên viên qua thư điện tử và khóa tài khoản khi cán bộ chuyển công tác.',
          'The head of the unit invites officers by e-mail and deactivates them when they leave.',
        )}
      >
        {tr('Cán bộ của đơn vị', 'People of the unit')}
      </PageTitle>
      {units.length === 0 && <Empty>{tr('Đồng chí không quản lý đơn vị nào.', 'You manage no unit.')}</Empty>}
      {units.map((u) => (
        <UnitPeople key={u.code} unit={u} head={u.head} />
      ))}
    </section>
  );
}

function UnitPeople({ unit, head }: { unit: { code: string; name: string }; head: boolean }) {
  const { tr, tx } = useLang();
  const { user } = useSession();
  const loaded = useLoad(
    (signal) => api<{ people: UnitPerson[] }>('GET', `/units/${unit.code}/people`, { signal }),
    [unit.code],
  );
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  async function invite(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFeedback(null);
    try {
      await api('POST', `/units/${unit.code}/people/invitations`, { body: { email, displayName: name } });
      setFeedback({
        kind: 'ok',
        text: tr(`Đã gửi thư mời đến ${email}.`, `Invitation sent to ${email}.`),
      });
      setEmail('');
      setName('');
      loaded.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }
  async function deactivate(p: UnitPerson) {
    const ok = confirm(
      tr(
        `Khóa tài khoản của ${p.displayName}? Người này sẽ không đăng nhập được nữa; ${p.openAssignments} nhiệm vụ đang giao cho họ cần được giao lại.`,
        `Deactivate ${p.displayName}? They will no longer sign in; ${p.openAssignments} open task(s) given to them need another officer.`,
      ),
    );
    if (!ok) return;
    setFeedback(null);
    try {
      await api('POST', `/units/${unit.code}/people/${encodeURIComponent(p.login)}/deactivate`);
      setFeedback({
        kind: 'ok',
        text: tr(`Đã khóa tài khoản ${p.displayName}.`, `${p.displayName} deactivated.`),
      });
      loaded.reload();
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    }
  }

  return (
    <section class="unit-people">
      <h2>{unit.name}</h2>
      <FeedbackLine feedback={feedback} />
      <Async loaded={loaded}>
        {({ people }) => (
          <div class="table-scroll">
            <table class="data" data-testid={`people-${unit.code}`}>
              <thead>
                <tr>
                  <th>{tr('Họ và tên', 'Name')}</th>
                  <th>{tr('Thư điện tử', 'E-mail')}</th>
                  <th>{tr('Vai trò', 'Role')}</th>
                  <th>{tr('Việc đang giao', 'Open tasks')}</th>
                  <th>{tr('Tình trạng', 'Status')}</th>
                  {head && <th />}
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.login}>
                    <td>{p.displayName}</td>
                    <td>{p.email ?? ''}</td>
                    <td>{tx(ROLE_LABEL[p.role] ?? { vi: 'Cán bộ', en: 'Staff' })}</td>
                    <td class="num">{p.openAssignments}</td>
                    <td>
                      {p.active ? (
                        <Badge tone="green">{tr('Đang hoạt động', 'Active')}</Badge>
                      ) : p.invited ? (
                        <Badge tone="amber">{tr('Chờ nhận lời mời', 'Invitation sent')}</Badge>
                      ) : (
                        <Badge tone="grey">{tr('Đã khóa', 'Deactivated')}</Badge>
                      )}
                    </td>
                    {head && (
                      <td>
                        {p.active && p.role !== 'unit_head' && p.login !== user!.login && (
                          <button type="button" class="danger small" onClick={() => void deactivate(p)}>
                            {tr('Khóa tài khoản', 'Deactivate')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      {head && (
        <form class="action" onSubmit={invite}>
          <h3>{tr('Mời chuyên viên', 'Invite an officer')}</h3>
          <label>
            {tr('Họ và tên', 'Name')}
            <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label>
            {tr('Thư điện tử công vụ', 'Work e-mail')}
            <input
              type="email"
              required
              maxLength={100}
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? tr('Đang gửi…', 'Sending…') : tr('Gửi thư mời', 'Send the invitation')}
          </button>
        </form>
      )}
    </section>
  );
}
