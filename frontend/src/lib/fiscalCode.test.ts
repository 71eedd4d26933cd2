import { describe, expect, it } from 'vitest';
import { fiscalCodeCheckChar, looksLikeFiscalCode, validateFiscalCode } from './fiscalCode';

describe('codice fiscale', () => {
  it('accepts a valid code, in any case and with spaces', () => {
    expect(validateFiscalCode('RSSMRA85T10A562S')).toBeNull();
    expect(validateFiscalCode('rssmra85t10a562s')).toBeNull();
    expect(validateFiscalCode(' RSSMRA 85T10 A562S ')).toBeNull();
  });

  it('computes the check character with the odd/even tables mod 26', () => {
    expect(fiscalCodeCheckChar('RSSMRA85T10A562')).toBe('S');
  });

  it('refuses a wrong check character', () => {
    expect(validateFiscalCode('RSSMRA85T10A562X')).toBe('checkChar');
  });

  it('refuses a wrong length or shape', () => {
    expect(validateFiscalCode('RSSMRA85T10A562')).toBe('length');
    expect(validateFiscalCode('RSSMRA85Z10A562S')).toBe('format');
  });

  it('accepts omocodia (digits replaced by letters) with its own check character', () => {
    const first15 = 'RSSMRA85T10A56N';
    expect(validateFiscalCode(first15 + fiscalCodeCheckChar(first15))).toBeNull();
  });

  it('tells a codice fiscale being typed from a name', () => {
    expect(looksLikeFiscalCode('RSSMRA8')).toBe(true);
    expect(looksLikeFiscalCode('rossi')).toBe(false);
    expect(looksLikeFiscalCode('Rossi Mario')).toBe(false);
  });
});
