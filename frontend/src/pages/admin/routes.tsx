import { lazy, type ReactNode } from 'react';

// The administration screens (ADMIN; the events also for the DPO), each loaded when first opened.
const Operators = lazy(() => import('./Operators'));
const OperatorNew = lazy(() => import('./OperatorNew'));
const OperatorEdit = lazy(() => import('./OperatorEdit'));
const ApiClients = lazy(() => import('./ApiClients'));
const Events = lazy(() => import('./Events'));

export function adminRoutes(auth: (element: ReactNode) => ReactNode) {
  return [
    { path: '/amministrazione', element: auth(<Operators />) },
    { path: '/amministrazione/operatori/nuovo', element: auth(<OperatorNew />) },
    { path: '/amministrazione/operatori/:id', element: auth(<OperatorEdit />) },
    { path: '/amministrazione/client-api', element: auth(<ApiClients />) },
    { path: '/amministrazione/eventi', element: auth(<Events />) },
  ];
}
