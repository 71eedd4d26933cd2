import i18n from '../i18n';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'it-IT';
}

/** `2026-11-25` → `25/11/2026` (a Date scalar has no time zone: format it as is). */
export function formatDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toLocaleDateString(locale(), {
    timeZone: 'UTC',
  });
}

/** An instant in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
}

/** Today's date in the browser's time zone, as a Date scalar. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The label of a code-list entry in the current language. */
export function codeLabel(entry: { labelIt: string; labelEn: string } | null | undefined): string | null {
  if (!entry) return null;
  return i18n.language === 'en' ? entry.labelEn : entry.labelIt;
}
