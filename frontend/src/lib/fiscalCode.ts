// The codice fiscale of natural persons (DM 23/12/1976): 15 characters and a check character.
// Digits may be replaced by letters (omocodia), so the shape allows both.

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

// Values of the characters in odd positions (1st, 3rd, … counting from 1).
const ODD: Record<string, number> = {
  '0': 1,
  '1': 0,
  '2': 5,
  '3': 7,
  '4': 9,
  '5': 13,
  '6': 15,
  '7': 17,
  '8': 19,
  '9': 21,
  A: 1,
  B: 0,
  C: 5,
  D: 7,
  E: 9,
  F: 13,
  G: 15,
  H: 17,
  I: 19,
  J: 21,
  K: 2,
  L: 4,
  M: 18,
  N: 20,
  O: 11,
  P: 3,
  Q: 6,
  R: 8,
  S: 12,
  T: 14,
  U: 16,
  V: 10,
  W: 22,
  X: 25,
  Y: 24,
  Z: 23,
};

// Values in even positions: digits are themselves, letters A=0 … Z=25.
function evenValue(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
}

/** The check character of the first 15 characters (upper case). */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charAt(i);
    sum += i % 2 === 0 ? (ODD[c] ?? 0) : evenValue(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}

export type FiscalCodeProblem = 'length' | 'format' | 'checkChar';

/** Upper case, without spaces: how the server compares codici fiscali. */
export function normalizeFiscalCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Checks a complete codice fiscale; returns the problem, or null when it is valid. */
export function validateFiscalCode(value: string): FiscalCodeProblem | null {
  const cf = normalizeFiscalCode(value);
  if (cf.length !== 16) return 'length';
  if (!SHAPE.test(cf)) return 'format';
  if (fiscalCodeCheckChar(cf.slice(0, 15)) !== cf.charAt(15)) return 'checkChar';
  return null;
}

/**
 * Whether a search term looks like someone typing a codice fiscale (letters then digits in the
 * right places) rather than a name: then it is checked as they type.
 */
export function looksLikeFiscalCode(value: string): boolean {
  const cf = normalizeFiscalCode(value);
  return cf.length >= 7 && /^[A-Z]{6}[0-9LMNPQRSTUV]/.test(cf) && /\d/.test(cf);
}
