import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ViewerProvider } from './api/viewer';
import { Layout, RequireAuth } from './components/Layout';
import { NotFound } from './components/Status';
import { OfflineQueueProvider } from './offline/OfflineQueue';
import { adminRoutes } from './pages/admin/routes';
import { caseworkRoutes } from './pages/casework/routes';
import SignIn from './pages/SignIn';

// The sign-in page is in the initial bundle; every other screen is loaded when first opened.
const Home = lazy(() => import('./pages/Home'));
const CitizenSearch = lazy(() => import('./pages/CitizenSearch'));
const Citizen = lazy(() => import('./pages/Citizen'));
const Case = lazy(() => import('./pages/Case'));
const OperatorPage = lazy(() => import('./pages/Entities').then((m) => ({ default: m.OperatorPage })));
const OfficePage = lazy(() => import('./pages/Entities').then((m) => ({ default: m.OfficePage })));
const OrganizationPage = lazy(() => import('./pages/Entities').then((m) => ({ default: m.OrganizationPage })));
const ZonePage = lazy(() => import('./pages/Entities').then((m) => ({ default: m.ZonePage })));
// GraphiQL (CodeMirror, the docs explorer) is a chunk of its own, fetched only at /playground.
export const Playground = lazy(() => import('./pages/Playground'));
// Monitoring dashboards (with their charts), the audit views and break-the-glass: chunks of their own.
const Monitoring = lazy(() => import('./pages/monitoring/Monitoring'));
const AuditTrail = lazy(() => import('./pages/audit/AuditTrail'));
const Emergencies = lazy(() => import('./pages/audit/Emergencies'));
const Emergency = lazy(() => import('./pages/Emergency'));
const RecordActivity = lazy(() => import('./offline/RecordActivity'));
// Citizen-side forms (registration, accesses, relations, referrals, opening a case).
const CitizenNew = lazy(() => import('./pages/forms/CitizenNew'));
const CitizenEdit = lazy(() => import('./pages/forms/CitizenEdit'));
const AccessNew = lazy(() => import('./pages/forms/AccessNew'));
const RelationNew = lazy(() => import('./pages/forms/RelationNew'));
const ReferralNew = lazy(() => import('./pages/forms/ReferralNew'));
const ReferralDetail = lazy(() => import('./pages/forms/ReferralDetail'));
const CaseOpen = lazy(() => import('./pages/forms/CaseOpen'));
const QueuePage = lazy(() => import('./offline/QueuePage'));
const PasswordPage = lazy(() => import('./pages/Password'));

const auth = (element: React.ReactNode) => <RequireAuth>{element}</RequireAuth>;

export const routes = [
  {
    element: <Layout />,
    children: [
      { path: '/accedi', element: <SignIn /> },
      { path: '/', element: auth(<Home />) },
      { path: '/cittadini', element: auth(<CitizenSearch />) },
      { path: '/cittadini/:id', element: auth(<Citizen />) },
      { path: '/cittadini/nuovo', element: auth(<CitizenNew />) },
      { path: '/cittadini/:id/modifica', element: auth(<CitizenEdit />) },
      { path: '/cittadini/:id/accessi/nuovo', element: auth(<AccessNew />) },
      { path: '/cittadini/:id/relazioni/nuova', element: auth(<RelationNew />) },
      { path: '/cittadini/:id/invii/nuovo', element: auth(<ReferralNew />) },
      { path: '/cittadini/:id/casi/nuovo', element: auth(<CaseOpen />) },
      { path: '/invii/:id', element: auth(<ReferralDetail />) },
      { path: '/casi/:id', element: auth(<Case />) },
      ...caseworkRoutes(auth),
      ...adminRoutes(auth),
      { path: '/operatori/:id', element: auth(<OperatorPage />) },
      { path: '/uffici/:id', element: auth(<OfficePage />) },
      { path: '/enti/:id', element: auth(<OrganizationPage />) },
      { path: '/zone/:code', element: auth(<ZonePage />) },
      { path: '/playground', element: auth(<Playground />) },
      { path: '/monitoraggio', element: auth(<Monitoring />) },
      { path: '/audit', element: auth(<AuditTrail />) },
      { path: '/audit/emergenze', element: auth(<Emergencies />) },
      { path: '/emergenza', element: auth(<Emergency />) },
      { path: '/casi/:id/attivita/nuova', element: auth(<RecordActivity target="case" />) },
      { path: '/interventi/:id/attivita/nuova', element: auth(<RecordActivity target="intervention" />) },
      { path: '/coda', element: auth(<QueuePage />) },
      { path: '/password', element: auth(<PasswordPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export default function App() {
  return (
    <ViewerProvider>
      <OfflineQueueProvider>
        <RouterProvider router={router} />
      </OfflineQueueProvider>
    </ViewerProvider>
  );
}
