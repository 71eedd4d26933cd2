import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { paths } from '../../components/links';
import { graphql } from '../../gql';
import type { RequestInterventionInput } from '../../gql/graphql';
import { codeLabel, formatDate, today } from '../../lib/format';
import {
  addYears,
  casePermissions,
  CaseworkPage,
  focusFirst,
  FormErrors,
  MAX_CENTS,
  mergeErrors,
  newIdempotencyKey,
  NotAllowed,
  parseEuro,
  useRoles,
  nodeWith,
  citizenName,
  NodeStatus,
} from './common';
import { CaseworkActions } from './form';
import { Checkbox, Select, TextInput } from '../../components/form';
import '../../i18n/areas/casework';

const RequestInterventionPageDocument = graphql(`
  query RequestInterventionPage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        zone {
          id
          code
          name
        }
        userArea {
          code
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
      }
    }
    codeLists {
      interventionTypes {
        code
        labelIt
        labelEn
        kind
        area {
          code
          labelIt
          labelEn
        }
      }
      fundingSources {
        code
        labelIt
        labelEn
      }
    }
    organizations(first: 100) {
      edges {
        node {
          id
          name
          kind
          accreditedFrom
          accreditedTo
          accreditedFor {
            code
          }
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

export const RequestInterventionDocument = graphql(`
  mutation RequestIntervention($input: RequestInterventionInput!) {
    requestIntervention(input: $input) {
      intervention {
        id
        status
        version
      }
    }
  }
`);

/** Organizations that deliver only what they are accredited for, while their accreditation runs (server: thirdSector). */
export const THIRD_SECTOR = ['COOPERATIVE', 'ASSOCIATION', 'OTHER_THIRD_SECTOR'];
const MAX_HOURS = 744;
export const FIELDS = [
  'type',
  'providerId',
  'startDate',
  'endDate',
  'amountCents',
  'userShareCents',
  'healthShareCents',
  'hoursPerMonth',
  'fundingSource',
  'meansTested',
  'iseeCents',
];

interface Org {
  kind: string;
  accreditedFrom: string | null;
  accreditedTo: string | null;
  accreditedFor: readonly { code: string }[];
}

/** Whether the organization may deliver the type from the start date (as internal/care checkProvider). */
export function mayProvide(org: Org, typeCode: string, start: string): boolean {
  if (!THIRD_SECTOR.includes(org.kind)) return true;
  if (!org.accreditedFor.some((a) => a.code === typeCode)) return false;
  if (!org.accreditedFrom || org.accreditedFrom > start) return false;
  return !org.accreditedTo || org.accreditedTo >= start;
}

export default function RequestIntervention() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const roles = useRoles();
  const page = useQuery(RequestInterventionPageDocument, { id });
  const node = page.data?.node;
  const c = nodeWith(node, 'status');
  const [run, state] = useMutation(RequestInterventionDocument);
  const idempotencyKey = useMemo(() => newIdempotencyKey(), []);
  const [f, setF] = useState({
    type: '',
    providerId: '',
    startDate: today(),
    endDate: '',
    amount: '',
    userShare: '',
    healthShare: '',
    hoursPerMonth: '',
    fundingSource: '',
    meansTested: false,
    isee: '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const set =
    <K extends keyof typeof f>(k: K) =>
    (v: (typeof f)[K]) =>
      setF((s) => ({ ...s, [k]: v }));

  if (!c || !page.data) return <NodeStatus page={page} />;
  const can = casePermissions(c, roles);
  const { codeLists, organizations } = page.data;
  const area = c.userArea?.code;

  const types = [...codeLists.interventionTypes].sort(
    (a, b) =>
      Number(b.area.code === area) - Number(a.area.code === area) ||
      (codeLabel(a.area) ?? '').localeCompare(codeLabel(b.area) ?? '') ||
      (codeLabel(a) ?? '').localeCompare(codeLabel(b) ?? ''),
  );
  const start = f.startDate || today();
  const providers = organizations.edges
    .map((e) => e.node)
    .filter((o) => !f.type || mayProvide(o, f.type, start))
    .sort(
      (a, b) =>
        Number(b.zone?.code === c.zone?.code) - Number(a.zone?.code === c.zone?.code) || a.name.localeCompare(b.name),
    );

  const validate = () => {
    const e: Record<string, string> = {};
    const now = today();
    if (!f.type) e.type = t('casework.errors.required');
    if (f.providerId && f.type) {
      const org = organizations.edges.find((x) => x.node.id === f.providerId)?.node;
      if (org && !mayProvide(org, f.type, start)) e.providerId = t('casework.intervention.notAccredited');
    }
    if (!f.startDate) e.startDate = t('casework.errors.required');
    else if (f.startDate < addYears(now, -1)) e.startDate = t('casework.intervention.startTooOld');
    else if (f.startDate > addYears(now, 1)) e.startDate = t('casework.intervention.startTooLate');
    if (f.endDate && f.startDate) {
      if (f.endDate < f.startDate) e.endDate = t('casework.intervention.endBeforeStart');
      else if (f.endDate > addYears(f.startDate, 5)) e.endDate = t('casework.intervention.endTooLate');
    }
    const cents = (text: string, field: string, required: boolean) => {
      if (!text.trim()) {
        if (required) e[field] = t('casework.errors.required');
        return null;
      }
      const v = parseEuro(text);
      if (v === null) e[field] = t('casework.intervention.notAmount');
      else if (v > MAX_CENTS) e[field] = t('casework.intervention.amountTooLarge');
      return v;
    };
    const amount = cents(f.amount, 'amountCents', true);
    const user = cents(f.userShare, 'userShareCents', false);
    const health = cents(f.healthShare, 'healthShareCents', false);
    if (amount !== null && !e.userShareCents && !e.healthShareCents && (user ?? 0) + (health ?? 0) > amount) {
      e[(health ?? 0) > amount ? 'healthShareCents' : 'userShareCents'] = t('casework.intervention.sharesExceed');
    }
    if (f.hoursPerMonth.trim()) {
      const h = Number(f.hoursPerMonth.replace(',', '.'));
      if (!Number.isFinite(h) || h < 0 || h > MAX_HOURS)
        e.hoursPerMonth = t('casework.intervention.hoursRange', { max: MAX_HOURS });
    }
    if (f.meansTested) cents(f.isee, 'iseeCents', false);
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setClientErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const input: RequestInterventionInput = {
      caseId: c.id,
      type: f.type,
      providerId: f.providerId || null,
      startDate: f.startDate,
      endDate: f.endDate || null,
      amountCents: parseEuro(f.amount) ?? 0,
      userShareCents: parseEuro(f.userShare),
      healthShareCents: parseEuro(f.healthShare),
      hoursPerMonth: f.hoursPerMonth.trim() ? Number(f.hoursPerMonth.replace(',', '.')) : null,
      fundingSource: f.fundingSource || null,
      meansTested: f.meansTested,
      iseeCents: f.meansTested ? parseEuro(f.isee) : null,
      idempotencyKey,
    };
    const result = await run({ input }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.requestIntervention.intervention) {
      void navigate(`${paths.case(c.id)}#interventi`);
    } else if (result) focusFirst(mergeErrors({}, result.errors));
  };

  const errors = mergeErrors(clientErrors, state.errors);
  const name = citizenName(c.citizen);
  const euroHint = t('casework.intervention.euroHint');

  return (
    <CaseworkPage caseId={c.id} title={t('casework.intervention.requestTitle')} subtitle={name}>
      {!can.requestIntervention ? (
        <NotAllowed>
          {c.status === 'CLOSED' ? t('casework.closedCase') : t('casework.intervention.requestNotAllowed')}
        </NotAllowed>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <div className="row">
            <Select
              id="type"
              className="col-12 col-md-6 mb-3"
              label={t('casework.intervention.type')}
              required
              value={f.type}
              onChange={(v) => setF((s) => ({ ...s, type: v, providerId: '' }))}
              placeholder={t('casework.choose')}
              options={types.map((x) => ({
                value: x.code,
                label: codeLabel(x) ?? x.code,
                group: codeLabel(x.area) ?? x.area.code,
              }))}
              error={errors.type}
            />
            <Select
              id="providerId"
              className="col-12 col-md-6 mb-3"
              label={t('casework.intervention.provider')}
              hint={f.type ? t('casework.intervention.providerHint') : t('casework.intervention.providerHintNoType')}
              value={f.providerId}
              onChange={set('providerId')}
              placeholder={t('casework.intervention.noProvider')}
              options={providers.map((o) => ({
                value: o.id,
                label: o.name,
                group: o.zone?.name ?? t('casework.grants.regionWide'),
              }))}
              error={errors.providerId}
            />
            <TextInput
              id="startDate"
              type="date"
              className="col-12 col-md-6 mb-3"
              label={t('casework.intervention.startDate')}
              required
              value={f.startDate}
              onChange={set('startDate')}
              min={addYears(today(), -1)}
              max={addYears(today(), 1)}
              error={errors.startDate}
            />
            <TextInput
              id="endDate"
              type="date"
              className="col-12 col-md-6 mb-3"
              label={t('casework.intervention.endDate')}
              hint={t('casework.intervention.endHint')}
              value={f.endDate}
              onChange={set('endDate')}
              min={f.startDate || undefined}
              max={f.startDate ? addYears(f.startDate, 5) : undefined}
              error={errors.endDate}
            />
            <TextInput
              id="amountCents"
              className="col-12 col-md-4 mb-3"
              label={t('casework.intervention.amount')}
              hint={euroHint}
              required
              inputMode="decimal"
              value={f.amount}
              onChange={set('amount')}
              error={errors.amountCents}
            />
            <TextInput
              id="userShareCents"
              className="col-12 col-md-4 mb-3"
              label={t('casework.intervention.userShare')}
              hint={euroHint}
              inputMode="decimal"
              value={f.userShare}
              onChange={set('userShare')}
              error={errors.userShareCents}
            />
            <TextInput
              id="healthShareCents"
              className="col-12 col-md-4 mb-3"
              label={t('casework.intervention.healthShare')}
              hint={euroHint}
              inputMode="decimal"
              value={f.healthShare}
              onChange={set('healthShare')}
              error={errors.healthShareCents}
            />
            <TextInput
              id="hoursPerMonth"
              className="col-12 col-md-6 mb-3"
              label={t('casework.intervention.hoursPerMonth')}
              hint={t('casework.intervention.hoursHint', { max: MAX_HOURS })}
              inputMode="decimal"
              value={f.hoursPerMonth}
              onChange={set('hoursPerMonth')}
              error={errors.hoursPerMonth}
            />
            <Select
              id="fundingSource"
              className="col-12 col-md-6 mb-3"
              label={t('casework.intervention.fundingSource')}
              value={f.fundingSource}
              onChange={set('fundingSource')}
              placeholder={t('casework.notSpecified')}
              options={codeLists.fundingSources.map((x) => ({ value: x.code, label: codeLabel(x) ?? x.code }))}
              error={errors.fundingSource}
            />
          </div>
          <Checkbox
            id="meansTested"
            label={t('casework.intervention.meansTested')}
            checked={f.meansTested}
            onChange={set('meansTested')}
            error={errors.meansTested}
          />
          {f.meansTested && (
            <TextInput
              id="iseeCents"
              className="col-12 col-md-4 mb-3"
              label={t('casework.intervention.isee')}
              hint={euroHint}
              inputMode="decimal"
              value={f.isee}
              onChange={set('isee')}
              error={errors.iseeCents}
            />
          )}
          {f.startDate && f.type && providers.length === 0 && (
            <p className="small text-muted">
              {t('casework.intervention.noAccreditedProvider', { date: formatDate(f.startDate) })}
            </p>
          )}
          <FormErrors errors={state.errors} failure={state.failure} placed={(x) => FIELDS.includes(x)} />
          <CaseworkActions running={state.running} submit={t('casework.intervention.requestSubmit')} backTo={c.id} />
        </form>
      )}
    </CaseworkPage>
  );
}
