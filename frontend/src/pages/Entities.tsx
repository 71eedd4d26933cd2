// The reference pages one click away from every citizen and case: operator, office, organization, zone.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { Field, ResponseErrors, Value } from '../components/Field';
import { OfficeLink, OrganizationLink, paths, ZoneLink } from '../components/links';
import { Section } from '../components/Section';
import { NotFound, QueryStatus } from '../components/Status';
import { graphql } from '../gql';
import { codeLabel, formatDate, formatDateTime } from '../lib/format';

const OperatorPageDocument = graphql(`
  query OperatorPage($id: ID!) {
    node(id: $id) {
      ... on Operator {
        id
        username
        displayName
        active
        profession {
          code
          labelIt
          labelEn
        }
        organization {
          id
          name
        }
        offices {
          id
          name
        }
        roles {
          role
          zone {
            id
            code
            name
          }
        }
        cases(first: 20) {
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
            }
          }
        }
      }
    }
  }
`);

const OfficePageDocument = graphql(`
  query OfficePage($id: ID!) {
    node(id: $id) {
      ... on Office {
        id
        kind
        name
        address
        phone
        email
        organization {
          id
          name
        }
        zone {
          id
          code
          name
        }
        municipality {
          id
          name
        }
      }
    }
  }
`);

const OrganizationPageDocument = graphql(`
  query OrganizationPage($id: ID!) {
    node(id: $id) {
      ... on Organization {
        id
        kind
        name
        taxCode
        accreditedFrom
        accreditedTo
        accreditedFor {
          code
          labelIt
          labelEn
        }
        municipality {
          id
          name
        }
        zone {
          id
          code
          name
        }
        offices {
          id
          name
        }
      }
    }
  }
`);

const ZonePageDocument = graphql(`
  query ZonePage($code: String!) {
    zone(code: $code) {
      id
      code
      name
      population2011
      leadMunicipality {
        id
        name
      }
      municipalities {
        id
        name
      }
      offices {
        id
        name
        kind
      }
    }
  }
`);

function useNodePage<T>(doc: Parameters<typeof useQuery<T, { id: string }>>[0]) {
  const { id = '' } = useParams();
  return useQuery(doc, { id });
}

export function OperatorPage() {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useNodePage(OperatorPageDocument);
  const o = data?.node && 'username' in data.node ? data.node : null;
  if (data && !o && errors.length === 0) return <NotFound />;
  return (
    <ResponseErrors errors={errors}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!o} onRetry={refetch} />
      {o && (
        <>
          <h1 className="h2">{o.displayName}</h1>
          <Section title={t('operator.title')}>
            <dl className="siso-fields">
              <Field label={t('operator.username')} path={['node', 'username']}>
                {o.username}
              </Field>
              <Field label={t('operator.profession')} path={['node', 'profession']}>
                {codeLabel(o.profession)}
              </Field>
              <Field label={t('operator.organization')} path={['node', 'organization']}>
                <OrganizationLink organization={o.organization} />
              </Field>
              <Field label={t('operator.offices')} path={['node', 'offices']}>
                {o.offices.map((f, i) => (
                  <span key={f.id}>
                    {i > 0 && ', '}
                    <OfficeLink office={f} />
                  </span>
                ))}
              </Field>
              <Field label={t('operator.roles')} path={['node', 'roles']}>
                {o.roles.map((r, i) => (
                  <span key={i}>
                    {i > 0 && ', '}
                    {t(`role.${r.role}`)}
                    {r.zone && (
                      <>
                        {' '}
                        (<ZoneLink zone={r.zone} />)
                      </>
                    )}
                  </span>
                ))}
              </Field>
              <Field label={t('operator.active')} path={['node', 'active']}>
                {o.active === null ? null : o.active ? t('yes') : t('no')}
              </Field>
            </dl>
          </Section>
          <Section title={t('operator.cases')} count={o.cases?.totalCount}>
            <Value path={['node', 'cases']}>
              {o.cases && (
                <ul className="siso-list list-unstyled">
                  {o.cases.edges.map(({ node }) => (
                    <li key={node.id}>
                      <Link to={paths.case(node.id)}>
                        {codeLabel(node.userArea) ?? t('case.title')} – {formatDateTime(node.openedAt)}
                      </Link>{' '}
                      {node.status && <span className="badge bg-secondary">{t(`caseStatus.${node.status}`)}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </Value>
          </Section>
        </>
      )}
    </ResponseErrors>
  );
}

export function OfficePage() {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useNodePage(OfficePageDocument);
  const o = data?.node && 'municipality' in data.node && 'organization' in data.node ? data.node : null;
  if (data && !o && errors.length === 0) return <NotFound />;
  return (
    <ResponseErrors errors={errors}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!o} onRetry={refetch} />
      {o && (
        <>
          <h1 className="h2">{o.name}</h1>
          <Section title={t('office.title')}>
            <dl className="siso-fields">
              <Field label={t('office.kind')} path={['node', 'kind']}>
                {t(`officeKind.${o.kind}`)}
              </Field>
              <Field label={t('office.organization')} path={['node', 'organization']}>
                <OrganizationLink organization={o.organization} />
              </Field>
              <Field label={t('office.zone')} path={['node', 'zone']}>
                <ZoneLink zone={o.zone} />
              </Field>
              <Field label={t('office.municipality')} path={['node', 'municipality']}>
                {o.municipality.name}
              </Field>
              <Field label={t('office.address')} path={['node', 'address']}>
                {o.address}
              </Field>
              <Field label={t('office.phone')} path={['node', 'phone']}>
                {o.phone}
              </Field>
              <Field label={t('office.email')} path={['node', 'email']}>
                {o.email}
              </Field>
            </dl>
          </Section>
        </>
      )}
    </ResponseErrors>
  );
}

export function OrganizationPage() {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useNodePage(OrganizationPageDocument);
  const o = data?.node && 'accreditedFor' in data.node ? data.node : null;
  if (data && !o && errors.length === 0) return <NotFound />;
  return (
    <ResponseErrors errors={errors}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!o} onRetry={refetch} />
      {o && (
        <>
          <h1 className="h2">{o.name}</h1>
          <Section title={t('organization.title')}>
            <dl className="siso-fields">
              <Field label={t('organization.kind')} path={['node', 'kind']}>
                {t(`organizationKind.${o.kind}`)}
              </Field>
              <Field label={t('organization.taxCode')} path={['node', 'taxCode']}>
                {o.taxCode}
              </Field>
              <Field label={t('organization.municipality')} path={['node', 'municipality']}>
                {o.municipality?.name}
              </Field>
              <Field label={t('organization.zone')} path={['node', 'zone']}>
                <ZoneLink zone={o.zone} />
              </Field>
              <Field label={t('organization.accredited')} path={['node', 'accreditedFrom']}>
                {o.accreditedFrom && `${formatDate(o.accreditedFrom) ?? ''} – ${formatDate(o.accreditedTo) ?? ''}`}
              </Field>
              <Field label={t('organization.accreditedFor')} path={['node', 'accreditedFor']}>
                {o.accreditedFor.map((x) => codeLabel(x)).join(', ')}
              </Field>
            </dl>
          </Section>
          <Section title={t('organization.offices')} count={o.offices.length}>
            <ul className="siso-list list-unstyled">
              {o.offices.map((f) => (
                <li key={f.id}>
                  <OfficeLink office={f} />
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </ResponseErrors>
  );
}

export function ZonePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const { data, errors, loading, failure, refetch } = useQuery(ZonePageDocument, { code });
  const z = data?.zone;
  if (data && !z && errors.length === 0) return <NotFound />;
  return (
    <ResponseErrors errors={errors}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!z} onRetry={refetch} />
      {z && (
        <>
          <h1 className="h2">
            {t('zone.title', { code: z.code })} – {z.name}
          </h1>
          <Section title={t('zone.title', { code: z.code })}>
            <dl className="siso-fields">
              <Field label={t('zone.lead')} path={['zone', 'leadMunicipality']}>
                {z.leadMunicipality.name}
              </Field>
              <Field label={t('zone.population')} path={['zone', 'population2011']}>
                {z.population2011.toLocaleString()}
              </Field>
              <Field label={t('zone.municipalities')} path={['zone', 'municipalities']}>
                {z.municipalities.map((m) => m.name).join(', ')}
              </Field>
            </dl>
          </Section>
          <Section title={t('zone.offices')} count={z.offices.length}>
            <ul className="siso-list list-unstyled">
              {z.offices.map((f) => (
                <li key={f.id}>
                  <OfficeLink office={f} /> <span className="small text-muted">· {t(`officeKind.${f.kind}`)}</span>
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </ResponseErrors>
  );
}
