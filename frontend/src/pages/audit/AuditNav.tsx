import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useViewer } from '../../api/viewer';
import '../../i18n/areas/monitoring';

/** The two views of the audit area; the trail is the DPO's only. */
export function AuditNav() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const dpo = viewer?.roles.includes('DPO') ?? false;
  return (
    <ul className="nav nav-tabs mb-4">
      {dpo && (
        <li className="nav-item">
          <NavLink className="nav-link" to="/audit" end>
            {t('monitoring.audit.trailTab')}
          </NavLink>
        </li>
      )}
      <li className="nav-item">
        <NavLink className="nav-link" to="/audit/emergenze">
          {t('monitoring.audit.emergenciesTab')}
        </NavLink>
      </li>
      {dpo && (
        <li className="nav-item">
          <NavLink className="nav-link" to="/amministrazione/eventi">
            {t('monitoring.audit.administrationTab')}
          </NavLink>
        </li>
      )}
    </ul>
  );
}
