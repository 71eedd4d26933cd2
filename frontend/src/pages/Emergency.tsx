import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { fieldErrors, formErrors, useMutation } from '../api/useMutation';
import { useViewer } from '../api/viewer';
import { paths } from '../components/links';
import { graphql } from '../gql';
import { normalizeFiscalCode, validateFiscalCode } from '../lib/fiscalCode';
import '../i18n/areas/monitoring';

/** The server's rules (internal/care/privacy.go): at least 20 characters, 15 to 240 minutes. */
export const MIN_REASON = 20;
export const MAX_REASON = 2000;
export const DURATIONS = [15, 30, 60, 120, 240] as const;

export const DeclareEmergencyMutation = graphql(`
  mutation DeclareEmergencyAccess($input: DeclareEmergencyAccessInput!) {
    declareEmergencyAccess(input: $input) {
      emergencyAccess {
        id
        expiresAt
      }
      citizen {
        id
      }
    }
  }
`);

type Problems = Partial<Record<'fiscalCode' | 'reason' | 'durationMinutes', string>>;

/**
 * Break the glass: a social worker or zone manager opens, for a short time and on a written
 * reason, the record of a citizen outside their scope (/emergenza?cf=…).
 */
export default function Emergency() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [cf, setCf] = useState(normalizeFiscalCode(params.get('cf') ?? ''));
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<number>(240);
  const [local, setLocal] = useState<Problems>({});
  const [declare, state] = useMutation(DeclareEmergencyMutation);
  const allowed = viewer?.roles.some((r) => r === 'SOCIAL_WORKER' || r === 'ZONE_MANAGER') ?? false;

  const server = fieldErrors(state.errors);
  const notFound = state.errors.some((e) => e.extensions?.code === 'NOT_FOUND');
  const others = formErrors(state.errors).filter((e) => e.extensions?.code !== 'NOT_FOUND');
  const typedProblem = cf.length >= 16 ? validateFiscalCode(cf) : null;
  const errorFor = {
    fiscalCode:
      local.fiscalCode ??
      (typedProblem ? t(`fiscalCode.${typedProblem}`) : undefined) ??
      (notFound ? t('monitoring.emergency.notFound') : undefined) ??
      server.fiscalCode ??
      server.citizenId,
    reason: local.reason ?? server.reason,
    durationMinutes: local.durationMinutes ?? server.durationMinutes,
  };

  function validate(): Problems {
    const p: Problems = {};
    const cfProblem = validateFiscalCode(cf);
    if (cfProblem) p.fiscalCode = t(`fiscalCode.${cfProblem}`);
    const r = reason.trim();
    if ([...r].length < MIN_REASON) p.reason = t('monitoring.emergency.reasonTooShort', { min: MIN_REASON });
    else if ([...r].length > MAX_REASON) p.reason = t('monitoring.emergency.reasonTooLong', { max: MAX_REASON });
    if (!(duration >= 15 && duration <= 240)) p.durationMinutes = t('monitoring.emergency.durationInvalid');
    return p;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems = validate();
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      const first = Object.keys(problems)[0];
      document.getElementById(`em-${first}`)?.focus();
      return;
    }
    const result = await declare({
      input: { fiscalCode: cf, reason: reason.trim(), durationMinutes: duration },
    }).catch(() => null);
    const id = result?.data?.declareEmergencyAccess.citizen?.id;
    if (id) navigate(paths.citizen(id));
  }

  if (viewer && !allowed) {
    return (
      <section>
        <h1 className="h2">{t('monitoring.emergency.title')}</h1>
        <div className="alert alert-info">{t('monitoring.emergency.notAllowed')}</div>
      </section>
    );
  }

  const invalid = (f: keyof typeof errorFor) => (errorFor[f] ? ' is-invalid' : '');
  const describe = (f: keyof typeof errorFor, hint?: string) =>
    [errorFor[f] ? `em-${f}-error` : null, hint].filter(Boolean).join(' ') || undefined;
  const reasonLength = [...reason.trim()].length;

  return (
    <section>
      <h1 className="h2">{t('monitoring.emergency.title')}</h1>
      <div className="alert alert-warning" id="em-warning">
        <strong>{t('monitoring.emergency.warningTitle')}</strong> {t('monitoring.emergency.warning')}
      </div>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="col-12 col-lg-8">
        <div className="mb-3">
          <label htmlFor="em-fiscalCode" className="form-label fw-semibold">
            {t('monitoring.emergency.fiscalCode')}
          </label>
          <input
            id="em-fiscalCode"
            className={`form-control font-monospace${invalid('fiscalCode')}`}
            value={cf}
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            required
            onChange={(e) => {
              setCf(normalizeFiscalCode(e.target.value));
              setLocal((l) => ({ ...l, fiscalCode: undefined }));
            }}
            aria-invalid={errorFor.fiscalCode ? true : undefined}
            aria-describedby={describe('fiscalCode')}
          />
          {errorFor.fiscalCode && (
            <div id="em-fiscalCode-error" className="invalid-feedback d-block" role="alert">
              {errorFor.fiscalCode}
            </div>
          )}
        </div>
        <div className="mb-3">
          <label htmlFor="em-reason" className="form-label fw-semibold">
            {t('monitoring.emergency.reason')}
          </label>
          <textarea
            id="em-reason"
            className={`form-control${invalid('reason')}`}
            rows={4}
            value={reason}
            required
            maxLength={MAX_REASON}
            onChange={(e) => {
              setReason(e.target.value);
              setLocal((l) => ({ ...l, reason: undefined }));
            }}
            aria-invalid={errorFor.reason ? true : undefined}
            aria-describedby={describe('reason', 'em-reason-hint')}
          />
          <small id="em-reason-hint" className="form-text">
            {t('monitoring.emergency.reasonHint', { min: MIN_REASON, length: reasonLength })}
          </small>
          {errorFor.reason && (
            <div id="em-reason-error" className="invalid-feedback d-block" role="alert">
              {errorFor.reason}
            </div>
          )}
        </div>
        <div className="mb-3 col-12 col-sm-6">
          <label htmlFor="em-durationMinutes" className="form-label fw-semibold">
            {t('monitoring.emergency.duration')}
          </label>
          <select
            id="em-durationMinutes"
            className={`form-select${invalid('durationMinutes')}`}
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
            aria-invalid={errorFor.durationMinutes ? true : undefined}
            aria-describedby={describe('durationMinutes')}
          >
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {t('monitoring.emergency.minutes', { count: d })}
              </option>
            ))}
          </select>
          {errorFor.durationMinutes && (
            <div id="em-durationMinutes-error" className="invalid-feedback d-block" role="alert">
              {errorFor.durationMinutes}
            </div>
          )}
        </div>
        {state.failure && (
          <div className="alert alert-danger" role="alert">
            {t('app.networkError')}
          </div>
        )}
        {others.length > 0 && (
          <div className="alert alert-danger" role="alert">
            {others.map((e, i) => (
              <div key={i}>{t('app.error', { message: e.message })}</div>
            ))}
          </div>
        )}
        <button type="submit" className="btn btn-danger" disabled={state.running} aria-describedby="em-warning">
          {state.running ? t('monitoring.emergency.submitting') : t('monitoring.emergency.submit')}
        </button>
      </form>
    </section>
  );
}
