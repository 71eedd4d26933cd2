import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { EmergencyLink } from '../components/EmergencyLink';
import { ResponseErrors, Value } from '../components/Field';
import { fiscalCodeProblem, useFiscalCodeMessage } from '../components/FiscalCodeFeedback';
import { paths } from '../components/links';
import { QueryStatus } from '../components/Status';
import { graphql } from '../gql';
import { formatDate } from '../lib/format';
import { useDebouncedValue } from '../lib/useDebouncedValue';
import { NewCitizenLink } from './forms/CitizenActions';

export const SEARCH_DEBOUNCE_MS = 300;

const CitizenSearchQuery = graphql(`
  query CitizenSearch($search: String!) {
    citizens(filter: { search: $search }, first: 20) {
      totalCount
      edges {
        node {
          id
          fiscalCode
          temporaryId
          firstName
          lastName
          birthDate
          residence {
            municipality {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export default function CitizenSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [term, setTerm] = useState(params.get('q') ?? '');
  const debounced = useDebouncedValue(term.trim(), SEARCH_DEBOUNCE_MS);
  const problem = fiscalCodeProblem(term);
  const problemMessage = useFiscalCodeMessage(problem);
  const skip = debounced.length < 2 || fiscalCodeProblem(debounced) !== null;
  const { data, errors, loading, failure, refetch } = useQuery(CitizenSearchQuery, { search: debounced }, { skip });

  function onChange(value: string) {
    setTerm(value);
    // Keep the term in the URL so that the search can be shared and survives a reload.
    setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  }

  const connection = data?.citizens;
  return (
    <section>
      <h1 className="h2">{t('search.title')}</h1>
      <NewCitizenLink term={term} />
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="form-group mb-2">
          <label htmlFor="citizen-search" className="active">
            {t('search.label')}
          </label>
          <input
            id="citizen-search"
            type="search"
            className={`form-control${problem ? ' is-invalid' : ''}`}
            autoComplete="off"
            spellCheck={false}
            value={term}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'citizen-search-error' : 'citizen-search-hint'}
          />
          {problemMessage ? (
            <div id="citizen-search-error" className="invalid-feedback d-block" role="alert">
              {problemMessage}
            </div>
          ) : (
            <small id="citizen-search-hint" className="form-text">
              {t('search.hint')}
            </small>
          )}
        </div>
      </form>

      <div aria-live="polite" aria-busy={loading}>
        {!skip && (
          <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!data} onRetry={refetch} />
        )}
        {!skip && connection && (
          <ResponseErrors errors={errors}>
            <p className="mt-3">
              {connection.totalCount === 0
                ? t('search.noResults')
                : t('search.results', { count: connection.totalCount })}
            </p>
            {connection.totalCount === 0 && <EmergencyLink term={debounced} />}
            <ul className="list-group siso-results">
              {connection.edges.map(({ node }, i) => {
                const base = ['citizens', 'edges', i, 'node'] as const;
                const name = [node.lastName, node.firstName].filter(Boolean).join(' ');
                return (
                  <li key={node.id} className="list-group-item">
                    <Link to={paths.citizen(node.id)} className="fw-semibold">
                      {name || t('citizen.title')}
                    </Link>
                    <div className="small text-muted d-flex flex-wrap gap-3">
                      <span>
                        {t('citizen.fiscalCode')}:{' '}
                        <Value path={[...base, 'fiscalCode']}>
                          {node.fiscalCode ? (
                            <span className="font-monospace">{node.fiscalCode}</span>
                          ) : (
                            node.temporaryId
                          )}
                        </Value>
                      </span>
                      <span>
                        {t('citizen.birthDate')}:{' '}
                        <Value path={[...base, 'birthDate']}>{formatDate(node.birthDate)}</Value>
                      </span>
                      <span>
                        {t('citizen.residence')}:{' '}
                        <Value path={[...base, 'residence']}>{node.residence?.municipality?.name}</Value>
                      </span>
                    </div>
                  </li>
                );
              })}
            </ul>
          </ResponseErrors>
        )}
      </div>
    </section>
  );
}
