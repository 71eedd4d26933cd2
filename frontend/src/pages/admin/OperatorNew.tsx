import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { FormErrors } from '../../components/form';
import { AdminChoicesDocument, AdminCreateOperatorDocument } from './api';
import { AdminNav, AdminOnly, adminPaths, focusFirstError, OneTimeSecret, useFieldMessages } from './common';
import { emptyDraft, fieldId, OperatorFields, roleInput, type OperatorDraft } from './OperatorFields';
import {
  displayNameProblem,
  MIN_PASSWORD,
  normalizeName,
  normalizeUsername,
  officeProblems,
  passwordProblem,
  roleProblems,
  usernameProblem,
  type Problems,
} from './validation';
import '../../i18n/areas/admin';

/** The fields of an operator form that have an input, for FormErrors. */
export function shownFields(roleCount: number): string[] {
  const out = ['username', 'password', 'displayName', 'professionCode', 'organizationId', 'officeIds', 'roles'];
  for (let i = 0; i < roleCount; i++) out.push(`roles[${i}].role`, `roles[${i}].zoneCode`, `roles[${i}].officeId`);
  return out;
}

interface Created {
  id: string;
  username: string;
  displayName: string;
  oneTimePassword: string | null;
}

/** /amministrazione/operatori/nuovo: a new operator, with a generated one-time password by default. */
export default function OperatorNew() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('admin.operators.new')}</h1>
      <AdminNav />
      <AdminOnly>
        <NewOperatorForm />
      </AdminOnly>
    </section>
  );
}

function NewOperatorForm() {
  const { t } = useTranslation();
  const choices = useQuery(AdminChoicesDocument, {});
  const [run, state] = useMutation(AdminCreateOperatorDocument);
  const [username, setUsername] = useState('');
  const [mode, setMode] = useState<'generate' | 'choose'>('generate');
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState<OperatorDraft>(emptyDraft);
  const [problems, setProblems] = useState<Problems>({});
  const [created, setCreated] = useState<Created | null>(null);
  const errorFor = useFieldMessages(problems, state.errors);

  const officeZone = (id: string) => choices.data?.offices.edges.find((e) => e.node.id === id)?.node.zone?.code;

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const p: Problems = {};
    const u = usernameProblem(username);
    if (u) p.username = u;
    if (mode === 'choose') {
      const pw = passwordProblem(password, username);
      if (pw) p.password = pw;
    }
    const dn = displayNameProblem(draft.displayName);
    if (dn) p.displayName = dn;
    Object.assign(p, officeProblems(draft.officeIds), roleProblems(draft.roles, officeZone));
    setProblems(p);
    if (Object.keys(p).length > 0) {
      focusFirstError(
        shownFields(draft.roles.length)
          .filter((f) => p[f])
          .map(fieldId),
      );
      return;
    }
    const result = await run({
      input: {
        username: normalizeUsername(username),
        displayName: normalizeName(draft.displayName),
        professionCode: draft.professionCode || null,
        organizationId: draft.organizationId || null,
        officeIds: draft.officeIds,
        roles: roleInput(draft.roles),
        password: mode === 'choose' ? password : null,
      },
    }).catch(() => null);
    const op = result?.data?.createOperator.operator;
    if (op) {
      setPassword('');
      setCreated({ ...op, oneTimePassword: result?.data?.createOperator.oneTimePassword ?? null });
    } else if (result) {
      const fields = result.errors.map((e) => e.extensions?.field).filter((f): f is string => typeof f === 'string');
      focusFirstError(fields.map(fieldId));
    }
  };

  if (created) {
    return (
      <div>
        <p role="status">{t('admin.operator.created', { name: created.displayName, username: created.username })}</p>
        {created.oneTimePassword && (
          <OneTimeSecret
            id="op-one-time-password"
            label={t('admin.secret.passwordLabel')}
            secret={created.oneTimePassword}
            warning={t('admin.secret.passwordWarning')}
            onDismiss={() => setCreated({ ...created, oneTimePassword: null })}
          />
        )}
        <div className="d-flex flex-wrap gap-2">
          <Link className="btn btn-primary" to={adminPaths.operator(created.id)}>
            {t('admin.operator.open')}
          </Link>
          <button
            type="button"
            className="btn btn-outline-primary"
            onClick={() => {
              setCreated(null);
              setUsername('');
              setDraft(emptyDraft);
              setProblems({});
            }}
          >
            {t('admin.operator.another')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className="mb-3">
        <label htmlFor="op-username" className="form-label">
          {t('admin.operator.username')} <span aria-hidden="true">*</span>
        </label>
        <input
          id="op-username"
          className={`form-control font-monospace${errorFor('username') ? ' is-invalid' : ''}`}
          value={username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-required
          aria-invalid={errorFor('username') ? true : undefined}
          aria-describedby={`op-username-hint${errorFor('username') ? ' op-username-error' : ''}`}
          onChange={(e) => setUsername(e.target.value)}
        />
        <small id="op-username-hint" className="form-text d-block">
          {t('admin.operator.usernameHint')}
        </small>
        {errorFor('username') && (
          <div id="op-username-error" className="invalid-feedback d-block" role="alert">
            {errorFor('username')}
          </div>
        )}
      </div>
      <OperatorFields draft={draft} onChange={setDraft} errorFor={errorFor} choices={choices.data} />
      <fieldset className="mb-3">
        <legend className="h6">{t('admin.operator.password')}</legend>
        <div className="form-check">
          <input
            id="op-pw-generate"
            type="radio"
            name="op-pw"
            checked={mode === 'generate'}
            onChange={() => setMode('generate')}
          />
          <label htmlFor="op-pw-generate">{t('admin.operator.passwordGenerate')}</label>
        </div>
        <div className="form-check">
          <input
            id="op-pw-choose"
            type="radio"
            name="op-pw"
            checked={mode === 'choose'}
            onChange={() => setMode('choose')}
          />
          <label htmlFor="op-pw-choose">{t('admin.operator.passwordChoose')}</label>
        </div>
        {mode === 'choose' && (
          <div className="mt-2">
            <label htmlFor="op-password" className="form-label">
              {t('admin.operator.passwordLabel')}
            </label>
            <input
              id="op-password"
              type="password"
              autoComplete="new-password"
              className={`form-control${errorFor('password') ? ' is-invalid' : ''}`}
              value={password}
              aria-invalid={errorFor('password') ? true : undefined}
              aria-describedby={`op-password-hint${errorFor('password') ? ' op-password-error' : ''}`}
              onChange={(e) => setPassword(e.target.value)}
            />
            <small id="op-password-hint" className="form-text d-block">
              {t('admin.operator.passwordHint', { min: MIN_PASSWORD })}
            </small>
            {errorFor('password') && (
              <div id="op-password-error" className="invalid-feedback d-block" role="alert">
                {errorFor('password')}
              </div>
            )}
          </div>
        )}
      </fieldset>
      <FormErrors errors={state.errors} failure={state.failure} shownFields={shownFields(draft.roles.length)} />
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary" disabled={state.running}>
          {t('admin.operator.create')}
        </button>
        <Link className="btn btn-outline-secondary" to={adminPaths.home}>
          {t('admin.cancel')}
        </Link>
      </div>
    </form>
  );
}
