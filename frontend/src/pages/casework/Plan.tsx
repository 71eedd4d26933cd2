import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { paths } from '../../components/links';
import { graphql } from '../../gql';
import type { GoalOutcome, GoalTerm, PlanBeneficiary, PlanPageQuery } from '../../gql/graphql';
import { formatDate, today } from '../../lib/format';
import {
  addYears,
  casePermissions,
  CaseworkPage,
  dateOf,
  focusFirst,
  FormErrors,
  mergeErrors,
  NotAllowed,
  useRoles,
  nodeWith,
  NodeStatus,
  citizenName,
} from './common';
import { CaseworkActions } from './form';
import { Select, TextArea, TextInput } from '../../components/form';
import '../../i18n/areas/casework';

const PlanPageDocument = graphql(`
  query PlanPage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        openedAt
        zone {
          id
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
        plan {
          id
          version
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
      }
    }
  }
`);

export const SavePlanDocument = graphql(`
  mutation SavePlan($input: SavePlanInput!) {
    savePlan(input: $input) {
      plan {
        id
        version
      }
    }
  }
`);

const BENEFICIARIES: PlanBeneficiary[] = ['PERSON', 'HOUSEHOLD', 'GROUP'];
const TERMS: GoalTerm[] = ['SHORT', 'MEDIUM', 'LONG'];
const OUTCOMES: GoalOutcome[] = ['PENDING', 'REACHED', 'PARTLY_REACHED', 'NOT_REACHED'];
const MAX_GOALS = 30;
const MAX_SUMMARY = 4000;
const MAX_GOAL_TEXT = 1000;

interface GoalDraft {
  description: string;
  term: GoalTerm | '';
  indicator: string;
  outcome: GoalOutcome;
}

type PlanData = NonNullable<Extract<NonNullable<PlanPageQuery['node']>, { status: unknown }>['plan']>;

export default function Plan() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const roles = useRoles();
  const page = useQuery(PlanPageDocument, { id });
  const [conflict, setConflict] = useState<string | null>(null);
  const node = page.data?.node;
  const c = nodeWith(node, 'status');

  if (!c) return <NodeStatus page={page} />;
  const can = casePermissions(c, roles);
  const name = citizenName(c.citizen);

  return (
    <CaseworkPage caseId={c.id} title={t('casework.plan.title')} subtitle={name}>
      {conflict !== null && (
        <div className="alert alert-warning" role="alert">
          <p className="mb-1">{t('casework.plan.conflict', { version: c.plan?.version ?? '—' })}</p>
          <p className="small mb-0">{t('casework.plan.serverSaid', { message: conflict })}</p>
        </div>
      )}
      {!can.writeCare ? (
        <NotAllowed>{c.status === 'CLOSED' ? t('casework.closedCase') : t('casework.teamOnly')}</NotAllowed>
      ) : (
        // A new plan version (after a CONFLICT and the reload) starts the form again from what the server has.
        <PlanForm
          key={c.plan ? `v${c.plan.version ?? 0}` : 'new'}
          caseId={c.id}
          openedOn={dateOf(c.openedAt)}
          plan={c.plan}
          onConflict={(message) => {
            setConflict(message);
            page.refetch();
          }}
          onSaved={() => setConflict(null)}
        />
      )}
    </CaseworkPage>
  );
}

function PlanForm({
  caseId,
  openedOn,
  plan,
  onConflict,
  onSaved,
}: {
  caseId: string;
  openedOn: string | null;
  plan: PlanData | null;
  onConflict: (message: string) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [run, state] = useMutation(SavePlanDocument);
  const [beneficiary, setBeneficiary] = useState<PlanBeneficiary | ''>(plan?.beneficiary ?? 'PERSON');
  const [drawnUpOn, setDrawnUpOn] = useState(plan?.drawnUpOn ?? today());
  const [reviewOn, setReviewOn] = useState(plan?.reviewOn ?? '');
  const [summary, setSummary] = useState(plan?.summary ?? '');
  const [goals, setGoals] = useState<GoalDraft[]>(() =>
    plan?.goals && plan.goals.length > 0
      ? plan.goals.map((g) => ({
          description: g.description ?? '',
          term: g.term ?? '',
          indicator: g.indicator ?? '',
          outcome: g.outcome ?? 'PENDING',
        }))
      : [{ description: '', term: '', indicator: '', outcome: 'PENDING' }],
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const setGoal = (i: number, patch: Partial<GoalDraft>) =>
    setGoals((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const move = (i: number, by: number) =>
    setGoals((gs) => {
      const next = [...gs];
      const [g] = next.splice(i, 1);
      if (g) next.splice(i + by, 0, g);
      return next;
    });

  const validate = () => {
    const e: Record<string, string> = {};
    const now = today();
    if (!beneficiary) e.beneficiary = t('casework.errors.required');
    if (drawnUpOn) {
      if (drawnUpOn > now) e.drawnUpOn = t('casework.errors.dateFuture');
      else if (openedOn && drawnUpOn < openedOn)
        e.drawnUpOn = t('casework.errors.beforeOpened', { date: formatDate(openedOn) ?? openedOn });
    }
    const drawn = drawnUpOn || now;
    if (reviewOn) {
      if (reviewOn <= drawn) e.reviewOn = t('casework.plan.reviewAfter');
      else if (reviewOn > addYears(drawn, 2)) e.reviewOn = t('casework.plan.reviewWithin');
    }
    if (summary.trim().length > MAX_SUMMARY) e.summary = t('casework.errors.tooLong', { max: MAX_SUMMARY });
    if (goals.length === 0) e.goals = t('casework.plan.goalsRequired');
    if (goals.length > MAX_GOALS) e.goals = t('casework.plan.goalsTooMany', { max: MAX_GOALS });
    goals.forEach((g, i) => {
      if (!g.description.trim()) e[`goals[${i}].description`] = t('casework.errors.required');
      else if (g.description.trim().length > MAX_GOAL_TEXT)
        e[`goals[${i}].description`] = t('casework.errors.tooLong', { max: MAX_GOAL_TEXT });
      if (!g.term) e[`goals[${i}].term`] = t('casework.errors.required');
      if (g.indicator.trim().length > MAX_GOAL_TEXT)
        e[`goals[${i}].indicator`] = t('casework.errors.tooLong', { max: MAX_GOAL_TEXT });
    });
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setClientErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await run({
      input: {
        caseId,
        // the version read: the server refuses (CONFLICT) a plan changed meanwhile
        version: plan ? (plan.version ?? null) : null,
        beneficiary: beneficiary as PlanBeneficiary,
        drawnUpOn: drawnUpOn || null,
        reviewOn: reviewOn || null,
        summary: summary.trim() || null,
        goals: goals.map((g) => ({
          description: g.description.trim(),
          term: g.term as GoalTerm,
          indicator: g.indicator.trim() || null,
          outcome: g.outcome,
        })),
      },
    }).catch(() => null);
    if (!result) return;
    if (result.errors.length === 0 && result.data?.savePlan.plan) {
      onSaved();
      void navigate(`${paths.case(caseId)}#progetto`);
    } else if (hasErrorCode(result.errors, 'CONFLICT')) {
      onConflict(result.errors.find((x) => x.extensions?.code === 'CONFLICT')?.message ?? '');
    } else focusFirst(mergeErrors({}, result.errors));
  };

  const errors = mergeErrors(clientErrors, state.errors);
  const placed = (f: string) =>
    ['beneficiary', 'drawnUpOn', 'reviewOn', 'summary', 'goals'].includes(f) || /^goals\[\d+\]\./.test(f);
  const conflictShown = hasErrorCode(state.errors, 'CONFLICT');

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="row">
        <Select
          id="beneficiary"
          className="col-12 col-md-4 mb-3"
          label={t('case.planBeneficiary')}
          required
          value={beneficiary}
          onChange={(v) => setBeneficiary(v as PlanBeneficiary)}
          options={BENEFICIARIES.map((b) => ({ value: b, label: t(`planBeneficiary.${b}`) }))}
          error={errors.beneficiary}
        />
        <TextInput
          id="drawnUpOn"
          type="date"
          className="col-12 col-md-4 mb-3"
          label={t('case.planDrawnUpOn')}
          value={drawnUpOn}
          onChange={setDrawnUpOn}
          min={openedOn ?? undefined}
          max={today()}
          error={errors.drawnUpOn}
        />
        <TextInput
          id="reviewOn"
          type="date"
          className="col-12 col-md-4 mb-3"
          label={t('case.planReviewOn')}
          hint={t('casework.plan.reviewHint')}
          value={reviewOn}
          onChange={setReviewOn}
          error={errors.reviewOn}
        />
      </div>
      <TextArea
        id="summary"
        label={t('case.summary')}
        rows={4}
        value={summary}
        onChange={setSummary}
        maxLength={MAX_SUMMARY}
        error={errors.summary}
      />
      <fieldset className="mb-3">
        <legend className="h5">{t('case.goals')}</legend>
        {errors.goals && (
          <div className="invalid-feedback d-block" role="alert" id="goals" tabIndex={-1}>
            {errors.goals}
          </div>
        )}
        <ol className="list-unstyled">
          {goals.map((g, i) => (
            <li key={i} className="border rounded p-3 mb-3">
              <h3 className="h6">{t('casework.plan.goalN', { n: i + 1 })}</h3>
              <TextArea
                id={`goals[${i}].description`}
                label={t('casework.plan.goalDescription')}
                required
                rows={2}
                value={g.description}
                onChange={(v) => setGoal(i, { description: v })}
                maxLength={MAX_GOAL_TEXT}
                error={errors[`goals[${i}].description`]}
              />
              <div className="row">
                <Select
                  id={`goals[${i}].term`}
                  className="col-12 col-md-4 mb-3"
                  label={t('case.goalTerm')}
                  required
                  value={g.term}
                  onChange={(v) => setGoal(i, { term: v as GoalTerm })}
                  placeholder={t('casework.choose')}
                  options={TERMS.map((x) => ({ value: x, label: t(`goalTerm.${x}`) }))}
                  error={errors[`goals[${i}].term`]}
                />
                <TextInput
                  id={`goals[${i}].indicator`}
                  className="col-12 col-md-4 mb-3"
                  label={t('casework.plan.goalIndicator')}
                  value={g.indicator}
                  onChange={(v) => setGoal(i, { indicator: v })}
                  maxLength={MAX_GOAL_TEXT}
                  error={errors[`goals[${i}].indicator`]}
                />
                <Select
                  id={`goals[${i}].outcome`}
                  className="col-12 col-md-4 mb-3"
                  label={t('case.goalOutcome')}
                  value={g.outcome}
                  onChange={(v) => setGoal(i, { outcome: v as GoalOutcome })}
                  options={OUTCOMES.map((x) => ({ value: x, label: t(`goalOutcome.${x}`) }))}
                  error={errors[`goals[${i}].outcome`]}
                />
              </div>
              <div className="d-flex flex-wrap gap-2">
                <button
                  type="button"
                  className="btn btn-outline-secondary btn-sm"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('casework.plan.moveUp', { n: i + 1 })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-outline-secondary btn-sm"
                  disabled={i === goals.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('casework.plan.moveDown', { n: i + 1 })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-outline-danger btn-sm"
                  disabled={goals.length === 1}
                  onClick={() => setGoals((gs) => gs.filter((_, j) => j !== i))}
                >
                  {t('casework.plan.removeGoal', { n: i + 1 })}
                </button>
              </div>
            </li>
          ))}
        </ol>
        {goals.length < MAX_GOALS && (
          <button
            type="button"
            className="btn btn-outline-primary btn-sm"
            onClick={() => setGoals((gs) => [...gs, { description: '', term: '', indicator: '', outcome: 'PENDING' }])}
          >
            {t('casework.plan.addGoal')}
          </button>
        )}
      </fieldset>
      {!conflictShown && <FormErrors errors={state.errors} failure={state.failure} placed={placed} />}
      <CaseworkActions running={state.running} submit={t('casework.plan.submit')} backTo={caseId} />
    </form>
  );
}
