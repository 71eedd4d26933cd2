import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { FormErrors } from '../../components/form';
import { NotFound, QueryStatus } from '../../components/Status';
import type { AdminOperatorQuery } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import {
  AdminChoicesDocument,
  AdminOperatorDocument,
  AdminResetOperatorPasswordDocument,
  AdminSetOperatorActiveDocument,
  AdminUpdateOperatorDocument,
} from './api';
import { AdminNav, AdminOnly, adminPaths, focusFirstError, OneTimeSecret, useFieldMessages } from './common';
import { EventList } from './Events';
import { fieldId, OperatorFields, roleInput, type OperatorDraft } from './OperatorFields';
import { shownFields } from './OperatorNew';
import { displayNameProblem, normalizeName, officeProblems, roleProblems, type Problems } from './validation';
import '../../i18n/areas/admin';

type Op = Extract<NonNullable<AdminOperatorQuery['node']>, { username: string }>;

function draftOf(op: Op): OperatorDraft {
  return {
    displayName: op.displayName,
    professionCode: op.profession?.code ?? '',
    organizationId: op.organization?.id ?? '',
    officeIds: op.offices.map((o) => o.id),
    roles: op.roles.map((r) => ({ role: r.role, zoneCode: r.zone?.code ?? '', officeId: r.office?.id ?? '' })),
  };
}

/** /amministrazione/operatori/:id: change an operator, (de)activate them, reset their password. */
export default function OperatorEdit() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('admin.operator.editTitle')}</h1>
      <AdminNav />
      <AdminOnly>
        <EditOperator />
      </AdminOnly>
    </section>
  );
}

function EditOperator() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { viewer } = useViewer();
  const page = useQuery(AdminOperatorDocument, { id });
  const choices = useQuery(AdminChoicesDocument, {});
  const node = page.data?.node;
  const op = node && 'username' in node ? (node as Op) : null;
  const [draft, setDraft] = useState<OperatorDraft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState<'deactivate' | 'reset' | null>(null);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const [update, updateState] = useMutation(AdminUpdateOperatorDocument);
  const [setActive, activeState] = useMutation(AdminSetOperatorActiveDocument);
  const [reset, resetState] = useMutation(AdminResetOperatorPasswordDocument);
  const errorFor = useFieldMessages(problems, updateState.errors);

  const version = op?.version;
  useEffect(() => {
    if (op) setDraft(draftOf(op));
    // reload the form when another version of the operator arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [op?.id, version]);

  if (page.data && !op && !page.loading) return <NotFound />;
  if (!op || !draft) return <QueryStatus {...page} hasData={false} onRetry={page.refetch} />;

  const self = viewer?.id === op.id;
  const officeZone = (oid: string) => choices.data?.offices.edges.find((e) => e.node.id === oid)?.node.zone?.code;

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(false);
    const p: Problems = {};
    const dn = displayNameProblem(draft.displayName);
    if (dn) p.displayName = dn;
    Object.assign(p, officeProblems(draft.officeIds));
    if (!self) Object.assign(p, roleProblems(draft.roles, officeZone));
    setProblems(p);
    if (Object.keys(p).length > 0) {
      focusFirstError(
        shownFields(draft.roles.length)
          .filter((f) => p[f])
          .map(fieldId),
      );
      return;
    }
    const result = await update({
      input: {
        operatorId: op.id,
        version: op.version ?? 0,
        displayName: normalizeName(draft.displayName),
        professionCode: draft.professionCode,
        organizationId: draft.organizationId,
        officeIds: draft.officeIds,
        roles: self ? null : roleInput(draft.roles),
      },
    }).catch(() => null);
    if (result?.data?.updateOperator.operator) {
      setSaved(true);
      page.refetch();
    } else if (result) {
      const fields = result.errors.map((e) => e.extensions?.field).filter((f): f is string => typeof f === 'string');
      focusFirstError(fields.map(fieldId));
    }
  };

  const onActive = async (active: boolean) => {
    setConfirm(null);
    const r = await setActive({ input: { operatorId: op.id, active } }).catch(() => null);
    if (r?.data) page.refetch();
  };

  const onReset = async () => {
    setConfirm(null);
    const r = await reset({ input: { operatorId: op.id } }).catch(() => null);
    const pw = r?.data?.resetOperatorPassword.oneTimePassword;
    if (pw) {
      setOneTimePassword(pw);
      page.refetch();
    }
  };

  return (
    <>
      <dl className="row mb-3">
        <dt className="col-sm-3">{t('admin.operator.username')}</dt>
        <dd className="col-sm-9 font-monospace">{op.username}</dd>
        <dt className="col-sm-3">{t('admin.operators.state')}</dt>
        <dd className="col-sm-9">
          {op.active === false ? (
            <span className="badge bg-secondary">{t('admin.operators.inactive')}</span>
          ) : (
            <span className="badge bg-success">{t('admin.operators.active')}</span>
          )}
          {op.lockedUntil && new Date(op.lockedUntil) > new Date() && (
            <span className="badge bg-warning text-dark ms-2">
              {t('admin.operator.lockedUntil', { at: formatDateTime(op.lockedUntil) })}
            </span>
          )}
        </dd>
        <dt className="col-sm-3">{t('admin.operator.lastSignIn')}</dt>
        <dd className="col-sm-9">{formatDateTime(op.lastSignInAt) ?? t('admin.never')}</dd>
      </dl>

      {oneTimePassword && (
        <OneTimeSecret
          id="op-one-time-password"
          label={t('admin.secret.passwordLabel')}
          secret={oneTimePassword}
          warning={t('admin.secret.passwordWarning')}
          onDismiss={() => setOneTimePassword(null)}
        />
      )}

      <section className="card card-bg mb-4" aria-labelledby="op-actions-title">
        <div className="card-body">
          <h2 className="h5" id="op-actions-title">
            {t('admin.operator.access')}
          </h2>
          <div className="d-flex flex-wrap gap-2">
            {op.active === false ? (
              <button type="button" className="btn btn-outline-primary" onClick={() => void onActive(true)}>
                {t('admin.operator.activate')}
              </button>
            ) : (
              !self && (
                <button type="button" className="btn btn-outline-danger" onClick={() => setConfirm('deactivate')}>
                  {t('admin.operator.deactivate')}
                </button>
              )
            )}
            <button type="button" className="btn btn-outline-primary" onClick={() => setConfirm('reset')}>
              {t('admin.operator.resetPassword')}
            </button>
          </div>
          {confirm && (
            <div className="alert alert-info mt-3" role="alertdialog" aria-labelledby="op-confirm-text">
              <p id="op-confirm-text">
                {confirm === 'deactivate'
                  ? t('admin.operator.confirmDeactivate', { name: op.displayName })
                  : t('admin.operator.confirmReset', { name: op.displayName })}
              </p>
              <div className="d-flex gap-2">
                <button
                  type="button"
                  className="btn btn-danger btn-sm"
                  autoFocus
                  onClick={() => void (confirm === 'deactivate' ? onActive(false) : onReset())}
                >
                  {confirm === 'deactivate' ? t('admin.operator.deactivate') : t('admin.operator.resetPassword')}
                </button>
                <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setConfirm(null)}>
                  {t('admin.cancel')}
                </button>
              </div>
            </div>
          )}
          <FormErrors
            errors={[...activeState.errors, ...resetState.errors]}
            failure={activeState.failure ?? resetState.failure}
          />
        </div>
      </section>

      <form noValidate onSubmit={(e) => void onSubmit(e)} className="mb-4">
        <OperatorFields
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            setSaved(false);
          }}
          errorFor={errorFor}
          choices={choices.data}
          rolesLocked={self}
        />
        <FormErrors
          errors={updateState.errors}
          failure={updateState.failure}
          shownFields={shownFields(draft.roles.length)}
        />
        <div aria-live="polite">{saved && <p className="text-success">{t('admin.operator.saved')}</p>}</div>
        <div className="d-flex gap-2">
          <button type="submit" className="btn btn-primary" disabled={updateState.running}>
            {t('admin.save')}
          </button>
          <Link className="btn btn-outline-secondary" to={adminPaths.home}>
            {t('admin.back')}
          </Link>
        </div>
      </form>

      <section aria-labelledby="op-events-title">
        <h2 className="h5" id="op-events-title">
          {t('admin.events.ofOperator')}
        </h2>
        <EventList operatorId={op.id} refreshKey={op.version} />
      </section>
    </>
  );
}
