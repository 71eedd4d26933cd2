import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../components/links';
import { formatDate } from '../../lib/format';
import { formPaths } from './paths';
import '../../i18n/areas/forms';

export interface CandidateLike {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  match: 'FISCAL_CODE' | 'NAME_AND_BIRTH_DATE';
  inScope: boolean;
  residenceMunicipality: { name: string } | null;
}

/**
 * People already registered who may be the person at the desk (possibili duplicati): a link to
 * the record when it is in the viewer's scope; otherwise how to link it (an access registered
 * with the codice fiscale the person shows).
 */
export function CandidateList({
  candidates,
  fiscalCode,
  title,
}: {
  candidates: readonly CandidateLike[];
  fiscalCode?: string;
  title: string;
}) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <div className="alert alert-warning" role="alert" aria-live="polite">
      <h2 className="h6">{title}</h2>
      <ul className="list-unstyled mb-0">
        {candidates.map((c) => {
          const name = `${c.lastName} ${c.firstName}`;
          const details = [formatDate(c.birthDate), c.residenceMunicipality?.name].filter(Boolean).join(' · ');
          return (
            <li key={c.id} className="mb-2">
              <span className="fw-semibold">{name}</span>
              {details && <span> · {details}</span>}{' '}
              <span className="badge bg-secondary">{t(`forms.candidates.match.${c.match}`)}</span>
              <div className="small">
                {c.inScope ? (
                  <Link to={paths.citizen(c.id)}>{t('forms.candidates.open', { name })}</Link>
                ) : (
                  <>
                    {t('forms.candidates.otherZone')}{' '}
                    <Link
                      to={formPaths.newAccess(c.id)}
                      state={{ name, fiscalCode: c.match === 'FISCAL_CODE' ? fiscalCode : undefined }}
                    >
                      {t('forms.candidates.registerAccess')}
                    </Link>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
