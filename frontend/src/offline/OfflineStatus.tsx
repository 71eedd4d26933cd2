import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useOfflineQueue } from './OfflineQueue';

/** Under the header: "offline" when the device has no connection, and the queue when it is not empty. */
export function OfflineStatus() {
  const { t } = useTranslation();
  const { online, items } = useOfflineQueue();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  if (online && items.length === 0 && !flash) return null;
  return (
    <div className="container-xxl pt-3" aria-live="polite">
      {!online && (
        <div className="alert alert-warning mb-2" role="status">
          {t('offline.offlineBanner')}
        </div>
      )}
      {items.length > 0 && (
        <Link to="/coda" className="btn btn-sm btn-warning mb-2" data-testid="queue-badge">
          {t('offline.queueBadge', { count: items.length })}
        </Link>
      )}
      {flash && (
        <div className="alert alert-success mb-2" role="status">
          {flash}
        </div>
      )}
    </div>
  );
}
