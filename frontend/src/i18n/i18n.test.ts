import { describe, expect, it } from 'vitest';
import { en, it as itCatalogue } from './catalog';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(catalogue: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'string') out[p] = [...v.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, p ? `${p}.${k}` : k);
  };
  walk(catalogue, '');
  return out;
}

describe('i18n catalogues', () => {
  it('Italian and English have the same keys', () => {
    const itKeys = keys(itCatalogue).sort();
    const enKeys = keys(en).sort();
    expect(enKeys.filter((k) => !itKeys.includes(k))).toEqual([]);
    expect(itKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('translations use the same placeholders', () => {
    const a = placeholders(itCatalogue);
    const b = placeholders(en);
    for (const key of Object.keys(a)) expect([key, b[key]]).toEqual([key, a[key]]);
  });

  it('has no empty strings', () => {
    const empty = (c: unknown): boolean =>
      typeof c === 'string' ? c.trim() === '' : Object.values(c as object).some(empty);
    expect(empty(itCatalogue)).toBe(false);
    expect(empty(en)).toBe(false);
  });
});
