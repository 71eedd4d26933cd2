import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useViewer } from '../api/viewer';
import { ResponseErrors, Value } from '../components/Field';
import { paths } from '../components/links';
import { Section } from '../components/Section';
import { QueryStatus } from '../components/Status';
import { graphql } from '../gql';
import { codeLabel, formatDate } from '../lib/format';

const ProviderDeliveriesDocument = graphql(`
  query ProviderDeliveries($providerId: ID) {
    interventions(filter: { providerId: $providerId, status: [AUTHORIZED, ACTIVE] }, first: 50) {
      totalCount
      edges {
        node {
          id
          status
          startDate
          endDate
          hoursPerMonth
          type {
            labelIt
            labelEn
          }
          citizen {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

/**
 * The provider's work on the home page (a phone, at the citizen's door): the interventions its
 * organization delivers now, each one tap away from recording the hours.
 */
export function ProviderDeliveries() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const isProvider = Boolean(viewer?.roles.includes('PROVIDER'));
  const { data, errors, loading, failure, refetch } = useQuery(
    ProviderDeliveriesDocument,
    { providerId: viewer?.organization?.id ?? null },
    { skip: !isProvider },
  );
  if (!isProvider) return null;
  const conn = data?.interventions;
  return (
    <Section title={t('offline.deliveries')} id="prestazioni" count={conn?.totalCount}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={Boolean(conn)} onRetry={refetch} />
      {conn && conn.edges.length === 0 && <p>{t('offline.deliveriesEmpty')}</p>}
      {conn && conn.edges.length > 0 && (
        <ResponseErrors errors={errors}>
          <ul className="list-unstyled mb-0">
            {conn.edges.map(({ node }, i) => (
              <li key={node.id} className="border-bottom py-2 d-flex flex-wrap justify-content-between gap-2">
                <div>
                  <div className="fw-semibold">
                    <Value path={['interventions', 'edges', i, 'node', 'citizen']}>
                      {node.citizen && (
                        <Link to={paths.citizen(node.citizen.id)}>
                          {[node.citizen.lastName, node.citizen.firstName].filter(Boolean).join(' ')}
                        </Link>
                      )}
                    </Value>
                  </div>
                  <div className="small">
                    {codeLabel(node.type)} · {formatDate(node.startDate)}–{formatDate(node.endDate) ?? '…'}
                  </div>
                </div>
                <Link
                  className="btn btn-primary btn-sm align-self-center"
                  to={`/interventi/${encodeURIComponent(node.id)}/attivita/nuova`}
                >
                  {t('offline.recordDelivery')}
                </Link>
              </li>
            ))}
          </ul>
        </ResponseErrors>
      )}
    </Section>
  );
}
