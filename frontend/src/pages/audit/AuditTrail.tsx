import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { OperatorLink } from '../../components/links';
import { QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { normalizeFiscalCode, validateFiscalCode } from '../../lib/fiscalCode';
import { formatDateTime } from '../../lib/format';
import { AuditNav } from './AuditNav';
import { Pager, useCursorPages } from './Pager';
import '../../i18n/areas/monitoring';

export const PAGE_SIZE = 25;

export const AuditTrailQuery = graphql(`
  query AuditTrail($fiscalCode: String, $first: Int, $after: String) {
    auditTrail(fiscalCode: $fiscalCode, first: $first, after: $after) {
      citizenId
      totalCount
      hasNextPage
      endCursor
      entries {
        at
        actor
        operator {
          id
          displayName
        }
        action
        tiers
        operationName
        channel
        emergency
        reason
        objectType
        requestId
      }
    }
  }
`);

/**
 * The DPO's answer to "who looked at this person's file, when and why": /audit?cf=… . The lookup
 * is sent only on submit (each one is itself recorded), never while typing.
 */
export default function AuditTrail() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const cf = normalizeFiscalCode(params.get('cf') ?? '');
  const [term, setTerm] = useState(cf);
  const [submitted, setSubmitted] = useState(false);
  const typed = normalizeFiscalCode(term);
  // As you type: the shape and check character once all 16 characters are there; on submit, everything.
  const problem = typed.length >= 16 || submitted ? validateFiscalCode(typed) : null;
  const pages = useCursorPages(cf);
  const skip = !cf || validateFiscalCode(cf) !== null;
  const { data, errors, loading, failure, refetch } = useQuery(
    AuditTrailQuery,
    { fiscalCode: cf, first: PAGE_SIZE, after: pages.after ?? undefined },
    { skip },
  );

  if (viewer && !viewer.roles.includes('DPO')) return <Navigate to="/audit/emergenze" replace />;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (validateFiscalCode(typed) !== null) return;
    setParams({ cf: typed });
  }

  const trail = data?.auditTrail;
  return (
    <section>
      <h1 className="h2">{t('monitoring.audit.title')}</h1>
      <AuditNav />
      <p>{t('monitoring.audit.intro')}</p>
      <form onSubmit={onSubmit} className="row g-2 align-items-start mb-4" role="search" noValidate>
        <div className="col-12 col-md-6">
          <label htmlFor="audit-cf" className="form-label small fw-semibold">
            {t('monitoring.audit.fiscalCode')}
          </label>
          <input
            id="audit-cf"
            className={`form-control font-monospace${problem ? ' is-invalid' : ''}`}
            value={term}
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            onChange={(e) => setTerm(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'audit-cf-error' : 'audit-cf-hint'}
          />
          {problem ? (
            <div id="audit-cf-error" className="invalid-feedback d-block" role="alert">
              {t(`fiscalCode.${problem}`)}
            </div>
          ) : (
            <small id="audit-cf-hint" className="form-text">
              {t('monitoring.audit.fiscalCodeHint')}
            </small>
          )}
        </div>
        <div className="col-12 col-md-auto pt-md-4">
          <button type="submit" className="btn btn-primary mt-md-2">
            {t('monitoring.audit.search')}
          </button>
        </div>
      </form>

      <div aria-live="polite" aria-busy={loading}>
        {!skip && (
          <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!trail} onRetry={refetch} />
        )}
        {!skip && trail && (
          <>
            <p>{t('monitoring.audit.count', { count: trail.totalCount })}</p>
            {trail.entries.length > 0 && (
              <div className="table-responsive">
                <table className="table table-sm siso-audit-table">
                  <caption className="visually-hidden">{t('monitoring.audit.caption', { cf })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.audit.at')}</th>
                      <th scope="col">{t('monitoring.audit.actor')}</th>
                      <th scope="col">{t('monitoring.audit.action')}</th>
                      <th scope="col">{t('monitoring.audit.tiers')}</th>
                      <th scope="col">{t('monitoring.audit.operation')}</th>
                      <th scope="col">{t('monitoring.audit.channel')}</th>
                      <th scope="col">{t('monitoring.audit.reason')}</th>
                      <th scope="col">{t('monitoring.audit.requestId')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {trail.entries.map((e, i) => (
                      <tr
                        key={`${e.at}-${e.requestId ?? ''}-${i}`}
                        className={e.emergency ? 'table-warning' : undefined}
                      >
                        <td className="text-nowrap">{formatDateTime(e.at)}</td>
                        <td>{e.operator ? <OperatorLink operator={e.operator} /> : e.actor}</td>
                        <td>
                          <span className="badge bg-secondary">{e.action}</span>
                          {e.emergency && (
                            <span className="badge bg-warning text-dark ms-1">{t('monitoring.audit.emergency')}</span>
                          )}
                          {e.objectType && <div className="small text-muted">{e.objectType}</div>}
                        </td>
                        <td className="small">{e.tiers.join(', ')}</td>
                        <td className="small">{e.operationName ?? '—'}</td>
                        <td className="small">{e.channel}</td>
                        <td className="small">{e.reason ?? '—'}</td>
                        <td className="small font-monospace">{e.requestId ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager
              page={pages.page}
              hasNext={trail.hasNextPage}
              endCursor={trail.endCursor}
              onNext={pages.next}
              onPrevious={pages.previous}
            />
          </>
        )}
      </div>
    </section>
  );
}
