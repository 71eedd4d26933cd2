import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormActions } from '../../components/form';
import { paths } from '../../components/links';
import '../../i18n/areas/casework';

/** The buttons under a case-work form: submit, and (with `backTo`) cancel, back to that case. */
export function CaseworkActions({
  running,
  submit,
  danger,
  backTo,
}: {
  running: boolean;
  submit: string;
  danger?: boolean;
  /** The case to go back to without saving; no cancel button when omitted. */
  backTo?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <FormActions
      className="d-flex flex-wrap gap-2 mt-3"
      running={running}
      submit={submit}
      saving={t('casework.saving')}
      danger={danger}
      cancel={
        backTo === undefined
          ? undefined
          : { label: t('casework.cancel'), onClick: () => void navigate(paths.case(backTo)) }
      }
    />
  );
}
