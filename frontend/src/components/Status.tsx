import { Alert } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { blockingErrors, hasErrorCode, isUnavailable, type GraphQLErrorLike } from '../api/client';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="d-flex align-items-center gap-2 py-3" role="status" aria-live="polite">
      <div className="progress-spinner progress-spinner-active size-sm" aria-hidden="true" />
      <span>{t('app.loading')}</span>
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundText')}</p>
      <Link to="/">{t('app.backHome')}</Link>
    </section>
  );
}

/**
 * What a page shows before its data: loading, a transport failure, NOT_FOUND, or the errors that
 * are not field denials (FORBIDDEN fields are shown in place as "riservato").
 */
export function QueryStatus({
  loading,
  failure,
  errors,
  hasData,
  onRetry,
}: {
  loading: boolean;
  failure: Error | null;
  errors: readonly GraphQLErrorLike[];
  hasData: boolean;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  if (loading && !hasData) return <Loading />;
  if (failure) {
    return (
      <Alert color="danger">
        {t('app.networkError')}{' '}
        {onRetry && (
          <button type="button" className="btn btn-link p-0" onClick={onRetry}>
            {t('app.retry')}
          </button>
        )}
      </Alert>
    );
  }
  if (isUnavailable(errors)) {
    return (
      <Alert color="warning">
        {t('app.unavailable')}{' '}
        {onRetry && (
          <button type="button" className="btn btn-link p-0" onClick={onRetry}>
            {t('app.retry')}
          </button>
        )}
      </Alert>
    );
  }
  if (!hasData && hasErrorCode(errors, 'NOT_FOUND')) return <NotFound />;
  const blocking = blockingErrors(errors).filter((e) => e.extensions?.code !== 'NOT_FOUND');
  if (blocking.length === 0) return null;
  return (
    <Alert color="danger">
      {blocking.map((e, i) => (
        <div key={i}>{t('app.error', { message: e.message })}</div>
      ))}
    </Alert>
  );
}
