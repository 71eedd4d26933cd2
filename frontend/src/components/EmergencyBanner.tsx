import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import '../i18n/areas/monitoring';

interface RunningEmergency {
  startedAt: string | null;
  expiresAt: string | null;
  reason: string | null;
}

/** Minutes left until `expiresAt` (0 once past), refreshed every 30 seconds. */
function useMinutesLeft(expiresAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!expiresAt) return null;
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now) / 60_000));
}

/**
 * On the citizen page: the viewer opened this record through their own emergency access (break the
 * glass), which is recorded and read by the DPO and the zone manager, and ends at `expiresAt`.
 */
export function EmergencyBanner({ emergency }: { emergency: RunningEmergency | null | undefined }) {
  const { t } = useTranslation();
  const left = useMinutesLeft(emergency?.expiresAt ?? null);
  if (!emergency) return null;
  const ended = left === 0;
  return (
    <div className={`alert ${ended ? 'alert-secondary' : 'alert-danger'} siso-emergency-banner`} role="status">
      <strong>{ended ? t('monitoring.banner.ended') : t('monitoring.banner.running')}</strong>{' '}
      {t('monitoring.banner.until', {
        end: formatDateTime(emergency.expiresAt) ?? '—',
        start: formatDateTime(emergency.startedAt) ?? '—',
      })}
      {!ended && left !== null && <> {t('monitoring.banner.left', { count: left })}</>}
      {emergency.reason && (
        <div className="small mt-1">
          {t('monitoring.banner.reason')}: {emergency.reason}
        </div>
      )}
      <div className="small mt-1">{t('monitoring.banner.logged')}</div>
    </div>
  );
}
