// The page an invitation mail links to: who invites whom into which unit, and a password to set. Usable once,
// before the person can sign in; afterwards they sign in with their e-mail address and that password.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDateTime } from '../../../presentation/index.js';
import { Async, FeedbackLine, asProblem, useLoad, type Feedback } from '../components/ui.js';
import { useLang } from '../i18n.js';

interface Invitation {
  login: string;
  displayName: string;
  unit: { code: string; name: string };
  expiresAt: string;
}

export function InvitationPage() {
  const { tr } = useLang();
  const token = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const loaded = useLoad(
    (signal) => api<Invitation>('GET', `/invitations/${encodeURIComponent(token)}`, { signal }),
    [token],
  );
  return (
    <main id="main" class="login">
      <div class="invitation">
        <h1>
          <span class="logo" aria-hidden="true">
            Đ
          </span>{' '}
          Đôn Đốc
        </h1>
        <Async loaded={loaded}>{(inv) => <Accept token={token} inv={inv} />}</Async>
        <p>
          <a href="/">{tr('Về trang đăng nhập', 'Go to the sign-in page')}</a>
        </p>
      </div>
    </main>
  );
}

function Accept({ token, inv }: { token: string; inv: Invitation }) {
  const { tr, lang } = useLang();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [done, setDone] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (password !== again) {
      setFeedback({
        kind: 'error',
        problem: {
          status: 400,
          code: 'passwords_differ',
          message: { vi: 'Hai lần nhập mật khẩu không khớp.', en: 'The two passwords differ.' },
        },
      });
      return;
    }
    setBusy(true);
    setFeedback(null);
    try {
      await api('POST', `/invitations/${encodeURIComponent(token)}/accept`, { body: { password } });
      setDone(true);
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
    } finally {
      setBusy(false);
    }
  }
  if (done)
    return (
      <p class="ok" role="status">
        {tr(
          `Tài khoản đã được kích hoạt. Đồng chí đăng nhập bằng địa chỉ ${inv.login} và mật khẩu vừa đặt.`,
          `Your account is active. Sign in with ${inv.login} and the password you set.`,
        )}
      </p>
    );
  return (
    <form onSubmit={submit} aria-labelledby="invitation-title">
      <h2 id="invitation-title">{tr('Nhận lời mời tham gia', 'Accept the invitation')}</h2>
      <p>
        {tr(
          `Đồng chí ${inv.displayName} được mời làm chuyên viên của ${inv.unit.name}. Đặt mật khẩu để kích hoạt tài khoản (liên kết dùng được đến ${formatDateTime(inv.expiresAt, 'vi')}).`,
          `${inv.displayName} is invited as an officer of ${inv.unit.name}. Set a password to activate the account (the link works until ${formatDateTime(inv.expiresAt, lang)}).`,
        )}
      </p>
      <label>
        {tr('Tên đăng nhập', 'Sign-in name')}
        <input readOnly value={inv.login} autoComplete="username" />
      </label>
      <label>
        {tr('Mật khẩu (ít nhất 10 ký tự)', 'Password (at least 10 characters)')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <label>
        {tr('Nhập lại mật khẩu', 'Password again')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
      </label>
      <FeedbackLine feedback={feedback} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? tr('Đang kích hoạt…', 'Activating…') : tr('Kích hoạt tài khoản', 'Activate the account')}
      </button>
    </form>
  );
}
