import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { Field, ResponseErrors } from '../../components/Field';
import { FormErrors, TextArea } from '../../components/form';
import { CitizenLink, OfficeLink, OperatorLink, OrganizationLink } from '../../components/links';
import { Section } from '../../components/Section';
import { QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { formPaths } from './paths';
import { checkText, LIMITS } from './validation';
import '../../i18n/areas/forms';

const ReferralPage = graphql(`
  query ReferralPage($id: ID!) {
    node(id: $id) {
      ... on Referral {
        id
        status
        reason
        version
        proposedAt
        seenAt
        answeredAt
        rejectionReason
        citizen {
          id
          firstName
          lastName
        }
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
        proposedBy {
          id
          displayName
        }
        answeredBy {
          id
          displayName
        }
      }
    }
    viewer {
      id
      roles
      offices {
        id
      }
      organization {
        id
      }
    }
  }
`);

const MarkSeen = graphql(`
  mutation MarkReferralSeen($input: ReferralAnswerInput!) {
    markReferralSeen(input: $input) {
      referral {
        id
        status
        version
      }
    }
  }
`);

const Accept = graphql(`
  mutation AcceptReferral($input: ReferralAnswerInput!) {
    acceptReferral(input: $input) {
      referral {
        id
        status
        version
      }
    }
  }
`);

const Reject = graphql(`
  mutation RejectReferral($input: RejectReferralInput!) {
    rejectReferral(input: $input) {
      referral {
        id
        status
        version
      }
    }
  }
`);

const ANSWERERS = new Set(['FRONT_DESK', 'SOCIAL_WORKER', 'ZONE_MANAGER', 'PROVIDER']);

export default function ReferralDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, errors, loading, failure, refetch } = useQuery(ReferralPage, { id });
  const [seen, seenState] = useMutation(MarkSeen);
  const [accept, acceptState] = useMutation(Accept);
  const [reject, rejectState] = useMutation(Reject);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const r = data?.node && 'status' in data.node ? data.node : null;
  const viewer = data?.viewer;
  const running = seenState.running || acceptState.running || rejectState.running;
  const lastErrors = [...seenState.errors, ...acceptState.errors, ...rejectState.errors];
  const failureAny = seenState.failure ?? acceptState.failure ?? rejectState.failure;

  // Only the receiving office or organization answers (the server checks it too).
  const incoming =
    !!r &&
    !!viewer &&
    viewer.roles.some((x) => ANSWERERS.has(x)) &&
    (r.toOffice
      ? viewer.offices.some((o) => o.id === r.toOffice?.id)
      : !!r.toOrganization && r.toOrganization.id === viewer.organization?.id);
  const open = r?.status === 'PROPOSED' || r?.status === 'SEEN';

  async function answer(kind: 'seen' | 'accept') {
    if (!r) return;
    const input = { id: r.id, version: r.version ?? 0 };
    const result = await (kind === 'seen' ? seen({ input }) : accept({ input })).catch(() => null);
    if (result && result.errors.length === 0) refetch();
  }

  async function onReject(e: FormEvent) {
    e.preventDefault();
    if (!r) return;
    const p = checkText(reason, LIMITS.reason, true);
    setReasonError(p ? t(`forms.validation.${p}`) : null);
    if (p) return;
    const result = await reject({ input: { id: r.id, version: r.version ?? 0, reason: reason.trim() } }).catch(
      () => null,
    );
    if (!result) return;
    const fieldError = result.errors.find((x) => x.extensions?.field === 'reason');
    if (fieldError) setReasonError(fieldError.message);
    if (result.errors.length === 0) {
      setRejecting(false);
      refetch();
    }
  }

  return (
    <ResponseErrors errors={errors}>
      <h1 className="h2">{t('forms.referral.detailTitle')}</h1>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!r} onRetry={refetch} />
      {r && (
        <Section title={t('forms.referral.detailTitle')} id="invio">
          <dl className="siso-fields">
            <Field label={t('referral.citizen')} path={['node', 'citizen']}>
              <CitizenLink citizen={r.citizen} fallback={t('referral.citizen')} />
            </Field>
            <Field label={t('referral.status')} path={['node', 'status']}>
              {r.status ? t(`referralStatus.${r.status}`) : null}
            </Field>
            <Field label={t('referral.from')} path={['node', 'fromOffice']}>
              <OfficeLink office={r.fromOffice} />
            </Field>
            <Field label={t('referral.to')} path={['node', 'toOffice']}>
              {r.toOffice ? <OfficeLink office={r.toOffice} /> : <OrganizationLink organization={r.toOrganization} />}
            </Field>
            <Field label={t('referral.proposedAt')} path={['node', 'proposedAt']}>
              {formatDateTime(r.proposedAt)}
              {r.proposedBy && (
                <>
                  {' · '}
                  <OperatorLink operator={r.proposedBy} />
                </>
              )}
            </Field>
            <Field label={t('referral.reason')} path={['node', 'reason']}>
              {r.reason}
            </Field>
            {r.answeredAt && (
              <Field label={t('forms.referral.answeredAt')} path={['node', 'answeredAt']}>
                {formatDateTime(r.answeredAt)}
                {r.answeredBy && (
                  <>
                    {' · '}
                    <OperatorLink operator={r.answeredBy} />
                  </>
                )}
              </Field>
            )}
            {r.rejectionReason && (
              <Field label={t('forms.referral.rejectionReason')} path={['node', 'rejectionReason']}>
                {r.rejectionReason}
              </Field>
            )}
          </dl>
          <div aria-live="polite">
            <FormErrors errors={lastErrors} failure={failureAny} shownFields={['reason']} />
          </div>
          {incoming && open && (
            <div className="d-flex gap-2 flex-wrap">
              {r.status === 'PROPOSED' && (
                <button
                  type="button"
                  className="btn btn-outline-primary"
                  disabled={running}
                  onClick={() => void answer('seen')}
                >
                  {t('forms.referral.markSeen')}
                </button>
              )}
              <button
                type="button"
                className="btn btn-success"
                disabled={running}
                onClick={() => void answer('accept')}
              >
                {t('forms.referral.accept')}
              </button>
              <button
                type="button"
                className="btn btn-outline-danger"
                disabled={running}
                aria-expanded={rejecting}
                aria-controls="reject-form"
                onClick={() => setRejecting((x) => !x)}
              >
                {t('forms.referral.reject')}
              </button>
            </div>
          )}
          {incoming && open && rejecting && (
            <form id="reject-form" className="mt-3" noValidate onSubmit={(e) => void onReject(e)}>
              <TextArea
                id="reason"
                label={t('forms.referral.rejectionReason')}
                required
                value={reason}
                maxLength={LIMITS.reason}
                onChange={(x) => {
                  setReason(x);
                  setReasonError(null);
                }}
                error={reasonError}
              />
              <button type="submit" className="btn btn-danger" disabled={running}>
                {t('forms.referral.confirmReject')}
              </button>
            </form>
          )}
          {r.status === 'ACCEPTED' && r.citizen && viewer?.roles.includes('SOCIAL_WORKER') && (
            <Link className="btn btn-primary mt-3" to={formPaths.openCase(r.citizen.id)}>
              {t('forms.case.title')}
            </Link>
          )}
        </Section>
      )}
    </ResponseErrors>
  );
}
