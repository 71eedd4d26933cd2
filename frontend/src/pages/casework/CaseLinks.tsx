import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { casePermissions, caseworkPaths, useRoles } from './common';
import '../../i18n/areas/casework';

interface CaseLike {
  id: string;
  status: string | null;
  zone: { code: string } | null;
  plan?: { id: string } | null;
  members: {
    edges: readonly {
      node: { role: string | null; validFrom: string | null; validTo: string | null; operator: { id: string } | null };
    }[];
  } | null;
}

/** The case of the case page's query (a `node` answer: its members are typed as maybe absent). */
type CaseInput = CaseLike | Record<PropertyKey, never>;

function normalize(c: CaseInput): CaseLike {
  return { id: c.id, status: c.status, zone: c.zone, plan: c.plan, members: c.members };
}

type Area = 'summary' | 'team' | 'assessments' | 'plan' | 'interventions' | 'diary';

/**
 * The case page's buttons to the case-work forms of one section, shown only to whom the server lets
 * use them (it decides again on every write).
 */
export function CaseActions({ c: input, area }: { c: CaseInput; area: Area }) {
  const c = normalize(input);
  const { t } = useTranslation();
  const roles = useRoles();
  const can = casePermissions(c, roles);
  const links: { to: string; label: string }[] = [];
  switch (area) {
    case 'summary':
      if (can.changeStatus)
        links.push({
          to: caseworkPaths.status(c.id),
          label: can.closed ? t('casework.links.reopen') : t('casework.links.status'),
        });
      if (can.manageGrants) links.push({ to: caseworkPaths.grants(c.id), label: t('casework.links.grants') });
      break;
    case 'team':
      if (can.changeTeam) links.push({ to: caseworkPaths.addMember(c.id), label: t('casework.links.addMember') });
      break;
    case 'assessments':
      if (can.writeCare) links.push({ to: caseworkPaths.assessment(c.id), label: t('casework.links.assessment') });
      break;
    case 'plan':
      if (can.writeCare)
        links.push({
          to: caseworkPaths.plan(c.id),
          label: c.plan ? t('casework.links.editPlan') : t('casework.links.newPlan'),
        });
      break;
    case 'interventions':
      if (can.requestIntervention)
        links.push({ to: caseworkPaths.requestIntervention(c.id), label: t('casework.links.requestIntervention') });
      break;
    case 'diary':
      if (!can.closed && (can.member || roles.has('PROVIDER')))
        links.push({ to: caseworkPaths.recordActivity(c.id), label: t('casework.links.recordActivity') });
      break;
  }
  if (links.length === 0) return null;
  return (
    <div className="d-flex flex-wrap gap-2 mb-3">
      {links.map((l) => (
        <Link key={l.to} to={l.to} className="btn btn-outline-primary btn-sm">
          {l.label}
        </Link>
      ))}
    </div>
  );
}

/** The cell of the case page's intervention list that leads to authorizing or closing it. */
export function InterventionActions({
  c: input,
  intervention,
}: {
  c: CaseInput;
  intervention: { id: string; status: string | null };
}) {
  const { t } = useTranslation();
  const roles = useRoles();
  const c = normalize(input);
  const can = casePermissions(c, roles);
  const to = caseworkPaths.intervention(c.id, intervention.id);
  let label = t('casework.links.interventionDetails');
  if (intervention.status === 'REQUESTED' && can.manager) label = t('casework.links.authorize');
  else if ((intervention.status === 'AUTHORIZED' || intervention.status === 'ACTIVE') && (can.member || can.manager))
    label = t('casework.links.closeIntervention');
  return (
    <Link to={to} className="btn btn-link btn-sm p-0">
      {label}
    </Link>
  );
}
