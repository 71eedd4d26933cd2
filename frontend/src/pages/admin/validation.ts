import type { Role } from '../../gql/graphql';
import type adminIt from '../../i18n/it/admin.json';

// The server's rules (internal/admin, internal/apiclient), checked before sending. The keys of the
// returned records are the server's field names (extensions.field), so client and server errors
// land at the same inputs. The values are i18n keys of the admin area with their parameters.

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD_BYTES = 256;
export const MAX_ROLES = 20;
export const MAX_OFFICES = 20;
/** Roles held in one zone: the zone is required. */
export const ZONE_ROLES: readonly Role[] = ['FRONT_DESK', 'SOCIAL_WORKER', 'ZONE_MANAGER', 'PROVIDER'];
/** Regional roles: no zone. ANALYST may have one or not. */
export const REGIONAL_ROLES: readonly Role[] = ['DPO', 'ADMIN'];
export const ALL_ROLES: readonly Role[] = [
  'FRONT_DESK',
  'SOCIAL_WORKER',
  'ZONE_MANAGER',
  'PROVIDER',
  'ANALYST',
  'DPO',
  'ADMIN',
];
/** Roles an API client may act as (never ADMIN or DPO). */
export const CLIENT_ROLES: readonly Role[] = ['FRONT_DESK', 'SOCIAL_WORKER', 'ZONE_MANAGER', 'PROVIDER', 'ANALYST'];

/** The keys of the admin area's error messages (admin.errors.*). */
export type ErrorKey = keyof typeof adminIt.errors;

export interface Problem {
  key: ErrorKey;
  params?: Record<string, string | number>;
}
export type Problems = Record<string, Problem>;

export interface RoleRow {
  role: Role | '';
  zoneCode: string;
  officeId: string;
}

const runes = (s: string) => [...s].length;
const bytes = (s: string) => new TextEncoder().encode(s).length;

export const normalizeUsername = (s: string) => s.trim().toLowerCase();
export const normalizeName = (s: string) => s.trim().split(/\s+/).filter(Boolean).join(' ');

export function usernameProblem(username: string): Problem | null {
  return USERNAME_RE.test(normalizeUsername(username)) ? null : { key: 'username' };
}

export function displayNameProblem(name: string): Problem | null {
  const n = runes(normalizeName(name));
  return n < 2 || n > 100 ? { key: 'displayName' } : null;
}

export function passwordProblem(password: string, username: string): Problem | null {
  if (runes(password) < MIN_PASSWORD) return { key: 'passwordShort', params: { min: MIN_PASSWORD } };
  if (bytes(password) > MAX_PASSWORD_BYTES) return { key: 'passwordLong', params: { max: MAX_PASSWORD_BYTES } };
  const u = normalizeUsername(username);
  if (u && password.toLowerCase().includes(u)) return { key: 'passwordUsername' };
  return null;
}

/** The roles' problems, keyed roles / roles[i].role / roles[i].zoneCode / roles[i].officeId. */
export function roleProblems(rows: readonly RoleRow[], officeZone: (officeId: string) => string | undefined): Problems {
  const out: Problems = {};
  if (rows.length === 0) out.roles = { key: 'rolesNone' };
  if (rows.length > MAX_ROLES) out.roles = { key: 'rolesMany', params: { max: MAX_ROLES } };
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const f = (name: string) => `roles[${i}].${name}`;
    if (!r.role) {
      out[f('role')] = { key: 'roleRequired' };
      return;
    }
    if (ZONE_ROLES.includes(r.role) && !r.zoneCode) out[f('zoneCode')] = { key: 'zoneRequired' };
    if (REGIONAL_ROLES.includes(r.role) && r.zoneCode) out[f('zoneCode')] = { key: 'zoneNotAllowed' };
    if (r.officeId && r.zoneCode && officeZone(r.officeId) !== r.zoneCode) out[f('officeId')] = { key: 'officeZone' };
    const key = `${r.role}|${r.zoneCode}|${r.officeId}`;
    if (seen.has(key)) out[f('role')] = { key: 'roleTwice' };
    seen.add(key);
  });
  const roles = rows.map((r) => r.role);
  if (roles.includes('ADMIN') && roles.some((r) => r && ZONE_ROLES.includes(r)) && !out.roles)
    out.roles = { key: 'adminSocial' };
  return out;
}

export function officeProblems(officeIds: readonly string[]): Problems {
  return officeIds.length > MAX_OFFICES ? { officeIds: { key: 'officesMany', params: { max: MAX_OFFICES } } } : {};
}

/** The end of a chosen day in the browser's time zone, as a DateTime. */
export function endOfDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

export interface ApiClientDraft {
  name: string;
  organizationId: string;
  role: Role | '';
  zoneCodes: readonly string[];
  scopes: readonly string[];
  expiresOn: string;
}

export function apiClientProblems(d: ApiClientDraft, now: Date = new Date()): Problems {
  const out: Problems = {};
  const n = runes(d.name.trim());
  if (n < 3 || n > 100) out.name = { key: 'clientName' };
  if (!d.organizationId) out.organizationId = { key: 'required' };
  if (!d.role) out.role = { key: 'required' };
  else if (!CLIENT_ROLES.includes(d.role)) out.role = { key: 'clientRole' };
  if (d.scopes.length === 0) out.scopes = { key: 'scopesNone' };
  if (!d.expiresOn) out.expiresAt = { key: 'required' };
  else {
    const at = new Date(endOfDay(d.expiresOn));
    const max = new Date(now);
    max.setFullYear(max.getFullYear() + 2);
    if (at.getTime() <= now.getTime()) out.expiresAt = { key: 'expiryPast' };
    else if (at.getTime() > max.getTime()) out.expiresAt = { key: 'expiryFar' };
  }
  return out;
}
