import type { Option } from '../../components/form';
import { formatDateTime } from '../../lib/format';

/**
 * The office a form is recorded at: the one chosen, else the viewer's first office of the kind
 * the form is about, else the viewer's first office.
 */
export function chosenOffice(
  chosen: string,
  offices: readonly { id: string; kind: string | null }[],
  preferredKind: string,
): string {
  return chosen || offices.find((o) => o.kind === preferredKind)?.id || offices[0]?.id || '';
}

/** The citizen's accesses to pick one from, each named by its time and office. */
export function accessOptions(
  accesses:
    | { edges: readonly { node: { id: string; occurredAt: string | null; office: { name: string } | null } }[] }
    | null
    | undefined,
): Option[] {
  return (accesses?.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: [formatDateTime(node.occurredAt), node.office?.name].filter(Boolean).join(' · '),
  }));
}
