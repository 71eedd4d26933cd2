import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphQLErrorLike } from '../api/client';
import { deniedAt, type Denial, type ResponsePath } from '../api/privacy';

/** The errors of the response a page renders, so that fields can tell whether they were denied. */
const ResponseErrorsContext = createContext<readonly GraphQLErrorLike[]>([]);

export function ResponseErrors({ errors, children }: { errors: readonly GraphQLErrorLike[]; children: ReactNode }) {
  return <ResponseErrorsContext.Provider value={errors}>{children}</ResponseErrorsContext.Provider>;
}

/** The denial of the field at `path` in the surrounding response, or null. */
export function useDenial(path: ResponsePath | undefined): Denial | null {
  const errors = useContext(ResponseErrorsContext);
  return path ? deniedAt(errors, path) : null;
}

/** "riservato", with the policy and the server's message as its tooltip (never an empty cell). */
export function Reserved({ denial }: { denial: Denial }) {
  const { t } = useTranslation();
  const reason = t('privacy.reason', { policy: denial.policy ?? '?', message: denial.message });
  return (
    <span className="siso-reserved badge bg-light text-dark border" title={reason} data-policy={denial.policy}>
      <span aria-hidden="true">🔒 </span>
      {t('privacy.reserved')}
      <span className="visually-hidden"> ({reason})</span>
    </span>
  );
}

interface ValueProps {
  /** Where the value is in the response, e.g. `['citizen', 'phone']`. */
  path: ResponsePath;
  /** The value to show; null/undefined shows "—" unless the field was denied. */
  children?: ReactNode;
}

/** A value inline (table cells, lists): "riservato" when denied, "—" when simply empty. */
export function Value({ path, children }: ValueProps) {
  const denial = useDenial(path);
  if (denial) return <Reserved denial={denial} />;
  if (children === null || children === undefined || children === '' || children === false) {
    return <span className="text-muted">—</span>;
  }
  return <>{children}</>;
}

/** A labelled value of a description list (<dl className="siso-fields">). */
export function Field({ label, path, children }: ValueProps & { label: string }) {
  return (
    <div className="siso-field">
      <dt>{label}</dt>
      <dd>
        <Value path={path}>{children}</Value>
      </dd>
    </div>
  );
}
