import { Alert, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useViewer } from '../api/viewer';
import { paths } from '../components/links';
import { graphql } from '../gql';
import type { ActivityKind } from '../gql/graphql';
import { codeLabel, formatDate } from '../lib/format';
import { useOfflineQueue } from './OfflineQueue';
import { enqueue, find, remove, type QueuedActivity } from './queue';

const ActivityTargetDocument = graphql(`
  query ActivityTarget($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        caseStatus: status
        citizen {
          id
          firstName
          lastName
        }
        userArea {
          labelIt
          labelEn
        }
      }
      ... on Intervention {
        id
        interventionStatus: status
        startDate
        endDate
        citizen {
          id
          firstName
          lastName
        }
        type {
          labelIt
          labelEn
        }
        provider {
          id
          name
        }
      }
    }
  }
`);

const ALL_KINDS: ActivityKind[] = ['MEETING', 'HOME_VISIT', 'PHONE_CALL', 'REPORT', 'NOTE', 'DELIVERED_HOURS'];
// What the server accepts (internal/care/activities.go): a provider records delivered hours and
// home visits, without text; a diary entry with no intervention has no delivered hours; notes and
// reports are nothing without their text; hours are more than 0 and at most 24; the date is at most
// five minutes ahead and at most one year back.
const PROVIDER_KINDS: ActivityKind[] = ['DELIVERED_HOURS', 'HOME_VISIT'];
const TEXT_KINDS: ActivityKind[] = ['NOTE', 'REPORT'];
const MAX_TEXT = 8000;
const MAX_HOURS = 24;

function localDateTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface ActivityDraft {
  kind: ActivityKind;
  occurredAt: string;
  hours: string;
  text: string;
  confidential: boolean;
}

/** The same time of day one year earlier, as Go's now.AddDate(-1, 0, 0) (29 February becomes 1 March). */
function yearBefore(now: Date): Date {
  const d = new Date(now.getTime());
  d.setFullYear(now.getFullYear() - 1);
  return d;
}

/** The client-side checks, the same as the server's; keys are input field names. */
export function validateActivity(
  draft: ActivityDraft,
  target: 'case' | 'intervention',
  asProvider: boolean,
  now: Date = new Date(),
): Record<string, string> {
  const errors: Record<string, string> = {};
  const when = new Date(draft.occurredAt);
  if (!draft.occurredAt || Number.isNaN(when.getTime())) errors.occurredAt = 'offline.errors.occurredAt';
  else if (when.getTime() > now.getTime() + 5 * 60_000) errors.occurredAt = 'offline.errors.future';
  else if (when.getTime() < yearBefore(now).getTime()) errors.occurredAt = 'offline.errors.tooOld';
  if (draft.kind === 'DELIVERED_HOURS' && target === 'case') errors.kind = 'offline.errors.hoursOnIntervention';
  if (asProvider && !PROVIDER_KINDS.includes(draft.kind)) errors.kind = 'offline.errors.providerKind';
  const hours = draft.hours.trim() === '' ? null : Number(draft.hours.replace(',', '.'));
  // the server rounds to hundredths before checking
  const rounded = hours === null ? null : Math.round(hours * 100) / 100;
  if (rounded !== null && (Number.isNaN(rounded) || rounded <= 0 || rounded > MAX_HOURS))
    errors.hours = 'offline.errors.hours';
  else if (draft.kind === 'DELIVERED_HOURS' && hours === null) errors.hours = 'offline.errors.hoursRequired';
  if (!asProvider && TEXT_KINDS.includes(draft.kind) && !draft.text.trim()) errors.text = 'offline.errors.textRequired';
  if ([...draft.text.trim()].length > MAX_TEXT) errors.text = 'offline.errors.textLong';
  return errors;
}

/**
 * Recording a diary entry of a case (/casi/:id/attivita/nuova) or a delivery on an intervention
 * (/interventi/:id/attivita/nuova). Every entry goes through the device's queue with its own
 * idempotency key: with a connection it is sent at once; without one it waits, visibly, and is
 * sent once when the connection returns.
 */
export default function RecordActivity({ target }: { target: 'case' | 'intervention' }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const { online, sendNow } = useOfflineQueue();
  const { data } = useQuery(ActivityTargetDocument, { id }, { skip: !online });
  const node = data?.node && ('caseStatus' in data.node || 'interventionStatus' in data.node) ? data.node : null;
  const asProvider = target === 'intervention' && Boolean(viewer?.roles.includes('PROVIDER'));
  const kinds = ALL_KINDS.filter((k) =>
    asProvider ? PROVIDER_KINDS.includes(k) : target === 'case' ? k !== 'DELIVERED_HOURS' : true,
  );
  const [draft, setDraft] = useState<ActivityDraft>(() => ({
    kind: target === 'intervention' ? 'DELIVERED_HOURS' : 'MEETING',
    occurredAt: localDateTime(new Date()),
    hours: '',
    text: '',
    confidential: false,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [queued, setQueued] = useState<QueuedActivity | null>(null);
  const returnTo =
    target === 'case' ? `${paths.case(id)}#diario` : node?.citizen ? paths.citizen(node.citizen.id) : '/';

  const person = node?.citizen ? `${node.citizen.firstName ?? ''} ${node.citizen.lastName ?? ''}`.trim() : '';
  const what =
    node && 'type' in node ? codeLabel(node.type) : node && 'userArea' in node ? codeLabel(node.userArea) : null;
  const label =
    [person, what].filter(Boolean).join(' – ') || t(target === 'case' ? 'offline.caseN' : 'offline.interventionN');

  const set = <K extends keyof ActivityDraft>(key: K, value: ActivityDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!viewer) return;
    const found = validateActivity(draft, target, asProvider);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) return;
    const hours = draft.hours.trim() === '' ? undefined : Number(draft.hours.replace(',', '.'));
    const entry = enqueue({
      operatorId: viewer.id,
      label,
      returnTo,
      input: {
        ...(target === 'case' ? { caseId: id } : { interventionId: id }),
        kind: draft.kind,
        occurredAt: new Date(draft.occurredAt).toISOString(),
        ...(hours !== undefined ? { hours } : {}),
        ...(!asProvider && draft.text.trim() ? { text: draft.text.trim() } : {}),
        ...(!asProvider && draft.confidential ? { confidential: true } : {}),
      },
    });
    await sendNow();
    const after = find(entry.key);
    if (!after) {
      navigate(returnTo, { state: { flash: t('offline.recorded') } });
      return;
    }
    if (after.status === 'failed') {
      // refused with a connection: back to the form, with the server's reason where it belongs
      remove(entry.key);
      if (after.errorField && after.errorField in draft) setErrors({ [after.errorField]: after.error ?? '' });
      else setServerError(after.error ?? '');
      return;
    }
    setQueued(after);
  }

  if (queued) {
    return (
      <section>
        <h1 className="h3">{t('offline.queuedTitle')}</h1>
        <Alert color="warning" role="status">
          {t('offline.queuedText')}
        </Alert>
        <div className="d-flex flex-wrap gap-2">
          <Link className="btn btn-primary" to="/coda">
            {t('offline.seeQueue')}
          </Link>
          <Button color="secondary" outline onClick={() => setQueued(null)}>
            {t('offline.another')}
          </Button>
        </div>
      </section>
    );
  }

  const errorText = (field: string) => {
    const e = errors[field];
    if (!e) return null;
    return e.startsWith('offline.errors.') ? t(e as 'offline.errors.hours', { max: MAX_HOURS, maxText: MAX_TEXT }) : e;
  };
  const invalid = (field: string) => (errors[field] ? ' is-invalid' : '');
  const describedBy = (field: string) => (errors[field] ? `activity-${field}-error` : undefined);
  const feedback = (field: string) =>
    errors[field] ? (
      <div className="invalid-feedback d-block" id={`activity-${field}-error`} role="alert">
        {errorText(field)}
      </div>
    ) : null;

  return (
    <section className="siso-activity">
      <nav aria-label={t('offline.back')} className="mb-2">
        <Link to={returnTo}>← {t('offline.back')}</Link>
      </nav>
      <h1 className="h3">{t(target === 'case' ? 'offline.titleCase' : 'offline.titleIntervention')}</h1>
      <p className="text-muted">
        {label}
        {node && 'startDate' in node && node.startDate && (
          <>
            {' · '}
            {t('offline.period', { from: formatDate(node.startDate), to: formatDate(node.endDate) ?? '…' })}
          </>
        )}
      </p>
      {!online && (
        <Alert color="info" role="status">
          {t('offline.offlineForm')}
        </Alert>
      )}
      {serverError && (
        <Alert color="danger" role="alert">
          {serverError}
        </Alert>
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate lang={i18n.language}>
        <div className="row g-3">
          <div className="col-12 col-md-6">
            <label htmlFor="activity-kind" className="form-label">
              {t('offline.kind')}
            </label>
            <select
              id="activity-kind"
              className={`form-select${invalid('kind')}`}
              value={draft.kind}
              aria-describedby={describedBy('kind')}
              onChange={(e) => set('kind', e.target.value as ActivityKind)}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`offline.kinds.${k}`)}
                </option>
              ))}
            </select>
            {feedback('kind')}
          </div>
          <div className="col-12 col-md-6">
            <label htmlFor="activity-when" className="form-label">
              {t('offline.occurredAt')}
            </label>
            <input
              id="activity-when"
              type="datetime-local"
              className={`form-control${invalid('occurredAt')}`}
              value={draft.occurredAt}
              required
              aria-describedby={describedBy('occurredAt')}
              onChange={(e) => set('occurredAt', e.target.value)}
            />
            {feedback('occurredAt')}
          </div>
          <div className="col-12 col-md-6">
            <label htmlFor="activity-hours" className="form-label">
              {t('offline.hours')}
              {draft.kind === 'DELIVERED_HOURS' && <span aria-hidden="true"> *</span>}
            </label>
            <input
              id="activity-hours"
              type="number"
              inputMode="decimal"
              step="0.25"
              min="0.25"
              max={MAX_HOURS}
              className={`form-control${invalid('hours')}`}
              value={draft.hours}
              required={draft.kind === 'DELIVERED_HOURS'}
              aria-describedby={describedBy('hours')}
              onChange={(e) => set('hours', e.target.value)}
            />
            {feedback('hours')}
          </div>
          {!asProvider && (
            <>
              <div className="col-12">
                <label htmlFor="activity-text" className="form-label">
                  {t('offline.text')}
                  {TEXT_KINDS.includes(draft.kind) && <span aria-hidden="true"> *</span>}
                </label>
                <textarea
                  id="activity-text"
                  className={`form-control${invalid('text')}`}
                  rows={6}
                  maxLength={MAX_TEXT}
                  value={draft.text}
                  aria-describedby={describedBy('text')}
                  onChange={(e) => set('text', e.target.value)}
                />
                {feedback('text')}
              </div>
              <div className="col-12">
                <div className="form-check">
                  <input
                    id="activity-confidential"
                    type="checkbox"
                    className="form-check-input"
                    checked={draft.confidential}
                    onChange={(e) => set('confidential', e.target.checked)}
                  />
                  <label htmlFor="activity-confidential" className="form-check-label">
                    {t('offline.confidential')}
                  </label>
                </div>
              </div>
            </>
          )}
          {asProvider && <p className="col-12 small text-muted">{t('offline.providerNoText')}</p>}
        </div>
        <div className="mt-4 d-flex flex-wrap gap-2">
          <Button color="primary" type="submit">
            {online ? t('offline.save') : t('offline.saveOnDevice')}
          </Button>
          <Link className="btn btn-outline-secondary" to={returnTo}>
            {t('offline.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
