import { today } from '../../lib/format';

/** The dashboard's filters, kept in the query string so that a dashboard can be shared and reloaded. */
export interface MonitoringFilters {
  /** Zone code, '' for every zone the viewer monitors (?zona=2). */
  zone: string;
  /** From, a Date (?dal=2026-01-01). */
  from: string;
  /** To, a Date (?al=2026-11-25). */
  to: string;
  /** User area code, '' for all (?area=ELDERLY). */
  area: string;
  /** Days a need may wait before it counts as uncovered (?giorni=30). */
  days: number;
  /** Overlaps by user area or intervention type (?per=tipo). */
  by: 'AREA' | 'TYPE';
  /** The measure of the statistics charts (?misura=cases). */
  measure: Measure;
}

export const MEASURES = ['accesses', 'people', 'cases', 'interventions'] as const;
export type Measure = (typeof MEASURES)[number];

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 365;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string | null): s is string {
  return !!s && DATE.test(s) && !Number.isNaN(Date.parse(s));
}

export function parseFilters(params: URLSearchParams, now: Date = new Date()): MonitoringFilters {
  const to = params.get('al');
  const from = params.get('dal');
  const days = Number(params.get('giorni'));
  const measure = params.get('misura');
  return {
    zone: params.get('zona') ?? '',
    to: validDate(to) ? to : today(now),
    from: validDate(from) ? from : `${now.getFullYear()}-01-01`,
    area: params.get('area') ?? '',
    days: Number.isInteger(days) && days >= 1 && days <= MAX_DAYS ? days : DEFAULT_DAYS,
    by: params.get('per') === 'tipo' ? 'TYPE' : 'AREA',
    measure: MEASURES.includes(measure as Measure) ? (measure as Measure) : 'accesses',
  };
}

/** Only the filters that differ from the defaults go in the URL, so that links stay short. */
export function filtersToParams(f: MonitoringFilters, now: Date = new Date()): Record<string, string> {
  const d = parseFilters(new URLSearchParams(), now);
  const out: Record<string, string> = {};
  if (f.zone) out.zona = f.zone;
  if (f.from !== d.from) out.dal = f.from;
  if (f.to !== d.to) out.al = f.to;
  if (f.area) out.area = f.area;
  if (f.days !== DEFAULT_DAYS) out.giorni = String(f.days);
  if (f.by === 'TYPE') out.per = 'tipo';
  if (f.measure !== 'accesses') out.misura = f.measure;
  return out;
}

/** The period's problem, or null: from after to, or longer than the five years statistics allow. */
export function periodProblem(f: MonitoringFilters): 'order' | 'tooLong' | null {
  if (f.from > f.to) return 'order';
  const ms = Date.parse(f.to) - Date.parse(f.from);
  if (ms > 5 * 366 * 24 * 3600 * 1000) return 'tooLong';
  return null;
}
