import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { fieldErrors, useMutation } from '../api/useMutation';
import { useViewer } from '../api/viewer';
import { FormActions, FormErrors, TextInput } from '../components/form';
import { graphql } from '../gql';
import { MIN_PASSWORD, passwordProblem } from './admin/validation';
import { safeNext } from './SignIn';

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      viewer {
        ...ViewerFields
      }
    }
  }
`);

/** The server's input fields, which are also the ids of the inputs. */
const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
type FieldName = (typeof FIELDS)[number];

/** The messages of password.errors, by the key of the shared rule (admin/validation.ts). */
const RULE_MESSAGE = { passwordShort: 'short', passwordLong: 'long', passwordUsername: 'username' } as const;

/**
 * /password: the signed-in operator changes their own password. When the server asks for it
 * (viewer.mustChangePassword, after createOperator or resetOperatorPassword) RequireAuth sends
 * every screen here, and after the change the operator goes on to the page they asked for (?next=).
 */
export default function PasswordPage() {
  const { t } = useTranslation();
  const { viewer, setViewer } = useViewer();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [run, state] = useMutation(ChangePasswordMutation);
  const [values, setValues] = useState<Record<FieldName, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({});
  const server = fieldErrors(state.errors);

  function check(): Partial<Record<FieldName, string>> {
    const out: Partial<Record<FieldName, string>> = {};
    if (!values.currentPassword) out.currentPassword = t('password.errors.currentRequired');
    const rule = passwordProblem(values.newPassword, viewer?.username ?? '');
    if (rule && rule.key in RULE_MESSAGE) {
      out.newPassword = t(`password.errors.${RULE_MESSAGE[rule.key as keyof typeof RULE_MESSAGE]}`, rule.params);
    } else if (values.newPassword === values.currentPassword) {
      out.newPassword = t('password.errors.same');
    }
    if (values.confirmPassword !== values.newPassword) out.confirmPassword = t('password.errors.mismatch');
    return out;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = check();
    setProblems(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    const result = await run({
      input: { currentPassword: values.currentPassword, newPassword: values.newPassword },
    }).catch(() => null);
    const changed = result?.data?.changePassword.viewer;
    if (changed) {
      setViewer(changed);
      navigate(safeNext(params.get('next')), { replace: true });
      return;
    }
    const wrong = FIELDS.find((f) => result && fieldErrors(result.errors)[f]);
    if (wrong) document.getElementById(wrong)?.focus();
  }

  const input = (name: FieldName, label: string, autoComplete: string, hint?: string) => (
    <TextInput
      id={name}
      label={label}
      type="password"
      autoComplete={autoComplete}
      required
      value={values[name]}
      onChange={(v) => setValues((s) => ({ ...s, [name]: v }))}
      error={problems[name] ?? server[name]}
      hint={hint}
    />
  );

  return (
    <div className="row justify-content-center">
      <section className="col-12 col-md-8 col-lg-6">
        <h1 className="h2">{t('password.title')}</h1>
        {viewer?.mustChangePassword ? (
          <div className="alert alert-warning mb-4" role="status">
            {t('password.mustChange')}
          </div>
        ) : (
          <p>{t('password.intro')}</p>
        )}
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          {/* the username, for password managers */}
          <input type="hidden" name="username" autoComplete="username" value={viewer?.username ?? ''} readOnly />
          {input('currentPassword', t('password.current'), 'current-password')}
          {input('newPassword', t('password.new'), 'new-password', t('password.hint', { min: MIN_PASSWORD }))}
          {input('confirmPassword', t('password.confirm'), 'new-password')}
          <FormErrors errors={state.errors} failure={state.failure} shownFields={FIELDS} />
          <FormActions running={state.running} submit={t('password.submit')} saving={t('password.submitting')} />
        </form>
      </section>
    </div>
  );
}
