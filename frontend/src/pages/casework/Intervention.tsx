import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { Field, ResponseErrors } from '../../components/Field';
import { OperatorLink, OrganizationLink, paths } from '../../components/links';
import { Section } from '../../components/Section';
import { graphql } from '../../gql';
import { codeLabel, formatDate, formatDateTime, today } from '../../lib/format';
import {
  CaseworkPage,
  focusFirst,
  FormErrors,
  membership,
  mergeErrors,
  nodeWith,
  useRoles,
  NodeStatus,
} from './common';
import { CaseworkActions } from './form';
import { RadioGroup, TextArea, TextInput } from '../../components/form';
import '../../i18n/areas/casework';

const InterventionPageDocument = graphql(`
  query InterventionPage($id: ID!) {
    node(id: $id) {
      ... on Intervention {
        id
        status
        version
        startDate
        endDate
        amountCents
        userShareCents
        healthShareCents
        hoursPerMonth
        meansTested
        requestedAt
        authorizedAt
        closedAt
        type {
          code
          labelIt
          labelEn
        }
        provider {
          id
          name
        }
        fundingSource {
          code
          labelIt
          labelEn
        }
        zone {
          id
          code
        }
        requestedBy {
          id
          displayName
        }
        authorizedBy {
          id
          displayName
        }
        case {
          id
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
        }
      }
    }
  }
`);

export const AuthorizeInterventionDocument = graphql(`
  mutation AuthorizeIntervention($input: AuthorizeInterventionInput!) {
    authorizeIntervention(input: $input) {
      intervention {
        id
        status
        version
      }
    }
  }
`);

export const CloseInterventionDocument = graphql(`
  mutation CloseIntervention($input: CloseInterventionInput!) {
    closeIntervention(input: $input) {
      intervention {
        id
        status
        version
      }
    }
  }
`);

const MAX_REASON = 2000;

function euro(cents: number | null | undefined): string | null {
  if (cents === null || cents === undefined) return null;
  return (cents / 100).toLocaleString('it-IT', { style: 'currency', currency: 'EUR' });
}

export default function Intervention() {
  const { t } = useTranslation();
  const { id: caseId = '', interventionId = '' } = useParams();
  const navigate = useNavigate();
  const roles = useRoles();
  const page = useQuery(InterventionPageDocument, { id: interventionId });
  const node = page.data?.node;
  const iv = nodeWith(node, 'startDate');

  const [authorize, authState] = useMutation(AuthorizeInterventionDocument);
  const [close, closeState] = useMutation(CloseInterventionDocument);
  const [decision, setDecision] = useState('');
  const [authReason, setAuthReason] = useState('');
  const [endDate, setEndDate] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [authErrors, setAuthErrors] = useState<Record<string, string>>({});
  const [closeErrors, setCloseErrors] = useState<Record<string, string>>({});

  if (!iv) return <NodeStatus page={page} />;

  const backTo = iv.case?.id ?? caseId;
  const done = () => void navigate(`${paths.case(backTo)}#interventi`);
  const { member } = membership(
    iv.case?.members?.edges.map((e) => e.node),
    roles.viewer?.id,
  );
  const manager = roles.managesZone(iv.zone?.code);
  const ownRequest = !!roles.viewer && iv.requestedBy?.id === roles.viewer.id;
  // authorizeIntervention: only a zone manager of the zone, never on their own request, only while REQUESTED
  const canAuthorize = manager && iv.status === 'REQUESTED' && !ownRequest;
  // closeIntervention: the case team or the zone manager, on an AUTHORIZED or ACTIVE intervention
  const canClose = (member || manager) && (iv.status === 'AUTHORIZED' || iv.status === 'ACTIVE');
  const start = iv.startDate ?? today();
  const latestEnd = start > today() ? start : today();

  const onAuthorize = async (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (decision !== 'approve' && decision !== 'refuse') e.approve = t('casework.intervention.decisionRequired');
    if (decision === 'refuse' && !authReason.trim()) e['authorize-reason'] = t('casework.intervention.refuseReason');
    if (authReason.trim().length > MAX_REASON)
      e['authorize-reason'] = t('casework.errors.tooLong', { max: MAX_REASON });
    setAuthErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await authorize({
      input: {
        id: iv.id,
        version: iv.version ?? 0,
        approve: decision === 'approve',
        reason: authReason.trim() || null,
      },
    }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.authorizeIntervention.intervention) done();
    else if (result && hasErrorCode(result.errors, 'CONFLICT')) page.refetch();
  };

  const onClose = async (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (endDate) {
      if (endDate < start) e.endDate = t('casework.intervention.closeBeforeStart', { date: formatDate(start) });
      else if (endDate > latestEnd) e.endDate = t('casework.errors.dateFuture');
    }
    if (!closeReason.trim()) e['close-reason'] = t('casework.errors.required');
    else if (closeReason.trim().length > MAX_REASON)
      e['close-reason'] = t('casework.errors.tooLong', { max: MAX_REASON });
    setCloseErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await close({
      input: { id: iv.id, version: iv.version ?? 0, endDate: endDate || null, reason: closeReason.trim() },
    }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.closeIntervention.intervention) done();
    else if (result && hasErrorCode(result.errors, 'CONFLICT')) page.refetch();
  };

  const sa = mergeErrors({}, authState.errors);
  const ae = { approve: sa.approve, 'authorize-reason': sa.reason, ...authErrors };
  const sc = mergeErrors({}, closeState.errors);
  const ce = { endDate: sc.endDate, 'close-reason': sc.reason, ...closeErrors };
  const base = ['node'] as const;

  return (
    <CaseworkPage
      caseId={backTo}
      title={`${t('casework.intervention.title')}: ${codeLabel(iv.type) ?? ''}`}
      subtitle={iv.status ? t(`interventionStatus.${iv.status}`) : undefined}
    >
      <ResponseErrors errors={page.errors}>
        <Section title={t('casework.intervention.details')} id="dettagli">
          <dl className="siso-fields">
            <Field label={t('intervention.provider')} path={[...base, 'provider']}>
              <OrganizationLink organization={iv.provider} />
            </Field>
            <Field label={t('intervention.startDate')} path={[...base, 'startDate']}>
              {formatDate(iv.startDate)}
            </Field>
            <Field label={t('intervention.endDate')} path={[...base, 'endDate']}>
              {formatDate(iv.endDate)}
            </Field>
            <Field label={t('casework.intervention.amount')} path={[...base, 'amountCents']}>
              {euro(iv.amountCents)}
            </Field>
            <Field label={t('casework.intervention.userShare')} path={[...base, 'userShareCents']}>
              {euro(iv.userShareCents)}
            </Field>
            <Field label={t('casework.intervention.healthShare')} path={[...base, 'healthShareCents']}>
              {euro(iv.healthShareCents)}
            </Field>
            <Field label={t('casework.intervention.hoursPerMonth')} path={[...base, 'hoursPerMonth']}>
              {iv.hoursPerMonth}
            </Field>
            <Field label={t('casework.intervention.fundingSource')} path={[...base, 'fundingSource']}>
              {codeLabel(iv.fundingSource)}
            </Field>
            <Field label={t('casework.intervention.meansTested')} path={[...base, 'meansTested']}>
              {iv.meansTested === null ? null : iv.meansTested ? t('yes') : t('no')}
            </Field>
            <Field label={t('casework.intervention.requested')} path={[...base, 'requestedBy']}>
              <OperatorLink operator={iv.requestedBy} /> {formatDateTime(iv.requestedAt)}
            </Field>
            {iv.authorizedAt && (
              <Field label={t('casework.intervention.authorized')} path={[...base, 'authorizedBy']}>
                <OperatorLink operator={iv.authorizedBy} /> {formatDateTime(iv.authorizedAt)}
              </Field>
            )}
          </dl>
        </Section>
      </ResponseErrors>

      {iv.status === 'REQUESTED' && manager && ownRequest && (
        <p className="alert alert-info">{t('casework.intervention.ownRequest')}</p>
      )}
      {iv.status === 'REQUESTED' && !manager && (
        <p className="alert alert-info">{t('casework.intervention.awaitingManager')}</p>
      )}

      {canAuthorize && (
        <Section title={t('casework.intervention.authorizeTitle')} id="autorizza">
          <form onSubmit={onAuthorize} noValidate className="col-12 col-lg-8">
            <RadioGroup
              name="approve"
              legend={t('casework.intervention.decision')}
              required
              value={decision}
              onChange={setDecision}
              options={[
                { value: 'approve', label: t('casework.intervention.approve') },
                { value: 'refuse', label: t('casework.intervention.refuse') },
              ]}
              error={ae.approve}
            />
            <TextArea
              id="authorize-reason"
              label={t('casework.intervention.decisionReason')}
              hint={t('casework.intervention.decisionReasonHint')}
              required={decision === 'refuse'}
              value={authReason}
              onChange={setAuthReason}
              maxLength={MAX_REASON}
              error={ae['authorize-reason']}
            />
            <FormErrors
              errors={authState.errors}
              failure={authState.failure}
              placed={(f) => f === 'approve' || f === 'reason'}
            />
            <CaseworkActions running={authState.running} submit={t('casework.intervention.decide')} />
          </form>
        </Section>
      )}

      {canClose && (
        <Section title={t('casework.intervention.closeTitle')} id="chiudi">
          <form onSubmit={onClose} noValidate className="col-12 col-lg-8">
            <TextInput
              id="endDate"
              type="date"
              label={t('casework.intervention.closeEndDate')}
              hint={t('casework.intervention.closeEndHint')}
              value={endDate}
              onChange={setEndDate}
              min={start}
              max={latestEnd}
              error={ce.endDate}
            />
            <TextArea
              id="close-reason"
              label={t('casework.intervention.closeReason')}
              required
              value={closeReason}
              onChange={setCloseReason}
              maxLength={MAX_REASON}
              error={ce['close-reason']}
            />
            <FormErrors
              errors={closeState.errors}
              failure={closeState.failure}
              placed={(f) => f === 'endDate' || f === 'reason'}
            />
            <CaseworkActions running={closeState.running} submit={t('casework.intervention.closeSubmit')} danger />
          </form>
        </Section>
      )}
    </CaseworkPage>
  );
}
