import { lazy, Suspense, useEffect, useState } from 'react';
import { AuthProvider, useAuth } from './auth';
import { Loading, PageTitle } from './components/ui';
import { I18nProvider, useI18n } from './i18n';
import { CoursePage } from './pages/Course';
import { SheetPage } from './pages/Sheet';
import { SignInPage } from './pages/SignIn';
import { TraineePage } from './pages/Trainee';
import { TrainerPage } from './pages/Trainer';
import { VerifyPage } from './pages/Verify';
import { parseRoute, type Route, routeHref } from './routes';
import type { Role } from './session';

// The dashboard brings the chart library: loaded only when it is opened, so that the phone pages stay light.
const DashboardPage = lazy(() => import('./pages/Dashboard').then((module) => ({ default: module.DashboardPage })));

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Who may open a page (the server decides what they see; this only avoids dead ends). */
const PAGE_ROLES: Partial<Record<Route['page'], readonly Role[]>> = {
  trainer: ['trainer', 'admin'],
  course: ['trainer', 'admin'],
  session: ['trainer', 'admin'],
  trainee: ['trainee'],
  dashboard: ['viewer', 'admin', 'finance', 'assessor', 'trainer'],
};

function Header({ route }: { route: Route }) {
  const { t, language, setLanguage } = useI18n();
  const { session, signOut } = useAuth();
  const roles = session?.roles ?? [];
  const links: { page: Route['page']; href: string; label: string }[] = [];
  if (roles.includes('trainer') || roles.includes('admin'))
    links.push({ page: 'trainer', href: '#/trainer', label: t.navTrainer });
  if (roles.includes('trainee')) links.push({ page: 'trainee', href: '#/trainee', label: t.navTrainee });
  if (session && roles.some((role) => PAGE_ROLES.dashboard?.includes(role))) {
    links.push({ page: 'dashboard', href: '#/dashboard', label: t.navDashboard });
  }
  links.push({ page: 'verify', href: '#/verify', label: t.navVerify });
  const current = route.page === 'course' || route.page === 'session' ? 'trainer' : route.page;

  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <div className="brand">
        <span className="brand-title">{t.appTitle}</span>
        <span className="brand-subtitle">{t.appSubtitle}</span>
      </div>
      <nav aria-label={t.mainNavigation}>
        <ul>
          {links.map((link) => (
            <li key={link.page}>
              <a href={link.href} aria-current={current === link.page ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <button
          type="button"
          className="button-small"
          lang={language === 'vi' ? 'en' : 'vi'}
          aria-label={t.switchLanguageLabel}
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
          data-testid="language"
        >
          {t.switchLanguage}
        </button>
        {session ? (
          <>
            <span className="user" title={t.signedInAs(session.name ?? session.subject)}>
              {session.name ?? session.subject}
            </span>
            <button
              type="button"
              className="button-small"
              title={t.signedInAs(session.name ?? session.subject)}
              onClick={() => {
                signOut();
                window.location.hash = '#/signin';
              }}
            >
              {t.signOut}
            </button>
          </>
        ) : (
          <a className="button-small" href="#/signin">
            {t.signIn}
          </a>
        )}
      </div>
    </header>
  );
}

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  const { session } = useAuth();
  if (route.page === 'verify') return <VerifyPage code={route.code} />;
  if (route.page === 'signin') return <SignInPage />;
  if (route.page === 'notFound') {
    return (
      <section className="page narrow">
        <PageTitle>{t.notFound}</PageTitle>
        <a href="#/signin">{t.backHome}</a>
      </section>
    );
  }
  if (!session) return <SignInPage />;
  const allowed = PAGE_ROLES[route.page];
  if (allowed && !session.roles.some((role) => allowed.includes(role))) {
    return (
      <section className="page narrow">
        <PageTitle>{t.notAllowed}</PageTitle>
        <a href="#/signin">{t.backHome}</a>
      </section>
    );
  }
  switch (route.page) {
    case 'trainer':
      return <TrainerPage />;
    case 'course':
      return <CoursePage courseId={route.courseId} />;
    case 'session':
      return <SheetPage sessionId={route.sessionId} />;
    case 'trainee':
      return <TraineePage />;
    case 'dashboard':
      return (
        <Suspense fallback={<Loading />}>
          <DashboardPage />
        </Suspense>
      );
  }
}

function Shell() {
  const route = useRoute();
  return (
    <>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {/* A new page (or another course or session) starts with fresh state. */}
        <Page key={routeHref(route)} route={route} />
      </main>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </I18nProvider>
  );
}
