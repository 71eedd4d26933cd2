import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../api/useQuery';
import { ResponseErrors, Value } from '../components/Field';
import { CitizenLink, OfficeLink, OperatorLink, OrganizationLink, paths, ZoneLink } from '../components/links';
import { Section } from '../components/Section';
import { QueryStatus } from '../components/Status';
import { graphql } from '../gql';
import { codeLabel, formatDate, formatDateTime, today } from '../lib/format';
import { formPaths } from './forms/paths';
import { ProviderDeliveries } from '../offline/ProviderDeliveries';
import '../i18n/areas/forms';

const HomeQuery = graphql(`
  query Home($today: Date!) {
    viewer {
      id
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
    cases(filter: { mine: true }, first: 10) {
      totalCount
      edges {
        node {
          id
          status
          openedAt
          userArea {
            code
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
    referrals(filter: { direction: INCOMING, status: [PROPOSED, SEEN] }, first: 10) {
      totalCount
      edges {
        node {
          id
          status
          reason
          proposedAt
          citizen {
            id
            firstName
            lastName
          }
          fromOffice {
            id
            name
          }
        }
      }
    }
    accesses(filter: { from: $today, to: $today }, first: 20) {
      totalCount
      edges {
        node {
          id
          occurredAt
          anonymous
          channel
          citizen {
            id
            firstName
            lastName
          }
          office {
            id
            name
          }
          operator {
            id
            displayName
          }
        }
      }
    }
  }
`);

export default function Home() {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useQuery(HomeQuery, { today: today() });
  const viewer = data?.viewer;

  return (
    <ResponseErrors errors={errors}>
      <h1 className="h2">{viewer ? t('home.welcome', { name: viewer.displayName }) : t('home.title')}</h1>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!data} onRetry={refetch} />
      {viewer && (
        <dl className="siso-fields siso-fields-inline mb-4">
          <div className="siso-field">
            <dt>{t('home.roles')}</dt>
            <dd>{viewer.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
          </div>
          <div className="siso-field">
            <dt>{t('home.organization')}</dt>
            <dd>
              <Value path={['viewer', 'organization']}>
                <OrganizationLink organization={viewer.organization} />
              </Value>
            </dd>
          </div>
          <div className="siso-field">
            <dt>{t('home.zones')}</dt>
            <dd>
              {viewer.zones.length === 0
                ? '—'
                : viewer.zones.map((z, i) => (
                    <span key={z.id}>
                      {i > 0 && ', '}
                      <ZoneLink zone={z} />
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
      )}
      <ProviderDeliveries />
      {data && (
        <div className="row">
          <div className="col-12 col-lg-6">
            <Section title={t('home.myCases')} id="casi" count={data.cases.totalCount}>
              {data.cases.edges.length === 0 ? (
                <p>{t('home.myCasesEmpty')}</p>
              ) : (
                <ul className="list-unstyled siso-list">
                  {data.cases.edges.map(({ node }, i) => (
                    <li key={node.id}>
                      <Link to={paths.case(node.id)}>
                        {codeLabel(node.userArea) ?? t('case.title')} – {formatDate(node.openedAt)}
                      </Link>{' '}
                      <span className="badge bg-secondary">{node.status ? t(`caseStatus.${node.status}`) : ''}</span>
                      <div className="small">
                        <Value path={['cases', 'edges', i, 'node', 'citizen']}>
                          <CitizenLink citizen={node.citizen} fallback={t('case.citizen')} />
                        </Value>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
          <div className="col-12 col-lg-6">
            <Section title={t('home.referrals')} id="invii" count={data.referrals.totalCount}>
              {data.referrals.edges.length === 0 ? (
                <p>{t('home.referralsEmpty')}</p>
              ) : (
                <ul className="list-unstyled siso-list">
                  {data.referrals.edges.map(({ node }, i) => (
                    <li key={node.id}>
                      <Value path={['referrals', 'edges', i, 'node', 'citizen']}>
                        <CitizenLink citizen={node.citizen} fallback={t('referral.citizen')} />
                      </Value>{' '}
                      <span className="badge bg-warning text-dark">
                        {node.status ? t(`referralStatus.${node.status}`) : ''}
                      </span>
                      <div className="small">
                        {t('referral.from')}: <OfficeLink office={node.fromOffice} /> ·{' '}
                        {formatDateTime(node.proposedAt)}
                      </div>
                      <div className="small">
                        <Value path={['referrals', 'edges', i, 'node', 'reason']}>{node.reason}</Value>
                      </div>
                      <Link to={formPaths.referral(node.id)} className="small">
                        {t('forms.actions.answer')}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
          <div className="col-12">
            <Section title={t('home.accessesToday')} id="accessi" count={data.accesses.totalCount}>
              {data.accesses.edges.length === 0 ? (
                <p>{t('home.accessesTodayEmpty')}</p>
              ) : (
                <div className="table-responsive">
                  <table className="table table-sm">
                    <thead>
                      <tr>
                        <th scope="col">{t('access.occurredAt')}</th>
                        <th scope="col">{t('access.citizen')}</th>
                        <th scope="col">{t('access.office')}</th>
                        <th scope="col">{t('access.operator')}</th>
                        <th scope="col">{t('access.channel')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.accesses.edges.map(({ node }, i) => (
                        <tr key={node.id}>
                          <td>{formatDateTime(node.occurredAt)}</td>
                          <td>
                            {node.anonymous ? (
                              t('access.anonymous')
                            ) : (
                              <Value path={['accesses', 'edges', i, 'node', 'citizen']}>
                                <CitizenLink citizen={node.citizen} fallback={t('access.citizen')} />
                              </Value>
                            )}
                          </td>
                          <td>
                            <OfficeLink office={node.office} />
                          </td>
                          <td>
                            <Value path={['accesses', 'edges', i, 'node', 'operator']}>
                              <OperatorLink operator={node.operator} />
                            </Value>
                          </td>
                          <td>{node.channel ? t(`channel.${node.channel}`) : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Section>
          </div>
        </div>
      )}
    </ResponseErrors>
  );
}
