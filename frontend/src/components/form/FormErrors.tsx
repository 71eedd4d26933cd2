import { useTranslation } from 'react-i18next';
import { isUnavailable, type GraphQLErrorLike } from '../../api/client';
import '../../i18n/areas/forms';

/**
 * The errors of a submitted form that are not shown at an input: those without a field, those for
 * a field the form has no input for (`shownFields`), and a transport failure. FORBIDDEN and
 * CONFLICT get an explanation before the server's message.
 */
export function FormErrors({
  errors,
  failure,
  shownFields = [],
}: {
  errors: readonly GraphQLErrorLike[];
  failure?: Error | null;
  shownFields?: readonly string[];
}) {
  const { t } = useTranslation();
  const rest = errors.filter((e) => {
    const field = e.extensions?.field;
    return typeof field !== 'string' || !shownFields.includes(field);
  });
  if (rest.length === 0 && !failure) return null;
  if (isUnavailable(rest)) {
    return (
      <div className="alert alert-warning" role="alert">
        {t('app.unavailable')}
      </div>
    );
  }
  return (
    <div className="alert alert-danger" role="alert">
      {failure && <div>{t('app.networkError')}</div>}
      {rest.map((e, i) => {
        const code = e.extensions?.code;
        const lead =
          code === 'FORBIDDEN'
            ? t('forms.errors.forbidden')
            : code === 'CONFLICT'
              ? t('forms.errors.conflict')
              : code === 'NOT_FOUND'
                ? t('forms.errors.notFound')
                : null;
        return (
          <div key={i}>
            {lead && <strong>{lead} </strong>}
            {e.message}
          </div>
        );
      })}
    </div>
  );
}
