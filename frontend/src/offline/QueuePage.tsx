import { Alert, Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../lib/format';
import { useOfflineQueue } from './OfflineQueue';

/** /coda: the activities written on this device that the server does not have yet. */
export default function QueuePage() {
  const { t } = useTranslation();
  const { items, online, sendNow, discard } = useOfflineQueue();

  return (
    <section>
      <h1 className="h3">{t('offline.queueTitle')}</h1>
      <p>{t('offline.queueIntro')}</p>
      {!online && (
        <Alert color="warning" role="status">
          {t('offline.offlineBanner')}
        </Alert>
      )}
      {items.length === 0 ? (
        <p role="status">{t('offline.queueEmpty')}</p>
      ) : (
        <>
          <ul className="list-group mb-3" aria-label={t('offline.queueTitle')}>
            {items.map((a) => (
              <li key={a.key} className="list-group-item" data-testid="queued-activity">
                <div className="d-flex flex-wrap justify-content-between gap-2">
                  <div>
                    <strong>{t(`offline.kinds.${a.input.kind}`)}</strong> · {formatDateTime(a.input.occurredAt)}
                    {a.input.hours !== undefined && <> · {t('offline.hoursN', { count: a.input.hours })}</>}
                    <div>
                      <Link to={a.returnTo}>{a.label}</Link>
                    </div>
                    {a.input.text && <div className="small text-truncate siso-queue-text">{a.input.text}</div>}
                  </div>
                  <div className="text-end">
                    <span
                      className={`badge ${a.status === 'failed' ? 'bg-danger' : a.status === 'sending' ? 'bg-info' : 'bg-warning text-dark'}`}
                    >
                      {t(`offline.status.${a.status}`)}
                    </span>
                    {a.attempts > 0 && (
                      <div className="small text-muted">{t('offline.attempts', { count: a.attempts })}</div>
                    )}
                  </div>
                </div>
                {a.error && (
                  <div className={`small mt-1 ${a.status === 'failed' ? 'text-danger' : 'text-muted'}`}>
                    {a.status === 'failed'
                      ? t('offline.refused', { message: a.error })
                      : t('offline.lastTry', { message: a.error })}
                  </div>
                )}
                <Button
                  color="danger"
                  outline
                  size="xs"
                  className="mt-2"
                  onClick={() => {
                    if (window.confirm(t('offline.discardConfirm'))) discard(a.key);
                  }}
                >
                  {t('offline.discard')}
                </Button>
              </li>
            ))}
          </ul>
          <Button color="primary" disabled={!online} onClick={() => void sendNow()}>
            {t('offline.sendNow')}
          </Button>
        </>
      )}
    </section>
  );
}
