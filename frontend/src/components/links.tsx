import { Link } from 'react-router';

// Every related object is one click away: these build the canonical URL of each kind of page.
export const paths = {
  citizen: (id: string) => `/cittadini/${encodeURIComponent(id)}`,
  case: (id: string) => `/casi/${encodeURIComponent(id)}`,
  operator: (id: string) => `/operatori/${encodeURIComponent(id)}`,
  office: (id: string) => `/uffici/${encodeURIComponent(id)}`,
  organization: (id: string) => `/enti/${encodeURIComponent(id)}`,
  zone: (code: string) => `/zone/${encodeURIComponent(code)}`,
};

type Named = { id: string; name: string } | null | undefined;

export function OperatorLink({ operator }: { operator: { id: string; displayName: string } | null | undefined }) {
  if (!operator) return null;
  return <Link to={paths.operator(operator.id)}>{operator.displayName}</Link>;
}

export function OfficeLink({ office }: { office: Named }) {
  if (!office) return null;
  return <Link to={paths.office(office.id)}>{office.name}</Link>;
}

export function OrganizationLink({ organization }: { organization: Named }) {
  if (!organization) return null;
  return <Link to={paths.organization(organization.id)}>{organization.name}</Link>;
}

export function ZoneLink({ zone }: { zone: { code: string; name: string } | null | undefined }) {
  if (!zone) return null;
  return (
    <Link to={paths.zone(zone.code)}>
      {zone.code} – {zone.name}
    </Link>
  );
}

interface CitizenLike {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
}

/** A citizen's name linking to their page; the name may be denied, the link is always there. */
export function CitizenLink({ citizen, fallback }: { citizen: CitizenLike | null | undefined; fallback: string }) {
  if (!citizen) return null;
  const name = [citizen.lastName, citizen.firstName].filter(Boolean).join(' ');
  return <Link to={paths.citizen(citizen.id)}>{name || fallback}</Link>;
}
