import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { FormActions, FormErrors, RequiredMark, Select, TextArea } from '../../components/form';
import { paths } from '../../components/links';
import { Loading, QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { codeLabel, formatDate } from '../../lib/format';
import { useForm } from './useForm';
import { checkText, LIMITS, newIdempotencyKey } from './validation';
import { accessOptions } from './options';
import '../../i18n/areas/forms';

const ReferralFormData = graphql(`
  query ReferralFormData($id: ID!) {
    citizen(id: $id) {
      id
      firstName
      lastName
      accesses(first: 10) {
        edges {
          node {
            id
            occurredAt
            office {
              id
              name
            }
          }
        }
      }
      cases(first: 10) {
        edges {
          node {
            id
            openedAt
            status
            userArea {
              code
              labelIt
              labelEn
            }
          }
        }
      }
    }
    viewer {
      id
      offices {
        id
        name
      }
    }
    offices(first: 100) {
      edges {
        node {
          id
          name
          zone {
            id
            code
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
        }
      }
    }
  }
`);

const CreateReferralMutation = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      referral {
        id
        status
      }
    }
  }
`);

// Organizations a citizen is referred to as a whole (no office chosen).
const RECEIVING_KINDS = new Set(['COOPERATIVE', 'ASSOCIATION', 'OTHER_THIRD_SECTOR', 'HEALTH_AUTHORITY']);

interface Values extends Record<string, unknown> {
  fromOfficeId: string;
  target: 'office' | 'organization';
  toOfficeId: string;
  toOrganizationId: string;
  reason: string;
  accessId: string;
  caseId: string;
}

export default function ReferralNew() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, errors, loading, failure, refetch } = useQuery(ReferralFormData, { id });
  const [key] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    fromOfficeId: '',
    target: 'office',
    toOfficeId: '',
    toOrganizationId: '',
    reason: '',
    accessId: '',
    caseId: '',
  });
  const { values: v, set, error } = form;
  const [create, state] = useMutation(CreateReferralMutation);

  const myOffices = data?.viewer?.offices ?? [];
  const fromOfficeId = v.fromOfficeId || myOffices[0]?.id || '';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      fromOfficeId: fromOfficeId ? null : 'required',
      toOfficeId:
        v.target === 'office'
          ? !v.toOfficeId
            ? 'required'
            : v.toOfficeId === fromOfficeId
              ? 'sameOffice'
              : null
          : null,
      toOrganizationId: v.target === 'organization' && !v.toOrganizationId ? 'required' : null,
      reason: checkText(v.reason, LIMITS.reason, true),
    });
    if (!ok) return;
    const result = await create({
      input: {
        citizenId: id,
        fromOfficeId,
        toOfficeId: v.target === 'office' ? v.toOfficeId : undefined,
        toOrganizationId: v.target === 'organization' ? v.toOrganizationId : undefined,
        reason: v.reason.trim(),
        accessId: v.accessId || undefined,
        caseId: v.caseId || undefined,
        idempotencyKey: key,
      },
    }).catch(() => null);
    if (!result) return;
    form.fromServer(result.errors);
    if (result.data?.createReferral.referral && result.errors.length === 0) void navigate(paths.citizen(id));
  }

  if (loading) return <Loading />;
  const c = data?.citizen;
  if (!data || !c)
    return <QueryStatus loading={false} failure={failure} errors={errors} hasData={false} onRetry={refetch} />;
  const name = [c.lastName, c.firstName].filter(Boolean).join(' ');
  const offices = data.offices.edges.map((e) => e.node).sort((a, b) => a.name.localeCompare(b.name));
  const organizations = data.organizations.edges.map((e) => e.node).filter((o) => RECEIVING_KINDS.has(o.kind));

  return (
    <section>
      <h1 className="h2">{t('forms.referral.title')}</h1>
      <p className="lead">{name}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="row">
          <div className="col-12 col-md-6">
            <Select
              id="fromOfficeId"
              label={t('forms.referral.fromOffice')}
              required
              value={fromOfficeId}
              options={myOffices.map((o) => ({ value: o.id, label: o.name }))}
              onChange={(x) => set('fromOfficeId', x)}
              error={error('fromOfficeId')}
            />
          </div>
        </div>
        <fieldset className="mb-3">
          <legend className="h6">
            {t('forms.referral.to')}
            <RequiredMark />
          </legend>
          {(['office', 'organization'] as const).map((k) => (
            <div className="form-check form-check-inline" key={k}>
              <input
                type="radio"
                id={`target-${k}`}
                name="target"
                checked={v.target === k}
                onChange={() => set('target', k, 'toOfficeId', 'toOrganizationId')}
              />
              <label htmlFor={`target-${k}`}>{t(`forms.referral.target.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="row">
          <div className="col-12 col-md-8">
            {v.target === 'office' ? (
              <Select
                id="toOfficeId"
                label={t('forms.referral.toOffice')}
                required
                value={v.toOfficeId}
                placeholder={t('forms.choose')}
                options={offices.map((o) => ({ value: o.id, label: `${o.name} (${t('zone.title')} ${o.zone.code})` }))}
                onChange={(x) => set('toOfficeId', x)}
                error={error('toOfficeId')}
              />
            ) : (
              <Select
                id="toOrganizationId"
                label={t('forms.referral.toOrganization')}
                required
                value={v.toOrganizationId}
                placeholder={t('forms.choose')}
                options={organizations.map((o) => ({ value: o.id, label: o.name }))}
                onChange={(x) => set('toOrganizationId', x)}
                error={error('toOrganizationId')}
              />
            )}
          </div>
          <div className="col-12">
            <TextArea
              id="reason"
              label={t('referral.reason')}
              required
              value={v.reason}
              maxLength={LIMITS.reason}
              onChange={(x) => set('reason', x)}
              error={error('reason')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="accessId"
              label={t('forms.referral.fromAccess')}
              value={v.accessId}
              placeholder={t('forms.none')}
              options={accessOptions(c.accesses)}
              onChange={(x) => set('accessId', x)}
              error={error('accessId')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="caseId"
              label={t('forms.referral.fromCase')}
              value={v.caseId}
              placeholder={t('forms.none')}
              options={(c.cases?.edges ?? []).map(({ node }) => ({
                value: node.id,
                label: [codeLabel(node.userArea), formatDate(node.openedAt)].filter(Boolean).join(' · '),
              }))}
              onChange={(x) => set('caseId', x)}
              error={error('caseId')}
            />
          </div>
        </div>
        <FormErrors
          errors={state.errors}
          failure={state.failure}
          shownFields={['fromOfficeId', 'toOfficeId', 'toOrganizationId', 'reason', 'accessId', 'caseId']}
        />
        <FormActions
          running={state.running}
          submit={t('forms.referral.submit')}
          saving={t('forms.saving')}
          cancel={{ label: t('forms.cancel'), to: paths.citizen(id) }}
        />
      </form>
    </section>
  );
}
