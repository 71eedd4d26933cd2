import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { FormActions, FormErrors, Select, TextArea } from '../../components/form';
import { paths } from '../../components/links';
import { Loading, QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { codeLabel, formatDateTime } from '../../lib/format';
import { useForm } from './useForm';
import { checkText, LIMITS, newIdempotencyKey } from './validation';
import { accessOptions, chosenOffice } from './options';
import '../../i18n/areas/forms';

const CaseOpenData = graphql(`
  query CaseOpenData($id: ID!) {
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
      referrals(first: 20) {
        edges {
          node {
            id
            status
            proposedAt
            fromOffice {
              id
              name
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
        kind
      }
    }
    codeLists {
      userAreas {
        code
        labelIt
        labelEn
      }
    }
  }
`);

const OpenCaseMutation = graphql(`
  mutation OpenCase($input: OpenCaseInput!) {
    openCase(input: $input) {
      case {
        id
      }
    }
  }
`);

interface Values extends Record<string, unknown> {
  officeId: string;
  userArea: string;
  summary: string;
  sourceAccessId: string;
  sourceReferralId: string;
}

export default function CaseOpen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const { data, errors, loading, failure, refetch } = useQuery(CaseOpenData, { id });
  const [key] = useState(newIdempotencyKey);
  const form = useForm<Values>({ officeId: '', userArea: '', summary: '', sourceAccessId: '', sourceReferralId: '' });
  const { values: v, set, error } = form;
  const [open, state] = useMutation(OpenCaseMutation);

  const offices = data?.viewer?.offices ?? [];
  const officeId = chosenOffice(v.officeId, offices, 'SOCIAL_SERVICE');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      officeId: officeId ? null : 'required',
      userArea: v.userArea ? null : 'required',
      summary: checkText(v.summary, LIMITS.summary),
    });
    if (!ok) return;
    const result = await open({
      input: {
        citizenId: id,
        officeId,
        userArea: v.userArea,
        summary: v.summary.trim() || undefined,
        sourceAccessId: v.sourceAccessId || undefined,
        sourceReferralId: v.sourceReferralId || undefined,
        idempotencyKey: key,
      },
    }).catch(() => null);
    if (!result) return;
    form.fromServer(result.errors);
    const opened = result.data?.openCase.case;
    if (opened && result.errors.length === 0) void navigate(paths.case(opened.id));
  }

  if (loading) return <Loading />;
  const c = data?.citizen;
  if (!data || !c)
    return <QueryStatus loading={false} failure={failure} errors={errors} hasData={false} onRetry={refetch} />;
  if (viewer && !viewer.roles.includes('SOCIAL_WORKER')) {
    return <div className="alert alert-info">{t('forms.case.cannotOpen')}</div>;
  }
  const name = [c.lastName, c.firstName].filter(Boolean).join(' ');
  const accepted = (c.referrals?.edges ?? []).filter((e) => e.node.status === 'ACCEPTED');

  return (
    <section>
      <h1 className="h2">{t('forms.case.title')}</h1>
      <p className="lead">{name}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="row">
          <div className="col-12 col-md-6">
            <Select
              id="officeId"
              label={t('case.office')}
              required
              value={officeId}
              options={offices.map((o) => ({ value: o.id, label: o.name }))}
              onChange={(x) => set('officeId', x)}
              error={error('officeId')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="userArea"
              label={t('case.area')}
              required
              value={v.userArea}
              placeholder={t('forms.choose')}
              options={data.codeLists.userAreas.map((a) => ({ value: a.code, label: codeLabel(a) ?? a.code }))}
              onChange={(x) => set('userArea', x)}
              error={error('userArea')}
            />
          </div>
          <div className="col-12">
            <TextArea
              id="summary"
              label={t('case.summary')}
              value={v.summary}
              maxLength={LIMITS.summary}
              onChange={(x) => set('summary', x)}
              error={error('summary')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="sourceAccessId"
              label={t('forms.case.sourceAccess')}
              value={v.sourceAccessId}
              placeholder={t('forms.none')}
              options={accessOptions(c.accesses)}
              onChange={(x) => set('sourceAccessId', x)}
              error={error('sourceAccessId')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="sourceReferralId"
              label={t('forms.case.sourceReferral')}
              value={v.sourceReferralId}
              placeholder={t('forms.none')}
              options={accepted.map(({ node }) => ({
                value: node.id,
                label: [formatDateTime(node.proposedAt), node.fromOffice?.name].filter(Boolean).join(' · '),
              }))}
              onChange={(x) => set('sourceReferralId', x)}
              error={error('sourceReferralId')}
            />
          </div>
        </div>
        <FormErrors
          errors={state.errors}
          failure={state.failure}
          shownFields={['officeId', 'userArea', 'summary', 'sourceAccessId', 'sourceReferralId']}
        />
        <FormActions
          running={state.running}
          submit={t('forms.case.submit')}
          saving={t('forms.saving')}
          cancel={{ label: t('forms.cancel'), to: paths.citizen(id) }}
        />
      </form>
    </section>
  );
}
