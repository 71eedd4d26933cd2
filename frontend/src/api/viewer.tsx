import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { ViewerFieldsFragment } from '../gql/graphql';
import { execute, isUnavailable } from './client';

export const ViewerFields = graphql(`
  fragment ViewerFields on Viewer {
    id
    username
    displayName
    roles
    mustChangePassword
    organization {
      id
      name
    }
    zones {
      id
      code
      name
    }
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      ...ViewerFields
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        ...ViewerFields
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut {
      signedOut
    }
  }
`);

export type Viewer = ViewerFieldsFragment;

type Status = 'loading' | 'signedIn' | 'signedOut';

const LAST_VIEWER = 'siso.viewer';

/** The operator signed in on this device (names and roles only), for working offline. */
function rememberViewer(v: Viewer | null): void {
  try {
    if (v) window.localStorage.setItem(LAST_VIEWER, JSON.stringify(v));
    else window.localStorage.removeItem(LAST_VIEWER);
  } catch {
    // storage unavailable: no offline mode
  }
}

function rememberedViewer(): Viewer | null {
  try {
    const raw = window.localStorage.getItem(LAST_VIEWER);
    return raw ? (JSON.parse(raw) as Viewer) : null;
  } catch {
    return null;
  }
}

interface ViewerContextValue {
  status: Status;
  viewer: Viewer | null;
  setViewer: (viewer: Viewer | null) => void;
  signOut: () => Promise<void>;
}

const ViewerContext = createContext<ViewerContextValue | null>(null);

/** Asks the server who is signed in (the session cookie is HttpOnly, so only the server knows). */
export function ViewerProvider({ children, initial }: { children: ReactNode; initial?: Viewer | null }) {
  const [viewer, setViewerState] = useState<Viewer | null>(initial ?? null);
  const [status, setStatus] = useState<Status>(initial === undefined ? 'loading' : initial ? 'signedIn' : 'signedOut');

  useEffect(() => {
    if (initial !== undefined) return;
    const controller = new AbortController();
    execute(ViewerQuery, {}, { signal: controller.signal }).then(
      (result) => {
        if (isUnavailable(result.errors)) {
          // The server cannot check the session now (its database is down): that is not a
          // sign-out. Keep working as the operator last signed in here, as when offline.
          const last = rememberedViewer();
          setViewerState(last);
          setStatus(last ? 'signedIn' : 'signedOut');
          return;
        }
        const v = result.data?.viewer ?? null;
        rememberViewer(v);
        setViewerState(v);
        setStatus(v ? 'signedIn' : 'signedOut');
      },
      () => {
        if (controller.signal.aborted) return;
        // No answer (offline on a phone): keep working as the operator last signed in on this
        // device, so activities can be written and queued; the server still decides every request.
        const last = rememberedViewer();
        setViewerState(last);
        setStatus(last ? 'signedIn' : 'signedOut');
      },
    );
    return () => controller.abort();
  }, [initial]);

  const setViewer = useCallback((v: Viewer | null) => {
    rememberViewer(v);
    setViewerState(v);
    setStatus(v ? 'signedIn' : 'signedOut');
  }, []);

  const signOut = useCallback(async () => {
    try {
      await execute(SignOutMutation, {});
    } finally {
      setViewer(null);
    }
  }, [setViewer]);

  const value = useMemo(() => ({ status, viewer, setViewer, signOut }), [status, viewer, setViewer, signOut]);
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerContextValue {
  const value = useContext(ViewerContext);
  if (!value) throw new Error('useViewer outside <ViewerProvider>');
  return value;
}
