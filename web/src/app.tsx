import { lazy, ReactNode, Suspense, useEffect, useRef } from 'react';
import { useI18n, type Lang, type MessageKey } from './i18n';
import { Link, match, navigate, useLocation } from './lib/router';
import { SessionProvider, useSession, type SessionUser } from './lib/session';
import { Loading } from './lib/ui';
import { SignIn } from './screens/sign-in/sign-in';

// Screens load on demand, so the sign-in screen stays small.
const CapacityBoard = lazy(() => import('./screens/capacity/capacity-board'));
const RoomMap = lazy(() => import('./screens/rooms/room-map'));
const Admit = lazy(() => import('./screens/admit/admit'));
const StaysList = lazy(() => import('./screens/stays/stays-list'));
const StayPage = lazy(() => import('./screens/stays/stay-page'));
const Alerts = lazy(() => import('./screens/alerts/alerts'));
const Staffing = lazy(() => import('./screens/staffing/staffing'));
const Admin = lazy(() => import('./screens/admin/admin'));
const DailyReport = lazy(() => import('./screens/reports/daily-report'));
const FacilityToday = lazy(() => import('./screens/today/facility-today'));
const AreaToday = lazy(() => import('./screens/today/area-today'));
const HealthRound = lazy(() => import('./screens/health-round/health-round'));
const TransferRequests = lazy(() => import('./screens/transfers/transfer-requests'));
const IntakeLists = lazy(() => import('./screens/intake/intake-lists'));
const IntakeList = lazy(() => import('./screens/intake/intake-list'));
const HomeMonitoring = lazy(() => import('./screens/home-monitoring/home-monitoring'));
const Exports = lazy(() => import('./screens/exports/exports'));

type Role = SessionUser['role'];

interface Route {
  pattern: string;
  roles: Role[];
  render: (params: Record<string, string>) => ReactNode;
}

const ALL: Role[] = ['admin', 'district_committee', 'camp_manager'];

const ROUTES: Route[] = [
  { pattern: '/capacity', roles: ['admin', 'district_committee'], render: () => <CapacityBoard /> },
  { pattern: '/today', roles: ['admin', 'district_committee'], render: () => <AreaToday /> },
  { pattern: '/facilities/:id/today', roles: ALL, render: (p) => <FacilityToday facilityId={p.id} /> },
  { pattern: '/facilities/:id/health-round', roles: ['admin', 'camp_manager'], render: (p) => <HealthRound facilityId={p.id} /> },
  { pattern: '/facilities/:id/rooms', roles: ALL, render: (p) => <RoomMap facilityId={p.id} /> },
  { pattern: '/admit', roles: ['admin', 'camp_manager'], render: () => <Admit /> },
  { pattern: '/stays', roles: ALL, render: () => <StaysList /> },
  { pattern: '/stays/:id', roles: ALL, render: (p) => <StayPage stayId={p.id} /> },
  { pattern: '/alerts', roles: ALL, render: () => <Alerts /> },
  { pattern: '/staffing', roles: ALL, render: () => <Staffing /> },
  { pattern: '/admin', roles: ['admin'], render: () => <Admin /> },
  { pattern: '/reports', roles: ALL, render: () => <DailyReport /> },
  { pattern: '/exports', roles: ALL, render: () => <Exports /> },
  { pattern: '/transfer-requests', roles: ALL, render: () => <TransferRequests /> },
  { pattern: '/intake-lists', roles: ALL, render: () => <IntakeLists /> },
  { pattern: '/intake-lists/:id', roles: ALL, render: (p) => <IntakeList listId={p.id} /> },
  { pattern: '/home-monitoring', roles: ['admin', 'district_committee'], render: () => <HomeMonitoring /> },
];

/** Where each role starts its day. */
export function homeFor(user: SessionUser): string {
  return user.role === 'camp_manager' && user.facilityId ? `/facilities/${user.facilityId}/today` : '/capacity';
}

interface NavItem {
  to: string;
  label: MessageKey;
  roles: Role[];
}

function navItems(user: SessionUser): NavItem[] {
  const own = user.facilityId ? `/facilities/${user.facilityId}/rooms` : null;
  const ownDay = user.facilityId ? `/facilities/${user.facilityId}` : null;
  const items: NavItem[] = [
    ...(ownDay ? [{ to: `${ownDay}/today`, label: 'nav.today' as MessageKey, roles: ['camp_manager'] as Role[] }] : []),
    { to: '/capacity', label: 'nav.capacity', roles: ['admin', 'district_committee'] },
    { to: '/today', label: 'nav.today', roles: ['admin', 'district_committee'] },
    ...(ownDay ? [{ to: `${ownDay}/health-round`, label: 'nav.healthRound' as MessageKey, roles: ['camp_manager'] as Role[] }] : []),
    ...(own ? [{ to: own, label: 'nav.rooms' as MessageKey, roles: ['camp_manager'] as Role[] }] : []),
    { to: '/reports', label: 'nav.reports', roles: ALL },
    { to: '/exports', label: 'nav.exports', roles: ALL },
    { to: '/admit', label: 'nav.admit', roles: ['admin', 'camp_manager'] },
    { to: '/stays', label: 'nav.stays', roles: ALL },
    { to: '/alerts', label: 'nav.alerts', roles: ALL },
    { to: '/staffing', label: 'nav.staffing', roles: ALL },
    { to: '/transfer-requests', label: 'nav.transferRequests', roles: ALL },
    { to: '/intake-lists', label: 'nav.intakeLists', roles: ALL },
    { to: '/home-monitoring', label: 'nav.homeMonitoring', roles: ['admin', 'district_committee'] },
    { to: '/admin', label: 'nav.admin', roles: ['admin'] },
  ];
  return items.filter((i) => i.roles.includes(user.role));
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { user } = useSession();
  const { path } = useLocation();
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);

  // After a client-side navigation, move focus to the page so keyboard and screen-reader users start there.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [path]);

  useEffect(() => {
    if (user && (path === '/' || path === '/sign-in')) navigate(homeFor(user), { replace: true });
  }, [user, path]);

  if (user === undefined) return <Loading />;

  if (user === null) {
    return (
      <>
        <Header user={null} />
        <main id="main" ref={main} tabIndex={-1}>
          <SignIn />
        </main>
      </>
    );
  }

  const found = ROUTES.map((r) => ({ r, params: match(r.pattern, path) })).find((x) => x.params);
  let page: ReactNode;
  if (!found) page = path === '/' || path === '/sign-in' ? <Loading /> : <NotFound />;
  else if (!found.r.roles.includes(user.role)) page = <p className="note">{t('common.notAllowed')}</p>;
  else page = found.r.render(found.params!);

  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <Header user={user} />
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </main>
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="note">
      <p>{t('common.notFound')}</p>
      <Link to="/">{t('common.home')}</Link>
    </div>
  );
}

function Header({ user }: { user: SessionUser | null }) {
  const { t, lang, setLang } = useI18n();
  const { signOut } = useSession();
  const { path } = useLocation();
  const navList = useRef<HTMLUListElement>(null);
  // On a phone the nav is a sideways strip: keep the current page's link in view (also after a rotation).
  useEffect(() => {
    const reveal = () => {
      const list = navList.current;
      const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
      if (!list || !current || list.scrollWidth <= list.clientWidth) return;
      const shown = list.getBoundingClientRect();
      const link = current.getBoundingClientRect();
      if (link.left < shown.left || link.right > shown.right) list.scrollLeft += link.left - shown.left - (shown.width - link.width) / 2;
    };
    reveal();
    window.addEventListener('resize', reveal);
    return () => window.removeEventListener('resize', reveal);
  }, [path, user]);
  return (
    <header className="top">
      <div className="top-row">
        <Link to="/" className="brand">
          Cachly
        </Link>
        <div className="top-tools">
          <label className="lang">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          </label>
          {user && (
            <>
              <span className="who" title={t(`enum.role.${user.role}` as MessageKey)}>
                {user.username}
              </span>
              <button type="button" className="link-button" onClick={() => signOut().then(() => navigate('/', { replace: true }))}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
      {user && (
        <nav aria-label={t('nav.main')}>
          <ul ref={navList}>
            {navItems(user).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={path === item.to || path.startsWith(`${item.to}/`) ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
            {user.role === 'admin' && (
              <li>
                <a href="/admin/queues">{t('nav.queues')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </header>
  );
}
