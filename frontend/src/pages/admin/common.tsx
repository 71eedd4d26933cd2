import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { GraphQLErrorLike } from '../../api/client';
import { fieldErrors } from '../../api/useMutation';
import { useViewer } from '../../api/viewer';
import type { Role } from '../../gql/graphql';
import type { Problems } from './validation';
import '../../i18n/areas/admin';

/** Where the administration screens live. */
export const adminPaths = {
  home: '/amministrazione',
  newOperator: '/amministrazione/operatori/nuovo',
  operator: (id: string) => `/amministrazione/operatori/${encodeURIComponent(id)}`,
  apiClients: '/amministrazione/client-api',
  events: '/amministrazione/eventi',
};

/** Whether the viewer is an administrator (the server decides again on every request). */
export function useIsAdmin(): boolean {
  const { viewer } = useViewer();
  return viewer?.roles.includes('ADMIN') ?? false;
}

/** The tabs of the administration area. */
export function AdminNav() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  return (
    <nav aria-label={t('admin.nav.label')} className="mb-4">
      <ul className="nav nav-tabs">
        {isAdmin && (
          <>
            <li className="nav-item">
              <NavLink className="nav-link" to={adminPaths.home} end>
                {t('admin.nav.operators')}
              </NavLink>
            </li>
            <li className="nav-item">
              <NavLink className="nav-link" to={adminPaths.apiClients}>
                {t('admin.nav.apiClients')}
              </NavLink>
            </li>
          </>
        )}
        <li className="nav-item">
          <NavLink className="nav-link" to={adminPaths.events}>
            {t('admin.nav.events')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

/** A page for administrators only: others get an explanation (the server refuses them anyway). */
export function AdminOnly({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  if (!useIsAdmin()) {
    return (
      <div className="alert alert-warning" role="alert">
        {t('admin.notAllowed')}
      </div>
    );
  }
  return <>{children}</>;
}

/** Client-side problems translated, over the server's field errors: one message per field. */
export function useFieldMessages(client: Problems, server: readonly GraphQLErrorLike[]) {
  const { t } = useTranslation();
  const fromServer = fieldErrors(server);
  return (field: string): string | null => {
    const p = client[field];
    if (p) return t(`admin.errors.${p.key}`, p.params ?? {});
    return fromServer[field] ?? null;
  };
}

/** Moves the focus to the first input in error (by id), so a screen reader reads its message. */
export function focusFirstError(ids: readonly string[]) {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el) {
      el.focus();
      return;
    }
  }
}

/**
 * A secret shown once (a generated password or an API token): a warning that it cannot be shown
 * again, the secret in a read-only field, a copy button. It lives only in the state of the page
 * that received it: leaving the page or closing this box forgets it.
 */
export function OneTimeSecret({
  id,
  label,
  secret,
  warning,
  onDismiss,
}: {
  id: string;
  label: string;
  secret: string;
  warning: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // bring the secret into view and select it: it appears where the form was submitted from
  useEffect(() => {
    inputRef.current?.focus();
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      setCopied('no');
    }
  };
  return (
    <div className="alert alert-warning" role="alert" aria-labelledby={`${id}-title`}>
      <h2 className="h5" id={`${id}-title`}>
        {label}
      </h2>
      <p className="mb-2">
        <strong>{warning}</strong>
      </p>
      <div className="input-group mb-2">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          ref={inputRef}
          className="form-control font-monospace"
          readOnly
          value={secret}
          onFocus={(e) => e.target.select()}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {t('admin.secret.copy')}
        </button>
      </div>
      <div aria-live="polite" className="small mb-2">
        {copied === 'yes' && t('admin.secret.copied')}
        {copied === 'no' && t('admin.secret.copyFailed')}
      </div>
      <button type="button" className="btn btn-outline-primary btn-sm" onClick={onDismiss}>
        {t('admin.secret.done')}
      </button>
    </div>
  );
}

export function roleLabel(t: TFunction, role: Role): string {
  return t(`admin.roles.${role}`);
}
