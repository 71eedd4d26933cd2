import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { EmergencyBanner } from '../components/EmergencyBanner';
import { Field, ResponseErrors, Value } from '../components/Field';
import { CitizenLink, OfficeLink, OperatorLink, OrganizationLink, paths, ZoneLink } from '../components/links';
import { Section } from '../components/Section';
import { QueryStatus } from '../components/Status';
import { graphql } from '../gql';
import type { CitizenPageQuery } from '../gql/graphql';
import { codeLabel, formatDate, formatDateTime } from '../lib/format';
import { CitizenActions } from './forms/CitizenActions';

const CitizenPageDocument = graphql(`
  query CitizenPage($id: ID!) {
    citizen(id: $id) {
      id
      emergencyAccess {
        id
        startedAt
        expiresAt
        reason
      }
      fiscalCode
      temporaryId
      firstName
      lastName
      birthDate
      sex
      birthPlace {
        code
        foreign
        municipality {
          id
          name
        }
      }
      citizenship
      residence {
        address
        postcode
        municipality {
          id
          name
          zone {
            id
            code
            name
          }
        }
      }
      domicile {
        address
        postcode
        municipality {
          id
          name
        }
      }
      phone
      email
      homeless
      language
      protectedAddress
      household {
        size
        hiddenMembers
        members {
          id
          firstName
          lastName
          birthDate
        }
      }
      relations(first: 50) {
        totalCount
        edges {
          node {
            id
            kind
            cohabiting
            validFrom
            validTo
            relatedCitizen {
              id
              firstName
              lastName
            }
          }
        }
      }
      accesses(first: 20) {
        totalCount
        edges {
          node {
            id
            occurredAt
            channel
            office {
              id
              name
            }
            zone {
              id
              code
              name
            }
            operator {
              id
              displayName
            }
            outcome {
              code
              labelIt
              labelEn
            }
          }
        }
      }
      cases(first: 20) {
        totalCount
        edges {
          node {
            id
            status
            openedAt
            closedAt
            userArea {
              code
              labelIt
              labelEn
            }
            responsible {
              id
              displayName
            }
            office {
              id
              name
            }
          }
        }
      }
      interventions(first: 20) {
        totalCount
        edges {
          node {
            id
            status
            startDate
            endDate
            type {
              code
              labelIt
              labelEn
            }
            provider {
              id
              name
            }
            case {
              id
            }
          }
        }
      }
      referrals(first: 20) {
        totalCount
        edges {
          node {
            id
            status
            reason
            proposedAt
            fromOffice {
              id
              name
            }
            toOffice {
              id
              name
            }
            toOrganization {
              id
              name
            }
            case {
              id
            }
          }
        }
      }
    }
  }
`);

type CitizenData = NonNullable<CitizenPageQuery['citizen']>;

interface TimelineEntry {
  key: string;
  at: string;
  kind: 'accesses' | 'cases' | 'interventions' | 'referrals';
  content: ReactNode;
}

function address(
  a: { address: string | null; postcode: string | null; municipality: { name: string } | null } | null,
): string | null {
  if (!a) return null;
  return [a.address, [a.postcode, a.municipality?.name].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
}

function useTimeline(c: CitizenData): TimelineEntry[] {
  const { t } = useTranslation();
  const entries: TimelineEntry[] = [];
  c.accesses?.edges.forEach(({ node }, i) =>
    entries.push({
      key: node.id,
      at: node.occurredAt ?? '',
      kind: 'accesses',
      content: (
        <>
          <OfficeLink office={node.office} />
          {node.zone && (
            <>
              {' · '}
              <ZoneLink zone={node.zone} />
            </>
          )}
          {' · '}
          {node.channel ? t(`channel.${node.channel}`) : null}
          {' · '}
          <Value path={['citizen', 'accesses', 'edges', i, 'node', 'operator']}>
            <OperatorLink operator={node.operator} />
          </Value>
          {' · '}
          {t('access.outcome')}:{' '}
          <Value path={['citizen', 'accesses', 'edges', i, 'node', 'outcome']}>{codeLabel(node.outcome)}</Value>
        </>
      ),
    }),
  );
  c.cases?.edges.forEach(({ node }, i) =>
    entries.push({
      key: node.id,
      at: node.openedAt ?? '',
      kind: 'cases',
      content: (
        <>
          <Link to={paths.case(node.id)}>{codeLabel(node.userArea) ?? t('case.title')}</Link>{' '}
          <span className="badge bg-secondary">{node.status ? t(`caseStatus.${node.status}`) : ''}</span>
          {' · '}
          {t('case.responsible')}:{' '}
          <Value path={['citizen', 'cases', 'edges', i, 'node', 'responsible']}>
            <OperatorLink operator={node.responsible} />
          </Value>
          {' · '}
          <OfficeLink office={node.office} />
        </>
      ),
    }),
  );
  c.interventions?.edges.forEach(({ node }) =>
    entries.push({
      key: node.id,
      at: node.startDate ?? '',
      kind: 'interventions',
      content: (
        <>
          {codeLabel(node.type)}{' '}
          <span className="badge bg-secondary">{node.status ? t(`interventionStatus.${node.status}`) : ''}</span>
          {' · '}
          {t('intervention.provider')}: <OrganizationLink organization={node.provider} />
          {node.endDate && ` · ${t('intervention.endDate')}: ${formatDate(node.endDate) ?? ''}`}
          {node.case && (
            <>
              {' · '}
              <Link to={paths.case(node.case.id)}>{t('intervention.case')}</Link>
            </>
          )}
        </>
      ),
    }),
  );
  c.referrals?.edges.forEach(({ node }, i) =>
    entries.push({
      key: node.id,
      at: node.proposedAt ?? '',
      kind: 'referrals',
      content: (
        <>
          {t('referral.from')} <OfficeLink office={node.fromOffice} /> {t('referral.to')}{' '}
          {node.toOffice ? (
            <OfficeLink office={node.toOffice} />
          ) : (
            <OrganizationLink organization={node.toOrganization} />
          )}{' '}
          <span className="badge bg-secondary">{node.status ? t(`referralStatus.${node.status}`) : ''}</span>
          <div className="small">
            <Value path={['citizen', 'referrals', 'edges', i, 'node', 'reason']}>{node.reason}</Value>
          </div>
        </>
      ),
    }),
  );
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

function Timeline({ citizen }: { citizen: CitizenData }) {
  const { t } = useTranslation();
  const entries = useTimeline(citizen);
  const kinds = ['accesses', 'cases', 'interventions', 'referrals'] as const;
  return (
    <Section title={t('citizen.timeline')} id="storia">
      <ul className="list-inline mb-3">
        {kinds.map((k) => (
          <li key={k} className="list-inline-item me-3">
            {t(`citizen.${k}`)}: <Value path={['citizen', k]}>{citizen[k]?.totalCount ?? null}</Value>
          </li>
        ))}
      </ul>
      {entries.length === 0 ? (
        <p>{t('app.none')}</p>
      ) : (
        <ol className="siso-timeline list-unstyled">
          {entries.map((e) => (
            <li key={e.key} className={`siso-timeline-${e.kind}`}>
              <div className="small text-muted">
                <span className="fw-semibold">{t(`citizen.${e.kind}`)}</span> ·{' '}
                {e.kind === 'interventions' ? formatDate(e.at) : formatDateTime(e.at)}
              </div>
              <div>{e.content}</div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export default function Citizen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, errors, loading, failure, refetch } = useQuery(CitizenPageDocument, { id });
  const c = data?.citizen;
  const name = c ? [c.firstName, c.lastName].filter(Boolean).join(' ') : '';

  return (
    <ResponseErrors errors={errors}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!c} onRetry={refetch} />
      {c && (
        <>
          <h1 className="h2">
            {name || t('citizen.title')}{' '}
            {c.fiscalCode && <small className="text-muted font-monospace fs-6">{c.fiscalCode}</small>}
          </h1>
          <EmergencyBanner emergency={c.emergencyAccess} />
          <CitizenActions citizenId={c.id} />
          <div className="row">
            <div className="col-12 col-lg-6">
              <Section title={t('citizen.identity')} id="anagrafica">
                <dl className="siso-fields">
                  <Field label={t('citizen.fiscalCode')} path={['citizen', 'fiscalCode']}>
                    {c.fiscalCode ?? c.temporaryId}
                  </Field>
                  <Field label={t('citizen.lastName')} path={['citizen', 'lastName']}>
                    {c.lastName}
                  </Field>
                  <Field label={t('citizen.firstName')} path={['citizen', 'firstName']}>
                    {c.firstName}
                  </Field>
                  <Field label={t('citizen.birthDate')} path={['citizen', 'birthDate']}>
                    {formatDate(c.birthDate)}
                  </Field>
                  <Field label={t('citizen.sex')} path={['citizen', 'sex']}>
                    {c.sex ? t(`sex.${c.sex}`) : null}
                  </Field>
                  <Field label={t('citizen.birthPlace')} path={['citizen', 'birthPlace']}>
                    {c.birthPlace &&
                      (c.birthPlace.municipality?.name ??
                        (c.birthPlace.foreign
                          ? t('citizen.foreignBirthPlace', { code: c.birthPlace.code ?? '' })
                          : c.birthPlace.code))}
                  </Field>
                  <Field label={t('citizen.citizenship')} path={['citizen', 'citizenship']}>
                    {c.citizenship}
                  </Field>
                  <Field label={t('citizen.language')} path={['citizen', 'language']}>
                    {c.language}
                  </Field>
                </dl>
              </Section>
            </div>
            <div className="col-12 col-lg-6">
              <Section title={t('citizen.contacts')} id="recapiti">
                <dl className="siso-fields">
                  <Field label={t('citizen.residence')} path={['citizen', 'residence']}>
                    {address(c.residence)}
                    {c.residence?.municipality?.zone && (
                      <div className="small">
                        <ZoneLink zone={c.residence.municipality.zone} />
                      </div>
                    )}
                  </Field>
                  <Field label={t('citizen.domicile')} path={['citizen', 'domicile']}>
                    {address(c.domicile)}
                  </Field>
                  <Field label={t('citizen.phone')} path={['citizen', 'phone']}>
                    {c.phone && <a href={`tel:${c.phone.replace(/\s+/g, '')}`}>{c.phone}</a>}
                  </Field>
                  <Field label={t('citizen.email')} path={['citizen', 'email']}>
                    {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
                  </Field>
                  <Field label={t('citizen.homeless')} path={['citizen', 'homeless']}>
                    {c.homeless === null ? null : c.homeless ? t('yes') : t('no')}
                  </Field>
                  <Field label={t('citizen.protectedAddress')} path={['citizen', 'protectedAddress']}>
                    {c.protectedAddress === null ? null : c.protectedAddress ? t('yes') : t('no')}
                  </Field>
                </dl>
              </Section>
            </div>
            <div className="col-12 col-lg-6">
              <Section title={t('citizen.household')} id="nucleo" count={c.household?.size}>
                <Value path={['citizen', 'household']}>
                  {c.household && (
                    <>
                      <ul className="siso-list list-unstyled">
                        {(c.household.members ?? []).map((m) => (
                          <li key={m.id}>
                            {m.id === c.id ? (
                              <span>
                                {[m.lastName, m.firstName].filter(Boolean).join(' ')} ({t('citizen.thisPerson')})
                              </span>
                            ) : (
                              <CitizenLink citizen={m} fallback={t('citizen.title')} />
                            )}
                            {m.birthDate && <span className="text-muted small"> · {formatDate(m.birthDate)}</span>}
                          </li>
                        ))}
                      </ul>
                      {(c.household.hiddenMembers ?? 0) > 0 && (
                        <p className="small text-muted">
                          {t('privacy.hiddenMembers', { count: c.household.hiddenMembers ?? 0 })}
                        </p>
                      )}
                    </>
                  )}
                </Value>
              </Section>
            </div>
            <div className="col-12 col-lg-6">
              <Section title={t('citizen.relations')} id="relazioni" count={c.relations?.totalCount}>
                <Value path={['citizen', 'relations']}>
                  {c.relations &&
                    (c.relations.edges.length === 0 ? (
                      <p>{t('app.none')}</p>
                    ) : (
                      <ul className="siso-list list-unstyled">
                        {c.relations.edges.map(({ node }, i) => (
                          <li key={node.id}>
                            <span className="fw-semibold">{node.kind ? t(`relationKind.${node.kind}`) : ''}</span>:{' '}
                            <Value path={['citizen', 'relations', 'edges', i, 'node', 'relatedCitizen']}>
                              <CitizenLink citizen={node.relatedCitizen} fallback={t('citizen.title')} />
                            </Value>
                            {node.cohabiting && <span className="text-muted small"> · {t('citizen.cohabiting')}</span>}
                          </li>
                        ))}
                      </ul>
                    ))}
                </Value>
              </Section>
            </div>
          </div>
          <Timeline citizen={c} />
        </>
      )}
    </ResponseErrors>
  );
}
