import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { Field, ResponseErrors, Value } from '../components/Field';
import { CitizenLink, OfficeLink, OperatorLink, OrganizationLink, ZoneLink } from '../components/links';
import { Section } from '../components/Section';
import { NotFound, QueryStatus } from '../components/Status';
import { graphql } from '../gql';
import { codeLabel, formatDate, formatDateTime } from '../lib/format';
import { CaseActions, InterventionActions } from './casework/CaseLinks';
import '../i18n/areas/casework';

const CasePageDocument = graphql(`
  query CasePage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        openedAt
        closedAt
        closureReason
        summary
        citizen {
          id
          firstName
          lastName
          fiscalCode
        }
        zone {
          id
          code
          name
        }
        office {
          id
          name
        }
        userArea {
          code
          labelIt
          labelEn
        }
        responsible {
          id
          displayName
        }
        members(first: 50) {
          totalCount
          edges {
            node {
              id
              role
              validFrom
              validTo
              operator {
                id
                displayName
              }
            }
          }
        }
        statusHistory {
          fromStatus
          toStatus
          changedAt
          reason
          changedBy {
            id
            displayName
          }
        }
        assessments(first: 20) {
          totalCount
          edges {
            node {
              id
              kind
              assessedOn
              observations
              operator {
                id
                displayName
              }
            }
          }
        }
        plan {
          id
          beneficiary
          drawnUpOn
          reviewOn
          summary
          goals {
            description
            term
            indicator
            outcome
          }
        }
        interventions(first: 50) {
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
            }
          }
        }
        activities(first: 50) {
          totalCount
          edges {
            node {
              id
              occurredAt
              kind
              text
              hours
              confidential
              operator {
                id
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

export default function Case() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, errors, loading, failure, refetch } = useQuery(CasePageDocument, { id });
  const node = data?.node;
  const c = node && 'status' in node ? node : null;
  const base = ['node'] as const;

  if (data && !c && !loading && errors.length === 0) return <NotFound />;
  return (
    <ResponseErrors errors={errors}>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!c} onRetry={refetch} />
      {c && (
        <>
          <h1 className="h2">
            {t('case.title')}: {codeLabel(c.userArea) ?? ''}{' '}
            {c.status && <span className="badge bg-primary fs-6 align-middle">{t(`caseStatus.${c.status}`)}</span>}
          </h1>
          <Section title={t('case.title')} id="sintesi">
            <CaseActions c={c} area="summary" />
            <dl className="siso-fields">
              <Field label={t('case.citizen')} path={[...base, 'citizen']}>
                <CitizenLink citizen={c.citizen} fallback={t('case.citizen')} />
              </Field>
              <Field label={t('case.responsible')} path={[...base, 'responsible']}>
                <OperatorLink operator={c.responsible} />
              </Field>
              <Field label={t('case.office')} path={[...base, 'office']}>
                <OfficeLink office={c.office} />
              </Field>
              <Field label={t('case.zone')} path={[...base, 'zone']}>
                <ZoneLink zone={c.zone} />
              </Field>
              <Field label={t('case.openedAt')} path={[...base, 'openedAt']}>
                {formatDateTime(c.openedAt)}
              </Field>
              {c.closedAt && (
                <Field label={t('case.closedAt')} path={[...base, 'closedAt']}>
                  {formatDateTime(c.closedAt)}
                </Field>
              )}
              <Field label={t('case.summary')} path={[...base, 'summary']}>
                {c.summary}
              </Field>
            </dl>
          </Section>

          <div className="row">
            <div className="col-12 col-lg-6">
              <Section title={t('case.team')} id="equipe" count={c.members?.totalCount}>
                <CaseActions c={c} area="team" />
                <Value path={[...base, 'members']}>
                  {c.members && (
                    <ul className="siso-list list-unstyled">
                      {c.members.edges.map(({ node: m }) => (
                        <li key={m.id}>
                          <OperatorLink operator={m.operator} />
                          {m.role && <span className="text-muted"> · {t(`memberRole.${m.role}`)}</span>}
                          <span className="small text-muted">
                            {' '}
                            · {t('case.validFrom')} {formatDate(m.validFrom)}
                            {m.validTo && ` ${t('case.validTo')} ${formatDate(m.validTo) ?? ''}`}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </Value>
              </Section>
            </div>
            <div className="col-12 col-lg-6">
              <Section title={t('case.statusHistory')} id="stati">
                <Value path={[...base, 'statusHistory']}>
                  {c.statusHistory && (
                    <ol className="siso-list list-unstyled">
                      {c.statusHistory.map((s, i) => (
                        <li key={i}>
                          <span className="small text-muted">{formatDateTime(s.changedAt)}</span>{' '}
                          {s.fromStatus ? t(`caseStatus.${s.fromStatus}`) : '∅'} →{' '}
                          {s.toStatus ? t(`caseStatus.${s.toStatus}`) : ''}
                          <div className="small">
                            <OperatorLink operator={s.changedBy} />
                            {s.reason && ` · ${s.reason}`}
                          </div>
                        </li>
                      ))}
                    </ol>
                  )}
                </Value>
              </Section>
            </div>
          </div>

          <Section title={t('case.assessments')} id="valutazioni" count={c.assessments?.totalCount}>
            <CaseActions c={c} area="assessments" />
            <Value path={[...base, 'assessments']}>
              {c.assessments &&
                (c.assessments.edges.length === 0 ? (
                  <p>{t('app.none')}</p>
                ) : (
                  <ul className="siso-list list-unstyled">
                    {c.assessments.edges.map(({ node: a }, i) => (
                      <li key={a.id}>
                        <span className="fw-semibold">{a.kind ? t(`assessmentKind.${a.kind}`) : ''}</span> ·{' '}
                        {formatDate(a.assessedOn)} · <OperatorLink operator={a.operator} />
                        <div>
                          <Value path={[...base, 'assessments', 'edges', i, 'node', 'observations']}>
                            {a.observations}
                          </Value>
                        </div>
                      </li>
                    ))}
                  </ul>
                ))}
            </Value>
          </Section>

          <Section title={t('case.plan')} id="progetto">
            <CaseActions c={c} area="plan" />
            <Value path={[...base, 'plan']}>
              {c.plan ? (
                <>
                  <dl className="siso-fields siso-fields-inline">
                    <Field label={t('case.planBeneficiary')} path={[...base, 'plan', 'beneficiary']}>
                      {c.plan.beneficiary ? t(`planBeneficiary.${c.plan.beneficiary}`) : null}
                    </Field>
                    <Field label={t('case.planDrawnUpOn')} path={[...base, 'plan', 'drawnUpOn']}>
                      {formatDate(c.plan.drawnUpOn)}
                    </Field>
                    <Field label={t('case.planReviewOn')} path={[...base, 'plan', 'reviewOn']}>
                      {formatDate(c.plan.reviewOn)}
                    </Field>
                  </dl>
                  <p>
                    <Value path={[...base, 'plan', 'summary']}>{c.plan.summary}</Value>
                  </p>
                  <h3 className="h6">{t('case.goals')}</h3>
                  <Value path={[...base, 'plan', 'goals']}>
                    {c.plan.goals && (
                      <ul>
                        {c.plan.goals.map((g, i) => (
                          <li key={i}>
                            {g.description}
                            <span className="small text-muted">
                              {g.term && ` · ${t('case.goalTerm')}: ${t(`goalTerm.${g.term}`)}`}
                              {g.outcome && ` · ${t('case.goalOutcome')}: ${t(`goalOutcome.${g.outcome}`)}`}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Value>
                </>
              ) : (
                <p>{t('case.noPlan')}</p>
              )}
            </Value>
          </Section>

          <Section title={t('case.interventions')} id="interventi" count={c.interventions?.totalCount}>
            <CaseActions c={c} area="interventions" />
            <Value path={[...base, 'interventions']}>
              {c.interventions && (
                <div className="table-responsive">
                  <table className="table table-sm">
                    <thead>
                      <tr>
                        <th scope="col">{t('intervention.type')}</th>
                        <th scope="col">{t('intervention.provider')}</th>
                        <th scope="col">{t('intervention.status')}</th>
                        <th scope="col">{t('intervention.startDate')}</th>
                        <th scope="col">{t('intervention.endDate')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('casework.links.interventionDetails')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.interventions.edges.map(({ node: iv }) => (
                        <tr key={iv.id}>
                          <td>{codeLabel(iv.type)}</td>
                          <td>
                            <OrganizationLink organization={iv.provider} />
                          </td>
                          <td>{iv.status ? t(`interventionStatus.${iv.status}`) : ''}</td>
                          <td>{formatDate(iv.startDate)}</td>
                          <td>{formatDate(iv.endDate)}</td>
                          <td>
                            <InterventionActions c={c} intervention={iv} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Value>
          </Section>

          <Section title={t('case.diary')} id="diario" count={c.activities?.totalCount}>
            <CaseActions c={c} area="diary" />
            <Value path={[...base, 'activities']}>
              {c.activities && (
                <ol className="siso-timeline list-unstyled">
                  {c.activities.edges.map(({ node: a }, i) => (
                    <li key={a.id}>
                      <div className="small text-muted">
                        {formatDateTime(a.occurredAt)} · {a.kind ? t(`activityKind.${a.kind}`) : ''} ·{' '}
                        <OperatorLink operator={a.operator} />
                        {a.hours !== null && ` · ${t('case.hours')}: ${a.hours}`}
                        {a.confidential && (
                          <span className="badge bg-warning text-dark ms-2">{t('case.confidential')}</span>
                        )}
                      </div>
                      <Value path={[...base, 'activities', 'edges', i, 'node', 'text']}>{a.text}</Value>
                    </li>
                  ))}
                </ol>
              )}
            </Value>
          </Section>
          <p>
            <Link to="/">{t('app.backHome')}</Link>
          </p>
        </>
      )}
    </ResponseErrors>
  );
}
