import { lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, session, type User } from './api.js';
import {
  initialLang,
  langApi,
  LangContext,
  rememberLang,
  ROLE_LABEL,
  savePreferredLang,
  useLang,
  type Lang,
} from './i18n.js';
import { AssignmentPage } from './pages/assignment.js';
import { DigestsPage } from './pages/digests.js';
import { ExtensionsPage } from './pages/extensions.js';
import { IncidentsPage } from './pages/incidents.js';
import { InboxPage } from './pages/inbox.js';
import { InvitationPage } from './pages/invitation.js';
import { IndicatorsPage } from './pages/indicators.js';
import { LoginPage } from './pages/login.js';
import { PeoplePage } from './pages/people.js';
import { PlanPage } from './pages/plan.js';
import { PlansPage } from './pages/plans.js';
import { QueuePage } from './pages/queue.js';
import { ReportsPage } from './pages/reports.js';
import { hasRole, homeOf, isHomeAffairs, SessionContext, useSession, type SessionApi } from './session.js';

// The editor (CodeMirror and the language's lexer) and the charts are loaded when first opened.
const PlanEditorPage = lazy(() => import('./pages/plan-editor.js').then((m) => m.PlanEditorPage));
const DashboardPage = lazy(() => import('./pages/dashboard.js').then((m) => m.DashboardPage));

export function App() {
  const [user, setUser] = useState<User | null>(() => session.read()?.user ?? null);
  // A signed-in user starts in the language saved on the server; otherwise in this browser's last choice.
  const [lang, setLangState] = useState<Lang>(() => user?.language ?? initialLang());
  const applyLang = (l: Lang) => {
    rememberLang(l);
    setLangState(l);
  };
  const langValue = useMemo(
    () =>
      langApi(lang, (l) => {
        applyLang(l);
        // Signed in, the choice is also the language of the user's e-mails.
        if (session.read()) void savePreferredLang(l);
      }),
    [lang],
  );
  useEffect(() => {
    // The language may have been changed on another device since this session was stored.
    if (!session.read()) return;
    api<User>('GET', '/auth/me')
      .then((u) => {
        const stored = session.read();
        if (stored) session.save({ ...stored, user: u });
        if (u.language) applyLang(u.language);
      })
      .catch((err: unknown) => console.error('[dondoc] the saved language was not read', err));
  }, []);
  const sessionValue = useMemo<SessionApi>(
    () => ({
      user,
      signedIn(token, expiresAt, u) {
        session.save({ token, expiresAt, user: u });
        if (u.language) applyLang(u.language);
        setUser(u);
      },
      signOut() {
        void api('POST', '/auth/logout').catch(() => {});
        session.clear();
        setUser(null);
      },
    }),
    [user],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    session.onSignedOut(() => setUser(null));
  }, [lang]);
  return (
    <LangContext.Provider value={langValue}>
      <SessionContext.Provider value={sessionValue}>
        <LocationProvider>
          {user ? (
            <Shell user={user} />
          ) : location.pathname.startsWith('/invitations/') ? (
            // The link of an invitation mail: usable before the person has a password.
            <InvitationPage />
          ) : (
            <LoginPage />
          )}
        </LocationProvider>
      </SessionContext.Provider>
    </LangContext.Provider>
  );
}

function Home() {
  const { user } = useSession();
  const { route } = useLocation();
  useEffect(() => route(homeOf(user!), true), [user, route]);
  return null;
}

function NotFound() {
  const { tr } = useLang();
  return (
    <section>
      <h1>{tr('Không có trang này', 'No such page')}</h1>
      <a href="/">{tr('Về trang chính', 'Go to the start page')}</a>
    </section>
  );
}

function Shell({ user }: { user: User }) {
  const { tr, tx, lang, setLang } = useLang();
  const { signOut } = useSession();
  const { path } = useLocation();
  const ha = isHomeAffairs(user);
  const links: [string, string][] = [
    ...(ha ? ([['/plans', tr('Kế hoạch', 'Plans')]] as [string, string][]) : []),
    ...(ha ? ([['/extensions', tr('Gia hạn', 'Extensions')]] as [string, string][]) : []),
    // Home Affairs works from the queue table; units and their officers keep their inbox.
    ha
      ? ['/queue', tr('Nhiệm vụ', 'Tasks')]
      : [
          hasRole(user, 'officer') && !hasRole(user, 'unit_member', 'unit_head')
            ? '/inbox?mine=true'
            : '/inbox',
          hasRole(user, 'unit_member', 'unit_head', 'officer')
            ? tr('Việc của tôi', 'My tasks')
            : tr('Nhiệm vụ', 'Tasks'),
        ],
    ...(hasRole(user, 'unit_head', 'unit_member')
      ? ([['/people', tr('Cán bộ', 'People')]] as [string, string][])
      : []),
    ...(hasRole(user, 'unit_member') || ha
      ? ([['/indicators', tr('Chỉ tiêu', 'Indicators')]] as [string, string][])
      : []),
    ...(hasRole(user, 'chairperson') || ha
      ? ([['/digests', tr('Tổng hợp', 'Digests')]] as [string, string][])
      : []),
    ['/dashboard', tr('Tổng quan', 'Dashboard')],
    ...(hasRole(user, 'admin', 'home_affairs', 'chairperson', 'viewer')
      ? ([['/reports', tr('Báo cáo', 'Reports')]] as [string, string][])
      : []),
    ...(ha ? ([['/incidents', tr('Sự cố', 'Incidents')]] as [string, string][]) : []),
  ];
  const role = user.roles[0];
  return (
    <>
      <a class="skip" href="#main">
        {tr('Bỏ qua thanh điều hướng', 'Skip to content')}
      </a>
      <header class="top">
        <a class="brand" href="/" aria-label={tr('Đôn Đốc — trang chính', 'Đôn Đốc — start page')}>
          <span class="logo" aria-hidden="true">
            Đ
          </span>
          Đôn Đốc
        </a>
        <nav aria-label={tr('Điều hướng chính', 'Main navigation')}>
          <ul>
            {links.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={path.startsWith(href.split('?')[0]!) ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who" aria-label={tr('Người dùng', 'Signed in as')}>
          <span class="name" data-testid="who-name">
            {user.displayName}
          </span>
          <span class="role" data-testid="who-role">
            {role ? tx(ROLE_LABEL[role.role]) : ''}
            {role?.unit ? ` · ${role.unit.name}` : ''}
          </span>
        </div>
        <div class="tools">
          <button
            type="button"
            class="link"
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            aria-label={lang === 'vi' ? 'Switch to English' : 'Chuyển sang tiếng Việt'}
          >
            {lang === 'vi' ? 'EN' : 'VI'}
          </button>
          <button type="button" class="link" onClick={signOut}>
            {tr('Đăng xuất', 'Sign out')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/" component={Home} />
          <Route path="/plans" component={PlansPage} />
          <Route path="/plans/new" component={PlanEditorPage} />
          <Route path="/plans/:code" component={PlanPage} />
          <Route path="/plans/:code/edit" component={PlanEditorPage} />
          <Route path="/extensions" component={ExtensionsPage} />
          <Route path="/incidents" component={IncidentsPage} />
          <Route path="/inbox" component={InboxPage} />
          <Route path="/queue" component={QueuePage} />
          <Route path="/people" component={PeoplePage} />
          <Route path="/assignments/:id" component={AssignmentPage} />
          <Route path="/indicators" component={IndicatorsPage} />
          <Route path="/digests" component={DigestsPage} />
          <Route path="/dashboard" component={DashboardPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </>
  );
}
