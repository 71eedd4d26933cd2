import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useViewer } from '../api/viewer';
import { normalizeFiscalCode, validateFiscalCode } from '../lib/fiscalCode';
import '../i18n/areas/monitoring';

/** The viewer's roles; none outside a ViewerProvider (the search page is also rendered alone in tests). */
function useRoles(): readonly string[] {
  try {
    return useViewer().viewer?.roles ?? [];
  } catch {
    return [];
  }
}

/**
 * Under a search that found nobody in the viewer's scope: when the term is a valid codice fiscale
 * and the viewer may break the glass (social workers, zone managers), the way to the emergency access.
 */
export function EmergencyLink({ term }: { term: string }) {
  const { t } = useTranslation();
  const cf = normalizeFiscalCode(term);
  const allowed = useRoles().some((r) => r === 'SOCIAL_WORKER' || r === 'ZONE_MANAGER');
  if (!allowed || validateFiscalCode(cf) !== null) return null;
  return (
    <p className="small">
      <Link to={`/emergenza?cf=${encodeURIComponent(cf)}`}>{t('monitoring.emergency.searchLink')}</Link>
    </p>
  );
}
