import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useViewer } from '../../api/viewer';
import { looksLikeFiscalCode, normalizeFiscalCode } from '../../lib/fiscalCode';
import { formPaths } from './paths';
import '../../i18n/areas/forms';

/** The viewer's roles; none outside a ViewerProvider (pages rendered alone in tests). */
function useRoles(): readonly string[] {
  try {
    return useViewer().viewer?.roles ?? [];
  } catch {
    return [];
  }
}

/** The forms reachable from a citizen's page, for the roles that may use them (the server decides). */
export function CitizenActions({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const roles = new Set(useRoles());
  const desk = roles.has('FRONT_DESK') || roles.has('SOCIAL_WORKER');
  const actions = [
    desk && { to: formPaths.newAccess(citizenId), label: t('forms.actions.newAccess') },
    desk && { to: formPaths.editCitizen(citizenId), label: t('forms.actions.edit') },
    desk && { to: formPaths.newRelation(citizenId), label: t('forms.actions.newRelation') },
    (desk || roles.has('ZONE_MANAGER')) && {
      to: formPaths.newReferral(citizenId),
      label: t('forms.actions.newReferral'),
    },
    roles.has('SOCIAL_WORKER') && { to: formPaths.openCase(citizenId), label: t('forms.actions.openCase') },
  ].filter((a): a is { to: string; label: string } => !!a);
  if (actions.length === 0) return null;
  return (
    <nav aria-label={t('forms.actions.label')} className="d-flex flex-wrap gap-2 mb-4">
      {actions.map((a, i) => (
        <Link key={a.to} to={a.to} className={`btn btn-sm ${i === 0 ? 'btn-primary' : 'btn-outline-primary'}`}>
          {a.label}
        </Link>
      ))}
    </nav>
  );
}

/** On the search page: registering a new citizen, with the codice fiscale typed so far handed over. */
export function NewCitizenLink({ term }: { term: string }) {
  const { t } = useTranslation();
  const roles = useRoles();
  if (!roles.some((r) => r === 'FRONT_DESK' || r === 'SOCIAL_WORKER')) return null;
  const cf = normalizeFiscalCode(term);
  const state = looksLikeFiscalCode(cf) ? { fiscalCode: cf } : undefined;
  return (
    <Link to={formPaths.newCitizen} state={state} className="btn btn-sm btn-outline-primary mb-3">
      {t('forms.actions.newCitizen')}
    </Link>
  );
}
