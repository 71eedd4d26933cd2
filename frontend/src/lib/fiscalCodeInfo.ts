import { normalizeFiscalCode, validateFiscalCode } from './fiscalCode';

// What a valid codice fiscale encodes, to prefill the form: birth date, sex and the cadastral code
// of the birthplace. Letters replacing digits (omocodia) are decoded first.

const OMOCODIA = 'LMNPQRSTUV';
const MONTHS = 'ABCDEHLMPRST';

function digits(s: string): string {
  return [...s].map((c) => (OMOCODIA.includes(c) ? String(OMOCODIA.indexOf(c)) : c)).join('');
}

export interface FiscalCodeInfo {
  birthDate: string;
  sex: 'M' | 'F';
  birthPlaceCode: string;
}

/** The data encoded in a valid codice fiscale, or null. The century is the latest not in the future. */
export function decodeFiscalCode(value: string, now: Date = new Date()): FiscalCodeInfo | null {
  if (validateFiscalCode(value) !== null) return null;
  const cf = normalizeFiscalCode(value);
  const yy = Number(digits(cf.slice(6, 8)));
  const month = MONTHS.indexOf(cf.charAt(8)) + 1;
  let day = Number(digits(cf.slice(9, 11)));
  const sex = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  if (month < 1 || day < 1 || day > 31) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  let year = 2000 + yy;
  const candidate = `${year}-${pad(month)}-${pad(day)}`;
  const todayIso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  if (candidate > todayIso) year = 1900 + yy;
  return {
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex,
    birthPlaceCode: cf.charAt(11) + digits(cf.slice(12, 15)),
  };
}
