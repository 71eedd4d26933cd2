import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { paths } from '../../components/links';
import { graphql } from '../../gql';
import type { AssessmentKind, RecordAssessmentInput, SinaInput } from '../../gql/graphql';
import { today } from '../../lib/format';
import {
  addYears,
  casePermissions,
  CaseworkPage,
  focusFirst,
  FormErrors,
  mergeErrors,
  newIdempotencyKey,
  NotAllowed,
  useRoles,
  nodeWith,
  NodeStatus,
  citizenName,
} from './common';
import { CaseworkActions } from './form';
import { RadioGroup, Select, TextArea, TextInput } from '../../components/form';
import '../../i18n/areas/casework';

const AssessmentPageDocument = graphql(`
  query AssessmentPage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        zone {
          id
          code
        }
        userArea {
          code
          inpsArea
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
  }
`);

export const RecordAssessmentDocument = graphql(`
  mutation RecordAssessment($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      assessment {
        id
        kind
        assessedOn
      }
    }
  }
`);

/** The seven SINA dimensions with their highest value (behavioural disorders: 2; the others: 3). */
export const SINA_DIMENSIONS: { key: keyof SinaInput; max: number }[] = [
  { key: 'mobility', max: 3 },
  { key: 'dailyActivities', max: 3 },
  { key: 'cognitiveDisorders', max: 3 },
  { key: 'behaviouralDisorders', max: 2 },
  { key: 'healthCareNeed', max: 3 },
  { key: 'income', max: 3 },
  { key: 'supportNetwork', max: 3 },
];

/** The headings a family/minor assessment usually covers; each row's label is its key. */
const FAMILY_TOPICS = ['housing', 'income', 'network', 'health', 'parenting', 'school', 'risks', 'strengths'] as const;

const MAX_OBSERVATIONS = 8000;
const MAX_FAMILY_ENTRIES = 20;
const MAX_FAMILY_KEY = 100;
const MAX_FAMILY_VALUE = 1000;

interface FamilyRow {
  key: string;
  value: string;
  preset: boolean;
}

export default function Assessment() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const roles = useRoles();
  const page = useQuery(AssessmentPageDocument, { id });
  const node = page.data?.node;
  const c = nodeWith(node, 'status');
  const [run, state] = useMutation(RecordAssessmentDocument);
  const idempotencyKey = useMemo(() => newIdempotencyKey(), []);
  const [kindChoice, setKind] = useState<AssessmentKind | ''>('');
  const [assessedOn, setAssessedOn] = useState(today());
  const [sina, setSina] = useState<Record<string, string>>({});
  const [family, setFamily] = useState<FamilyRow[]>(() =>
    FAMILY_TOPICS.map((k) => ({ key: t(`casework.assessment.family.${k}`), value: '', preset: true })),
  );
  const [observations, setObservations] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  if (!c) return <NodeStatus page={page} />;
  const can = casePermissions(c, roles);
  // SINA is the assessment of non-self-sufficiency (INPS area 2), family/minor the one of area 1.
  const suggested: AssessmentKind =
    c.userArea?.inpsArea === 2 ? 'SINA' : c.userArea?.inpsArea === 1 ? 'FAMILY_MINOR' : 'FREE';
  const kind: AssessmentKind = kindChoice || suggested;

  const filled = family.filter((r) => r.value.trim() !== '');

  const validate = () => {
    const e: Record<string, string> = {};
    const now = today();
    if (!assessedOn) e.assessedOn = t('casework.errors.required');
    else if (assessedOn > now) e.assessedOn = t('casework.errors.dateFuture');
    else if (assessedOn < addYears(now, -1)) e.assessedOn = t('casework.errors.dateTooOld');
    if (kind === 'SINA') {
      for (const d of SINA_DIMENSIONS) {
        const v = Number(sina[d.key]);
        if (!(v >= 1 && v <= d.max)) e[`sina.${d.key}`] = t('casework.assessment.sinaRequired', { max: d.max });
      }
    }
    if (kind === 'FAMILY_MINOR') {
      if (filled.length === 0) e.familyAssessment = t('casework.assessment.familyRequired');
      else if (filled.length > MAX_FAMILY_ENTRIES)
        e.familyAssessment = t('casework.assessment.familyTooMany', { max: MAX_FAMILY_ENTRIES });
      const seen = new Set<string>();
      family.forEach((r, i) => {
        if (r.value.trim() === '') return;
        const k = r.key.trim();
        if (k === '' || k.length > MAX_FAMILY_KEY)
          e[`family-${i}-key`] = t('casework.assessment.familyKey', { max: MAX_FAMILY_KEY });
        else if (seen.has(k)) e[`family-${i}-key`] = t('casework.assessment.familyDuplicate');
        seen.add(k);
        if (r.value.trim().length > MAX_FAMILY_VALUE)
          e[`family-${i}-value`] = t('casework.errors.tooLong', { max: MAX_FAMILY_VALUE });
      });
    }
    if (observations.trim().length > MAX_OBSERVATIONS)
      e.observations = t('casework.errors.tooLong', { max: MAX_OBSERVATIONS });
    else if (kind === 'FREE' && !observations.trim()) e.observations = t('casework.assessment.observationsRequired');
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setClientErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const input: RecordAssessmentInput = {
      caseId: c.id,
      kind,
      assessedOn,
      observations: observations.trim() || null,
      idempotencyKey,
    };
    if (kind === 'SINA') {
      input.sina = Object.fromEntries(SINA_DIMENSIONS.map((d) => [d.key, Number(sina[d.key])])) as unknown as SinaInput;
    }
    if (kind === 'FAMILY_MINOR') {
      input.familyAssessment = filled.map((r) => ({ key: r.key.trim(), value: r.value.trim() }));
    }
    const result = await run({ input }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.recordAssessment.assessment) {
      void navigate(`${paths.case(c.id)}#valutazioni`);
    } else if (result) focusFirst(mergeErrors({}, result.errors));
  };

  const server = mergeErrors({}, state.errors);
  const errors = { ...server, ...clientErrors };
  // The server names a family entry by its key (familyAssessment.<key>): show it at that row.
  family.forEach((r, i) => {
    const msg = server[`familyAssessment.${r.key.trim()}`];
    if (msg && !errors[`family-${i}-value`]) errors[`family-${i}-value`] = msg;
  });
  const placed = (f: string) =>
    ['kind', 'assessedOn', 'observations', 'familyAssessment', 'sina'].includes(f) ||
    f.startsWith('sina.') ||
    family.some((r) => f === `familyAssessment.${r.key.trim()}`);
  const setRow = (i: number, patch: Partial<FamilyRow>) =>
    setFamily((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const name = citizenName(c.citizen);

  return (
    <CaseworkPage caseId={c.id} title={t('casework.assessment.title')} subtitle={name}>
      {!can.writeCare ? (
        <NotAllowed>{c.status === 'CLOSED' ? t('casework.closedCase') : t('casework.teamOnly')}</NotAllowed>
      ) : (
        <form onSubmit={onSubmit} noValidate className="col-12 col-lg-9">
          <RadioGroup
            name="kind"
            legend={t('casework.assessment.kind')}
            required
            value={kind}
            onChange={(v) => setKind(v as AssessmentKind)}
            options={(['SINA', 'FAMILY_MINOR', 'FREE'] as const).map((k) => ({
              value: k,
              label: t(`assessmentKind.${k}`),
            }))}
            error={errors.kind}
          />
          <TextInput
            id="assessedOn"
            type="date"
            label={t('casework.assessment.assessedOn')}
            required
            value={assessedOn}
            onChange={setAssessedOn}
            max={today()}
            min={addYears(today(), -1)}
            error={errors.assessedOn}
          />

          {kind === 'SINA' && (
            <fieldset className="mb-3">
              <legend className="h6">{t('casework.assessment.sinaTitle')}</legend>
              <p className="small text-muted">{t('casework.assessment.sinaIntro')}</p>
              {errors.sina && (
                <div className="invalid-feedback d-block" role="alert">
                  {errors.sina}
                </div>
              )}
              <div className="row">
                {SINA_DIMENSIONS.map((d) => (
                  <Select
                    key={d.key}
                    id={`sina.${d.key}`}
                    className="col-12 col-md-6 mb-3"
                    label={t(`casework.assessment.sina.${d.key}.label`)}
                    required
                    value={sina[d.key] ?? ''}
                    onChange={(v) => setSina((s) => ({ ...s, [d.key]: v }))}
                    placeholder={t('casework.choose')}
                    options={Array.from({ length: d.max }, (_, i) => ({
                      value: String(i + 1),
                      label: `${i + 1} – ${t(`casework.assessment.sina.${d.key}.${i + 1}` as 'casework.assessment.sina.mobility.1')}`,
                    }))}
                    error={errors[`sina.${d.key}`]}
                  />
                ))}
              </div>
            </fieldset>
          )}

          {kind === 'FAMILY_MINOR' && (
            <fieldset className="mb-3" aria-describedby="familyAssessment-intro">
              <legend className="h6">{t('casework.assessment.familyTitle')}</legend>
              <p className="small text-muted" id="familyAssessment-intro">
                {t('casework.assessment.familyIntro', { max: MAX_FAMILY_ENTRIES })}
              </p>
              {errors.familyAssessment && (
                <div className="invalid-feedback d-block" role="alert" id="familyAssessment" tabIndex={-1}>
                  {errors.familyAssessment}
                </div>
              )}
              {family.map((r, i) =>
                r.preset ? (
                  <TextArea
                    key={i}
                    id={`family-${i}-value`}
                    label={r.key}
                    rows={2}
                    value={r.value}
                    onChange={(v) => setRow(i, { value: v })}
                    maxLength={MAX_FAMILY_VALUE}
                    error={errors[`family-${i}-value`] ?? errors[`family-${i}-key`]}
                  />
                ) : (
                  <div className="row align-items-end" key={i}>
                    <TextInput
                      id={`family-${i}-key`}
                      className="col-12 col-md-4 mb-3"
                      label={t('casework.assessment.familyKeyLabel')}
                      value={r.key}
                      onChange={(v) => setRow(i, { key: v })}
                      maxLength={MAX_FAMILY_KEY}
                      error={errors[`family-${i}-key`]}
                    />
                    <TextArea
                      id={`family-${i}-value`}
                      className="col-12 col-md-6 mb-3"
                      label={t('casework.assessment.familyValueLabel')}
                      rows={2}
                      value={r.value}
                      onChange={(v) => setRow(i, { value: v })}
                      maxLength={MAX_FAMILY_VALUE}
                      error={errors[`family-${i}-value`]}
                    />
                    <div className="col-12 col-md-2 mb-3">
                      <button
                        type="button"
                        className="btn btn-outline-secondary btn-sm"
                        onClick={() => setFamily((rows) => rows.filter((_, j) => j !== i))}
                      >
                        {t('casework.remove')}
                      </button>
                    </div>
                  </div>
                ),
              )}
              {family.length < MAX_FAMILY_ENTRIES && (
                <button
                  type="button"
                  className="btn btn-outline-primary btn-sm"
                  onClick={() => setFamily((rows) => [...rows, { key: '', value: '', preset: false }])}
                >
                  {t('casework.assessment.familyAdd')}
                </button>
              )}
            </fieldset>
          )}

          <TextArea
            id="observations"
            label={t('casework.assessment.observations')}
            required={kind === 'FREE'}
            rows={kind === 'FREE' ? 8 : 4}
            value={observations}
            onChange={setObservations}
            maxLength={MAX_OBSERVATIONS}
            error={errors.observations}
          />
          <FormErrors errors={state.errors} failure={state.failure} placed={placed} />
          <CaseworkActions running={state.running} submit={t('casework.assessment.submit')} backTo={c.id} />
        </form>
      )}
    </CaseworkPage>
  );
}
