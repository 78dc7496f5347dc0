import { useState } from 'preact/hooks';
import { api, type User } from '../api.js';
import { FeedbackLine, asProblem, type Feedback } from '../components/ui.js';
import { useLang } from '../i18n.js';
import { useSession } from '../session.js';

export function LoginPage() {
  const { tr, lang, setLang } = useLang();
  const { signedIn } = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFeedback(null);
    try {
      const r = await api<{ token: string; expiresAt: string; user: User }>('POST', '/auth/login', {
        body: { login, password },
      });
      signedIn(r.token, r.expiresAt, r.user);
    } catch (err) {
      setFeedback({ kind: 'error', problem: asProblem(err) });
      setBusy(false);
    }
  }

  return (
    <main id="main" class="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          <span class="logo" aria-hidden="true">
            Đ
          </span>{' '}
          Đôn Đốc
        </h1>
        <p class="sub">
          {tr(
            'Theo dõi, đôn đốc thực hiện kế hoạch cải cách hành chính',
            'Follow-up of the administrative-reform plan',
          )}
        </p>
        <label>
          {tr('Tên đăng nhập', 'Sign-in name')}
          <input
            name="login"
            autoComplete="username"
            required
            value={login}
            onInput={(e) => setLogin(e.currentTarget.value)}
          />
        </label>
        <label>
          {tr('Mật khẩu', 'Password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <FeedbackLine feedback={feedback} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? tr('Đang đăng nhập…', 'Signing in…') : tr('Đăng nhập', 'Sign in')}
        </button>
        <button type="button" class="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {lang === 'vi' ? 'English' : 'Tiếng Việt'}
        </button>
      </form>
    </main>
  );
}
