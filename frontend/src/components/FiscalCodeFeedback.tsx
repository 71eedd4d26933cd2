import { useTranslation } from 'react-i18next';
import {
  looksLikeFiscalCode,
  normalizeFiscalCode,
  validateFiscalCode,
  type FiscalCodeProblem,
} from '../lib/fiscalCode';

/**
 * The codice fiscale problem to show while typing: none until the term looks like a codice fiscale
 * and has 16 characters (or more), then the shape and the check character.
 */
export function fiscalCodeProblem(value: string): FiscalCodeProblem | null {
  if (!looksLikeFiscalCode(value)) return null;
  if (normalizeFiscalCode(value).length < 16) return null;
  return validateFiscalCode(value);
}

export function useFiscalCodeMessage(problem: FiscalCodeProblem | null): string | null {
  const { t } = useTranslation();
  if (!problem) return null;
  return t(`fiscalCode.${problem}`);
}
