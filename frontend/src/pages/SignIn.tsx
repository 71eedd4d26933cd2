import { Alert, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { execute } from '../api/client';
import { SignInMutation, useViewer } from '../api/viewer';

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignIn() {
  const { t } = useTranslation();
  const { status, setViewer } = useViewer();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signedIn' && !submitting) return <Navigate to={next} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signIn.required'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const result = await execute(SignInMutation, { input: { username: username.trim(), password } });
      const viewer = result.data?.signIn.viewer;
      if (viewer) {
        setViewer(viewer);
        navigate(next, { replace: true });
        return;
      }
      setError(t('signIn.failed', { message: result.errors[0]?.message ?? '?' }));
    } catch {
      setError(t('app.networkError'));
    }
    setSubmitting(false);
    setPassword('');
  }

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-5">
        <h1 className="h2">{t('signIn.title')}</h1>
        <p>{t('signIn.intro')}</p>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={error ? 'signin-error' : undefined}>
          {error && (
            <Alert color="danger" id="signin-error" role="alert">
              {error}
            </Alert>
          )}
          <div className="form-group">
            <label htmlFor="username" className="active">
              {t('signIn.username')}
            </label>
            <input
              id="username"
              name="username"
              className="form-control"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label htmlFor="password" className="active">
              {t('signIn.password')}
            </label>
            <input
              id="password"
              name="password"
              type="password"
              className="form-control"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <Button color="primary" type="submit" disabled={submitting} className="w-100">
            {submitting ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
        </form>
      </div>
    </div>
  );
}
