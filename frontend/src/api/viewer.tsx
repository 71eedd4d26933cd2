import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { ViewerFieldsFragment } from '../gql/graphql';
import { execute } from './client';

export const ViewerFields = graphql(`
  fragment ViewerFields on Viewer {
    id
    username
    displayName
    roles
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
        const v = result.data?.viewer ?? null;
        setViewerState(v);
        setStatus(v ? 'signedIn' : 'signedOut');
      },
      () => {
        if (!controller.signal.aborted) setStatus('signedOut');
      },
    );
    return () => controller.abort();
  }, [initial]);

  const setViewer = useCallback((v: Viewer | null) => {
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
