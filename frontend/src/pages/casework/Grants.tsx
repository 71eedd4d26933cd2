import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { ResponseErrors, Value } from '../../components/Field';
import { OfficeLink, OperatorLink, OrganizationLink } from '../../components/links';
import { Section } from '../../components/Section';
import { QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { formatDate, formatDateTime, today } from '../../lib/format';
import {
  casePermissions,
  CaseworkPage,
  focusFirst,
  FormErrors,
  mergeErrors,
  NotAllowed,
  nodeWith,
  useRoles,
  NodeStatus,
  citizenName,
} from './common';
import { CaseworkActions } from './form';
import { RadioGroup, Select, TextArea, TextInput } from '../../components/form';
import '../../i18n/areas/casework';

const CaseGrantsPageDocument = graphql(`
  query CaseGrantsPage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        zone {
          id
          code
          name
        }
        citizen {
          id
          firstName
          lastName
        }
        members(first: 100) {
          edges {
            node {
              id
              role
              validFrom
              validTo
              operator {
                id
              }
            }
          }
        }
        grants {
          id
          validFrom
          validTo
          reason
          revokedAt
          granteeOffice {
            id
            name
          }
          granteeOrganization {
            id
            name
          }
          grantedBy {
            id
            displayName
          }
        }
      }
    }
  }
`);

const GranteesDocument = graphql(`
  query Grantees {
    offices(first: 100) {
      edges {
        node {
          id
          name
          zone {
            id
            code
            name
          }
        }
      }
    }
    organizations(first: 100) {
      edges {
        node {
          id
          name
          kind
          zone {
            id
            code
            name
          }
        }
      }
    }
  }
`);

export const GrantCaseAccessDocument = graphql(`
  mutation GrantCaseAccess($input: GrantCaseAccessInput!) {
    grantCaseAccess(input: $input) {
      grant {
        id
        validTo
      }
    }
  }
`);

export const RevokeCaseAccessDocument = graphql(`
  mutation RevokeCaseAccess($input: RevokeCaseAccessInput!) {
    revokeCaseAccess(input: $input) {
      grant {
        id
        revokedAt
      }
    }
  }
`);

const DAY = 24 * 3600 * 1000;
const MIN_REASON = 10;
const MAX_REASON = 2000;

/** The end of a chosen day in the browser's time zone, as a DateTime. */
export function endOfDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

export default function Grants() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const roles = useRoles();
  const page = useQuery(CaseGrantsPageDocument, { id });
  const node = page.data?.node;
  const c = nodeWith(node, 'status');
  const can = c ? casePermissions(c, roles) : null;
  const grantees = useQuery(GranteesDocument, {}, { skip: !can?.manageGrants });
  const [grantRun, grantState] = useMutation(GrantCaseAccessDocument);
  const [revokeRun, revokeState] = useMutation(RevokeCaseAccessDocument);
  const [kind, setKind] = useState<'office' | 'organization'>('office');
  const [granteeId, setGranteeId] = useState('');
  const [validTo, setValidTo] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (!c || !can) return <NodeStatus page={page} />;

  const zoneCode = c.zone?.code;
  const byZone = <T extends { name: string; zone: { code: string; name: string } | null }>(list: T[]) =>
    [...list].sort((a, b) => {
      const za = a.zone?.code === zoneCode ? '' : (a.zone?.name ?? '~');
      const zb = b.zone?.code === zoneCode ? '' : (b.zone?.name ?? '~');
      return za.localeCompare(zb) || a.name.localeCompare(b.name);
    });
  const group = (z: { name: string } | null) => z?.name ?? t('casework.grants.regionWide');
  const officeOptions = byZone(grantees.data?.offices.edges.map((e) => e.node) ?? []).map((o) => ({
    value: o.id,
    label: o.name,
    group: group(o.zone),
  }));
  const orgOptions = byZone(grantees.data?.organizations.edges.map((e) => e.node) ?? []).map((o) => ({
    value: o.id,
    label: o.name,
    group: group(o.zone),
  }));
  const field = kind === 'office' ? 'granteeOfficeId' : 'granteeOrganizationId';
  // a grant lasts at most 365 days from now (server), and ends at the end of the chosen day
  const maxDate = today(new Date(Date.now() + 364 * DAY));

  const onGrant = async (ev: FormEvent) => {
    ev.preventDefault();
    setDone(null);
    const e: Record<string, string> = {};
    if (!granteeId) e[field] = t('casework.grants.granteeRequired');
    if (!validTo) e.validTo = t('casework.errors.required');
    else if (validTo < today()) e.validTo = t('casework.grants.validToPast');
    else if (new Date(endOfDay(validTo)).getTime() - Date.now() > 365 * DAY)
      e.validTo = t('casework.grants.validToTooLate');
    const r = reason.trim();
    if (r.length < MIN_REASON) e.reason = t('casework.grants.reasonShort', { min: MIN_REASON });
    else if (r.length > MAX_REASON) e.reason = t('casework.errors.tooLong', { max: MAX_REASON });
    setClientErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await grantRun({
      input: {
        caseId: c.id,
        ...(kind === 'office' ? { granteeOfficeId: granteeId } : { granteeOrganizationId: granteeId }),
        validTo: endOfDay(validTo),
        reason: r,
      },
    }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.grantCaseAccess.grant) {
      setGranteeId('');
      setValidTo('');
      setReason('');
      setDone(t('casework.grants.granted'));
      page.refetch();
    }
  };

  const onRevoke = async (grantId: string) => {
    setDone(null);
    const result = await revokeRun({ input: { id: grantId } }).catch(() => null);
    setConfirming(null);
    if (result && result.errors.length === 0) {
      setDone(t('casework.grants.revoked'));
    }
    page.refetch();
  };

  const errors = mergeErrors(clientErrors, grantState.errors);
  const name = citizenName(c.citizen);
  const now = new Date().toISOString();
  const grants = c.grants ?? [];

  return (
    <CaseworkPage caseId={c.id} title={t('casework.grants.title')} subtitle={name}>
      <p>{t('casework.grants.intro')}</p>
      {done && (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      )}
      <ResponseErrors errors={page.errors}>
        <Section title={t('casework.grants.listTitle')} id="accessi-elenco" count={grants.length}>
          <Value path={['node', 'grants']}>
            {c.grants &&
              (grants.length === 0 ? (
                <p>{t('casework.grants.none')}</p>
              ) : (
                <div className="table-responsive">
                  <table className="table table-sm">
                    <thead>
                      <tr>
                        <th scope="col">{t('casework.grants.grantee')}</th>
                        <th scope="col">{t('casework.grants.period')}</th>
                        <th scope="col">{t('casework.grants.reason')}</th>
                        <th scope="col">{t('casework.grants.grantedBy')}</th>
                        <th scope="col">{t('casework.grants.state')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {grants.map((g, i) => {
                        const active = !g.revokedAt && (!g.validTo || g.validTo > now);
                        return (
                          <tr key={g.id}>
                            <td>
                              {g.granteeOffice ? (
                                <OfficeLink office={g.granteeOffice} />
                              ) : (
                                <OrganizationLink organization={g.granteeOrganization} />
                              )}
                            </td>
                            <td>
                              {formatDateTime(g.validFrom)} → {formatDateTime(g.validTo)}
                            </td>
                            <td>
                              <Value path={['node', 'grants', i, 'reason']}>{g.reason}</Value>
                            </td>
                            <td>
                              <OperatorLink operator={g.grantedBy} />
                            </td>
                            <td>
                              {g.revokedAt
                                ? t('casework.grants.revokedOn', { date: formatDateTime(g.revokedAt) })
                                : active
                                  ? t('casework.grants.active')
                                  : t('casework.grants.expired')}
                              {active && can.manageGrants && (
                                <div className="mt-1">
                                  {confirming === g.id ? (
                                    <span className="d-inline-flex flex-wrap gap-1 align-items-center">
                                      <span>{t('casework.grants.confirmRevoke')}</span>
                                      <button
                                        type="button"
                                        className="btn btn-danger btn-xs btn-sm"
                                        disabled={revokeState.running}
                                        onClick={() => void onRevoke(g.id)}
                                      >
                                        {t('yes')}
                                      </button>
                                      <button
                                        type="button"
                                        className="btn btn-outline-secondary btn-sm"
                                        onClick={() => setConfirming(null)}
                                      >
                                        {t('no')}
                                      </button>
                                    </span>
                                  ) : (
                                    <button
                                      type="button"
                                      className="btn btn-outline-danger btn-sm"
                                      onClick={() => setConfirming(g.id)}
                                    >
                                      {t('casework.grants.revoke')}
                                    </button>
                                  )}
                                </div>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              ))}
          </Value>
          <FormErrors errors={revokeState.errors} failure={revokeState.failure} placed={() => false} />
        </Section>
      </ResponseErrors>

      {!can.manageGrants ? (
        <NotAllowed>{t('casework.grants.notAllowed')}</NotAllowed>
      ) : (
        <Section title={t('casework.grants.newTitle')} id="accessi-nuovo">
          <form onSubmit={onGrant} noValidate className="col-12 col-lg-8">
            <QueryStatus {...grantees} hasData={!!grantees.data} onRetry={grantees.refetch} />
            <RadioGroup
              name="granteeKind"
              legend={t('casework.grants.granteeKind')}
              value={kind}
              onChange={(v) => {
                setKind(v as 'office' | 'organization');
                setGranteeId('');
              }}
              options={[
                { value: 'office', label: t('casework.grants.office') },
                { value: 'organization', label: t('casework.grants.organization') },
              ]}
            />
            <Select
              id={field}
              label={kind === 'office' ? t('casework.grants.office') : t('casework.grants.organization')}
              required
              value={granteeId}
              onChange={setGranteeId}
              placeholder={t('casework.choose')}
              options={kind === 'office' ? officeOptions : orgOptions}
              error={errors[field]}
            />
            <TextInput
              id="validTo"
              type="date"
              label={t('casework.grants.validTo')}
              hint={t('casework.grants.validToHint', { date: formatDate(maxDate) })}
              required
              value={validTo}
              onChange={setValidTo}
              min={today()}
              max={maxDate}
              error={errors.validTo}
            />
            <TextArea
              id="reason"
              label={t('casework.grants.reason')}
              hint={t('casework.grants.reasonHint', { min: MIN_REASON })}
              required
              value={reason}
              onChange={setReason}
              maxLength={MAX_REASON}
              error={errors.reason}
            />
            <FormErrors
              errors={grantState.errors}
              failure={grantState.failure}
              placed={(f) => [field, 'validTo', 'reason'].includes(f)}
            />
            <CaseworkActions running={grantState.running} submit={t('casework.grants.submit')} />
          </form>
        </Section>
      )}
    </CaseworkPage>
  );
}
