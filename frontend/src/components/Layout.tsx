import { Button, Header, HeaderBrand, HeaderContent, HeaderRightZone } from 'design-react-kit';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useViewer } from '../api/viewer';
import { LANGUAGES } from '../i18n';
import { useOfflineQueue } from '../offline/OfflineQueue';
import { OfflineStatus } from '../offline/OfflineStatus';
import { Loading } from './Status';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="siso-lang" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className={`btn btn-sm ${i18n.language === lng ? 'btn-light' : 'btn-outline-light'}`}
          aria-pressed={i18n.language === lng}
          lang={lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { viewer, signOut } = useViewer();
  const navigate = useNavigate();
  const unsent = useOfflineQueue().items.filter((a) => a.status !== 'failed').length;

  return (
    <>
      <a className="visually-hidden-focusable siso-skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header type="slim">
        <HeaderContent>
          <HeaderBrand tag="span">{t('app.tagline')}</HeaderBrand>
          <HeaderRightZone>
            <LanguageSwitch />
          </HeaderRightZone>
        </HeaderContent>
      </Header>
      <Header type="center" small>
        <HeaderContent>
          <div className="it-brand-wrapper">
            <Link to="/">
              <div className="it-brand-text">
                <div className="it-brand-title">{t('app.name')}</div>
                <div className="it-brand-tagline d-none d-md-block">{t('app.tagline')}</div>
              </div>
            </Link>
          </div>
          {viewer && (
            <HeaderRightZone>
              <span className="text-white me-3 d-none d-md-inline">
                {t('nav.signedInAs', { name: viewer.displayName })}
              </span>
              <Link to="/password" className="btn btn-outline-light btn-sm me-2">
                {t('password.link')}
              </Link>
              <Button
                color="light"
                outline
                size="sm"
                onClick={() => {
                  // activities still on the device stay there, under this operator, until they sign in again
                  if (unsent > 0 && !window.confirm(t('offline.signOutUnsent', { count: unsent }))) return;
                  void signOut().then(() => navigate('/accedi', { replace: true }));
                }}
              >
                {t('nav.signOut')}
              </Button>
            </HeaderRightZone>
          )}
        </HeaderContent>
      </Header>
      {viewer && (
        <nav className="siso-nav bg-primary-subtle border-bottom" aria-label={t('nav.main')}>
          <div className="container-xxl">
            <ul className="nav">
              <li className="nav-item">
                <NavLink className="nav-link" to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li className="nav-item">
                <NavLink className="nav-link" to="/cittadini">
                  {t('nav.citizens')}
                </NavLink>
              </li>
              {viewer.roles.some((r) => r === 'ZONE_MANAGER' || r === 'ANALYST') && (
                <li className="nav-item">
                  <NavLink className="nav-link" to="/monitoraggio">
                    {t('nav.monitoring')}
                  </NavLink>
                </li>
              )}
              {viewer.roles.some((r) => r === 'DPO' || r === 'ZONE_MANAGER') && (
                <li className="nav-item">
                  <NavLink className="nav-link" to={viewer.roles.includes('DPO') ? '/audit' : '/audit/emergenze'}>
                    {t('nav.audit')}
                  </NavLink>
                </li>
              )}
              {viewer.roles.includes('ADMIN') && (
                <li className="nav-item">
                  <NavLink className="nav-link" to="/amministrazione">
                    {t('nav.admin')}
                  </NavLink>
                </li>
              )}
              <li className="nav-item">
                <NavLink className="nav-link" to="/playground">
                  {t('nav.playground')}
                </NavLink>
              </li>
            </ul>
          </div>
        </nav>
      )}
      {viewer && <OfflineStatus />}
      <main id="main" className="container-xxl py-4" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/**
 * Pages that need a session: without one, go to /accedi and come back afterwards. An operator who
 * must replace the password an administrator gave them goes to /password first, then comes back.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, viewer } = useViewer();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  const next = location.pathname + location.search;
  if (status === 'signedOut') {
    return <Navigate to={`/accedi?next=${encodeURIComponent(next)}`} replace />;
  }
  if (viewer?.mustChangePassword && location.pathname !== '/password') {
    return <Navigate to={`/password?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
