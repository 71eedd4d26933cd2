import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { QueryStatus } from '../../components/Status';
import { paths } from '../../components/links';
import { graphql } from '../../gql';
import type { CaseMemberRole } from '../../gql/graphql';
import { formatDate, today } from '../../lib/format';
import {
  addYears,
  casePermissions,
  CaseworkPage,
  dateOf,
  focusFirst,
  FormErrors,
  mergeErrors,
  NotAllowed,
  useRoles,
  nodeWith,
  NodeStatus,
  citizenName,
} from './common';
import { CaseworkActions } from './form';
import { Select, TextInput } from '../../components/form';
import '../../i18n/areas/casework';

const AddMemberPageDocument = graphql(`
  query AddMemberPage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        version
        openedAt
        zone {
          id
          code
          name
        }
        citizen {
          id
          firstName
          lastName
        }
        members(first: 100) {
          edges {
            node {
              id
              role
              validFrom
              validTo
              operator {
                id
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

const ZoneOperatorsDocument = graphql(`
  query ZoneOperators($zoneCode: String!) {
    operators(zoneCode: $zoneCode, first: 100) {
      edges {
        node {
          id
          displayName
          profession {
            code
            labelIt
            labelEn
          }
          roles {
            role
            zone {
              code
            }
          }
        }
      }
    }
  }
`);

export const AddCaseMemberDocument = graphql(`
  mutation AddCaseMember($input: AddCaseMemberInput!) {
    addCaseMember(input: $input) {
      case {
        id
        version
      }
    }
  }
`);

const ROLES: CaseMemberRole[] = ['MEMBER', 'RESPONSIBLE', 'FILE_MANAGER'];
const FIELDS = ['operatorId', 'role', 'validFrom'];

export default function AddMember() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const roles = useRoles();
  const page = useQuery(AddMemberPageDocument, { id });
  const node = page.data?.node;
  const c = nodeWith(node, 'status');
  const zoneCode = c?.zone?.code ?? '';
  const ops = useQuery(ZoneOperatorsDocument, { zoneCode }, { skip: !zoneCode });
  const [run, state] = useMutation(AddCaseMemberDocument);
  const [operatorId, setOperatorId] = useState('');
  const [role, setRole] = useState<CaseMemberRole>('MEMBER');
  const [validFrom, setValidFrom] = useState(today());
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  if (!c) return <NodeStatus page={page} />;

  const can = casePermissions(c, roles);
  const current = new Set(
    (c.members?.edges ?? [])
      .filter(({ node: m }) => !m.validTo || m.validTo >= today())
      .map(({ node: m }) => `${m.operator?.id ?? ''}/${m.role ?? ''}`),
  );
  // The server accepts active social workers and zone managers of the case's zone.
  const eligible = (ops.data?.operators.edges ?? [])
    .map((e) => e.node)
    .filter((o) =>
      o.roles.some(
        (r) => (r.role === 'SOCIAL_WORKER' || r.role === 'ZONE_MANAGER') && (!r.zone || r.zone.code === zoneCode),
      ),
    );
  const openedOn = dateOf(c.openedAt);

  const validate = () => {
    const e: Record<string, string> = {};
    if (!operatorId) e.operatorId = t('casework.team.operatorRequired');
    else if (current.has(`${operatorId}/${role}`)) e.operatorId = t('casework.team.alreadyMember');
    if (validFrom) {
      const now = today();
      if (validFrom > now) e.validFrom = t('casework.errors.dateFuture');
      else if (validFrom < addYears(now, -1)) e.validFrom = t('casework.errors.dateTooOld');
      else if (openedOn && validFrom < openedOn)
        e.validFrom = t('casework.errors.beforeOpened', { date: formatDate(openedOn) ?? openedOn });
    }
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setClientErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await run({
      input: { caseId: c.id, version: c.version ?? 0, operatorId, role, validFrom: validFrom || null },
    }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.addCaseMember.case) {
      void navigate(`${paths.case(c.id)}#equipe`);
    } else if (result) {
      if (hasErrorCode(result.errors, 'CONFLICT')) page.refetch();
      focusFirst(mergeErrors({}, result.errors));
    }
  };

  const errors = mergeErrors(clientErrors, state.errors);
  const name = citizenName(c.citizen);
  return (
    <CaseworkPage caseId={c.id} title={t('casework.team.title')} subtitle={name}>
      {!can.changeTeam ? (
        <NotAllowed>{c.status === 'CLOSED' ? t('casework.team.closed') : t('casework.team.notAllowed')}</NotAllowed>
      ) : (
        <form onSubmit={onSubmit} noValidate className="col-12 col-lg-8">
          <QueryStatus {...ops} hasData={!!ops.data} onRetry={ops.refetch} />
          <Select
            id="operatorId"
            label={t('casework.team.operator')}
            hint={t('casework.team.operatorHint', { zone: c.zone?.name ?? zoneCode })}
            required
            value={operatorId}
            onChange={setOperatorId}
            placeholder={t('casework.choose')}
            options={eligible.map((o) => ({
              value: o.id,
              label: o.profession ? `${o.displayName} – ${o.profession.labelIt}` : o.displayName,
            }))}
            error={errors.operatorId}
          />
          <Select
            id="role"
            label={t('casework.team.role')}
            hint={role === 'RESPONSIBLE' ? t('casework.team.responsibleHint') : undefined}
            required
            value={role}
            onChange={(v) => setRole(v as CaseMemberRole)}
            options={ROLES.map((r) => ({ value: r, label: t(`memberRole.${r}`) }))}
            error={errors.role}
          />
          <TextInput
            id="validFrom"
            type="date"
            label={t('casework.team.validFrom')}
            hint={t('casework.team.validFromHint')}
            value={validFrom}
            onChange={setValidFrom}
            max={today()}
            min={openedOn ?? undefined}
            error={errors.validFrom}
          />
          <FormErrors errors={state.errors} failure={state.failure} placed={(f) => FIELDS.includes(f)} />
          <CaseworkActions running={state.running} submit={t('casework.team.submit')} backTo={c.id} />
        </form>
      )}
    </CaseworkPage>
  );
}
