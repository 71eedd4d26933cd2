// Client-side checks matching the server's (internal/care/citizens.go, workflows.go): the same
// rules, so that what passes here is not refused there for a reason the form could have shown.
// Each check returns the key of its message under forms.validation, or null.

export type Problem =
  | 'required'
  | 'tooLong'
  | 'nameChars'
  | 'phone'
  | 'email'
  | 'language'
  | 'citizenship'
  | 'postcode'
  | 'birthPlaceCode'
  | 'future'
  | 'tooOld'
  | 'atLeastOneNeed'
  | 'tooMany'
  | 'selfRelation'
  | 'sameOffice';

const NAME_CHARS = /^[\p{L} '\-.’]+$/u;
const PHONE = /^\+?[0-9 ()./-]{6,24}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const COUNTRY = /^[A-Z]{2}$/;
const POSTCODE = /^[0-9]{5}$/;
const PLACE = /^[A-Z][0-9]{3}$/;
// Simple shape of an address (local@domain.tld); the server parses it fully (RFC 5322).
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export const LIMITS = {
  name: 100,
  phone: 24,
  email: 254,
  address: 200,
  notes: 4000,
  needNotes: 1000,
  speakerText: 200,
  reason: 2000,
  summary: 4000,
  needs: 20,
  requestedServices: 20,
} as const;

const runes = (s: string) => [...s].length;

/** A first or last name: required, at most 100 characters, letters, spaces, ' - . only. */
export function checkName(value: string): Problem | null {
  const s = value.trim().split(/\s+/).join(' ');
  if (!s) return 'required';
  if (runes(s) > LIMITS.name) return 'tooLong';
  if (!NAME_CHARS.test(s)) return 'nameChars';
  return null;
}

export function checkText(value: string, max: number, required = false): Problem | null {
  const s = value.trim();
  if (!s) return required ? 'required' : null;
  return runes(s) > max ? 'tooLong' : null;
}

export function checkPhone(value: string): Problem | null {
  const s = value.trim();
  if (!s) return null;
  return PHONE.test(s) ? null : 'phone';
}

export function checkEmail(value: string): Problem | null {
  const s = value.trim();
  if (!s) return null;
  if (runes(s) > LIMITS.email) return 'tooLong';
  return EMAIL.test(s) ? null : 'email';
}

export function checkLanguage(value: string): Problem | null {
  const s = value.trim();
  if (!s) return null;
  return LANGUAGE.test(s) ? null : 'language';
}

export function checkCitizenship(value: string): Problem | null {
  const s = value.trim();
  if (!s) return null;
  return COUNTRY.test(s.toUpperCase()) ? null : 'citizenship';
}

export function checkPostcode(value: string): Problem | null {
  const s = value.trim();
  if (!s) return null;
  return POSTCODE.test(s) ? null : 'postcode';
}

export function checkBirthPlaceCode(value: string): Problem | null {
  const s = value.trim().toUpperCase();
  if (!s) return null;
  return PLACE.test(s) ? null : 'birthPlaceCode';
}

/** A date (YYYY-MM-DD) not after today. */
export function checkPastDate(value: string, today: string): Problem | null {
  if (!value) return null;
  return value > today ? 'future' : null;
}

/** An instant within the last year and not in the future (5 minutes of tolerance). */
export function checkRecentInstant(value: Date, now: Date = new Date()): Problem | null {
  if (value.getTime() > now.getTime() + 5 * 60 * 1000) return 'future';
  const yearAgo = new Date(now);
  yearAgo.setFullYear(yearAgo.getFullYear() - 1);
  if (value.getTime() < yearAgo.getTime()) return 'tooOld';
  return null;
}

/** Undefined for an empty string: optional inputs are left out of the mutation. */
export function opt(value: string): string | undefined {
  const s = value.trim();
  return s ? s : undefined;
}

/** A key for the mutation's idempotencyKey: a retried submit is recorded once. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
