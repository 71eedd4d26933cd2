import { Alert } from 'design-react-kit';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GraphQLErrorLike } from '../../api/client';
import { fieldErrors } from '../../api/useMutation';
import { useViewer } from '../../api/viewer';
import { paths } from '../../components/links';
import { NotFound, QueryStatus } from '../../components/Status';
import type { QueryState } from '../../api/useQuery';
import { today } from '../../lib/format';
import '../../i18n/areas/casework';

/** Where a case-work screen lives (every form has its own URL, so a reload keeps it). */
export const caseworkPaths = {
  addMember: (caseId: string) => `${paths.case(caseId)}/equipe/nuovo`,
  status: (caseId: string) => `${paths.case(caseId)}/stato`,
  grants: (caseId: string) => `${paths.case(caseId)}/accessi`,
  assessment: (caseId: string) => `${paths.case(caseId)}/valutazioni/nuova`,
  plan: (caseId: string) => `${paths.case(caseId)}/piano`,
  requestIntervention: (caseId: string) => `${paths.case(caseId)}/interventi/nuovo`,
  intervention: (caseId: string, interventionId: string) =>
    `${paths.case(caseId)}/interventi/${encodeURIComponent(interventionId)}`,
  /** Built by the activity-recording screen (offline queue), not here. */
  recordActivity: (caseId: string) => `${paths.case(caseId)}/attivita/nuova`,
};

interface MemberLike {
  role: string | null;
  validFrom: string | null;
  validTo: string | null;
  operator: { id: string } | null;
}

/** Whether the viewer is on the team today, and as the responsible worker (the server decides again). */
export function membership(
  members: readonly MemberLike[] | null | undefined,
  viewerId: string | undefined,
  on = today(),
) {
  let member = false;
  let responsible = false;
  for (const m of members ?? []) {
    if (!viewerId || m.operator?.id !== viewerId) continue;
    if (m.validFrom && m.validFrom > on) continue;
    if (m.validTo && m.validTo < on) continue;
    member = true;
    if (m.role === 'RESPONSIBLE') responsible = true;
  }
  return { member, responsible };
}

/** The viewer's roles, as far as the SPA may hide actions; the server is the authority. */
export function useRoles() {
  const { viewer } = useViewer();
  const has = (role: string) => viewer?.roles.includes(role as never) ?? false;
  const managesZone = (zoneCode: string | null | undefined) =>
    has('ZONE_MANAGER') &&
    (!zoneCode || !viewer || viewer.zones.length === 0 || viewer.zones.some((z) => z.code === zoneCode));
  return { viewer, has, managesZone };
}

/** What the viewer may do on a case, as the server's rules have it (internal/care). */
export function casePermissions(
  c: {
    status: string | null;
    zone: { code: string } | null;
    members: { edges: readonly { node: MemberLike }[] } | null;
  },
  roles: ReturnType<typeof useRoles>,
) {
  const { member, responsible } = membership(
    c.members?.edges.map((e) => e.node),
    roles.viewer?.id,
  );
  const manager = roles.managesZone(c.zone?.code);
  const closed = c.status === 'CLOSED';
  return {
    member,
    responsible,
    manager,
    closed,
    changeTeam: (responsible || manager) && !closed,
    changeStatus: member || manager,
    manageGrants: responsible || manager,
    writeCare: member && !closed,
    requestIntervention: member && roles.has('SOCIAL_WORKER') && !closed,
  };
}

/** `2026-11-25` plus n years (Feb 29 → Mar 1, as Go's AddDate). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y + years, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

/** The local calendar date of an instant. */
export function dateOf(instant: string | null | undefined): string | null {
  if (!instant) return null;
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? null : today(d);
}

export const MAX_CENTS = 100_000_000_000;

/** A euro amount typed by a person (`1.234,56`, `1,234.56`, `1234.5`, `80`) in cents, or null when it is not one. */
export function parseEuro(text: string): number | null {
  let s = text.replace(/[\s€]/g, '');
  if (s === '') return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // the last separator is the decimal one, the other groups thousands
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    s = (s.match(/,/g) ?? []).length > 1 ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if ((s.match(/\./g) ?? []).length > 1 || /^\d{1,3}\.\d{3}$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** Cents as a euro amount to edit (`1234,56`). */
export function centsToText(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return (cents / 100).toFixed(2).replace('.', ',');
}

/** A fresh key so that a form sent twice (double click, retry) is recorded once. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** Field errors to show: the client's own checks first, else the server's BAD_USER_INPUT at that field. */
export function mergeErrors(client: Record<string, string>, server: readonly GraphQLErrorLike[]) {
  return { ...fieldErrors(server), ...client };
}

/** Moves the focus to the first invalid input so that keyboard and screen-reader users land on it. */
export function focusFirst(errors: Record<string, string>) {
  const first = Object.keys(errors)[0];
  if (!first) return;
  const el = document.getElementById(first) ?? document.getElementsByName(first)[0];
  el?.focus();
}

/**
 * The errors a form shows above its buttons: FORBIDDEN, CONFLICT and NOT_FOUND in plain words, input
 * errors of fields that have no input on this form, a transport failure.
 */
export function FormErrors({
  errors,
  failure,
  placed,
  conflict,
}: {
  errors: readonly GraphQLErrorLike[];
  failure?: Error | null;
  /** The fields this form shows next to an input. */
  placed: (field: string) => boolean;
  /** What to say on a CONFLICT, when the form says more than the server. */
  conflict?: string;
}) {
  const { t } = useTranslation();
  const lines: ReactNode[] = [];
  errors.forEach((e, i) => {
    const code = e.extensions?.code;
    const field = e.extensions?.field;
    if (typeof field === 'string' && placed(field)) return;
    let text: string;
    if (code === 'FORBIDDEN') text = t('casework.errors.forbidden', { message: e.message });
    else if (code === 'CONFLICT') text = conflict ?? t('casework.errors.conflict', { message: e.message });
    else if (code === 'NOT_FOUND') text = t('casework.errors.notFound');
    else if (typeof field === 'string') text = t('casework.errors.field', { field, message: e.message });
    else text = t('app.error', { message: e.message });
    lines.push(<div key={i}>{text}</div>);
  });
  if (failure) lines.push(<div key="failure">{t('app.networkError')}</div>);
  if (lines.length === 0) return null;
  return (
    <div role="alert">
      <Alert color="danger">{lines}</Alert>
    </div>
  );
}

/** The frame of a case-work screen: its title, the case it belongs to, and the way back. */
export function CaseworkPage({
  caseId,
  title,
  subtitle,
  children,
}: {
  caseId: string;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="siso-casework">
      <nav aria-label={t('casework.breadcrumb')} className="mb-2">
        <Link to={paths.case(caseId)}>← {t('casework.backToCase')}</Link>
      </nav>
      <h1 className="h2">{title}</h1>
      {subtitle && <p className="lead">{subtitle}</p>}
      {children}
    </section>
  );
}

/** Shown instead of a form the viewer may not use, saying why. */
export function NotAllowed({ children }: { children: ReactNode }) {
  return <Alert color="info">{children}</Alert>;
}

/** The node of a `node(id:)` answer when it is of the type that has `key` (else null: not found or another type). */
export function nodeWith<T extends object, K extends string>(
  node: T | null | undefined,
  key: K,
): Exclude<Extract<T, Record<K, unknown>>, Record<PropertyKey, never>> | null {
  return node && key in node ? (node as Exclude<Extract<T, Record<K, unknown>>, Record<PropertyKey, never>>) : null;
}

/**
 * What a screen shows while the node it is about is not there: loading, the failure, or "not found"
 * when the answer came without it (absent, not visible, or another type).
 */
export function NodeStatus({ page }: { page: QueryState<unknown> }) {
  if (page.data && !page.loading) return <NotFound />;
  return <QueryStatus {...page} hasData={false} onRetry={page.refetch} />;
}

/** The citizen of a case as named on its screens: surname first. */
export function citizenName(citizen: { firstName?: string | null; lastName?: string | null } | null | undefined) {
  return [citizen?.lastName, citizen?.firstName].filter(Boolean).join(' ');
}
