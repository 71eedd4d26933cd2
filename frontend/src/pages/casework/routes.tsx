import { lazy, type ReactNode } from 'react';

// The case-work screens, each with its own URL under /casi/:id, each loaded when first opened.
const AddMember = lazy(() => import('./AddMember'));
const CaseStatusPage = lazy(() => import('./Status'));
const Grants = lazy(() => import('./Grants'));
const Assessment = lazy(() => import('./Assessment'));
const Plan = lazy(() => import('./Plan'));
const RequestIntervention = lazy(() => import('./RequestIntervention'));
const Intervention = lazy(() => import('./Intervention'));

export function caseworkRoutes(auth: (element: ReactNode) => ReactNode) {
  return [
    { path: '/casi/:id/equipe/nuovo', element: auth(<AddMember />) },
    { path: '/casi/:id/stato', element: auth(<CaseStatusPage />) },
    { path: '/casi/:id/accessi', element: auth(<Grants />) },
    { path: '/casi/:id/valutazioni/nuova', element: auth(<Assessment />) },
    { path: '/casi/:id/piano', element: auth(<Plan />) },
    { path: '/casi/:id/interventi/nuovo', element: auth(<RequestIntervention />) },
    { path: '/casi/:id/interventi/:interventionId', element: auth(<Intervention />) },
  ];
}
