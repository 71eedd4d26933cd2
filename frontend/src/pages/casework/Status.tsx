import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { paths } from '../../components/links';
import { graphql } from '../../gql';
import type { CaseClosureReason, CaseStatus } from '../../gql/graphql';
import {
  casePermissions,
  CaseworkPage,
  focusFirst,
  FormErrors,
  mergeErrors,
  NotAllowed,
  nodeWith,
  useRoles,
  NodeStatus,
  citizenName,
} from './common';
import { CaseworkActions } from './form';
import { RadioGroup, Select, TextArea } from '../../components/form';
import '../../i18n/areas/casework';

const CaseStatusPageDocument = graphql(`
  query CaseStatusPage($id: ID!) {
    node(id: $id) {
      ... on Case {
        id
        status
        version
        zone {
          id
          code
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
              }
            }
          }
        }
      }
    }
  }
`);

export const ChangeCaseStatusDocument = graphql(`
  mutation ChangeCaseStatus($input: ChangeCaseStatusInput!) {
    changeCaseStatus(input: $input) {
      case {
        id
        status
        version
      }
    }
  }
`);

export const CloseCaseDocument = graphql(`
  mutation CloseCase($input: CloseCaseInput!) {
    closeCase(input: $input) {
      case {
        id
        status
        version
      }
    }
  }
`);

/** The moves changeCaseStatus allows (internal/care caseTransitions); closing is closeCase's, from any status but CLOSED. */
export const CASE_TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  PROPOSED: ['OPEN'],
  OPEN: ['SUSPENDED'],
  SUSPENDED: ['OPEN'],
  REOPENED: ['SUSPENDED'],
  CLOSED: ['REOPENED'],
};

export const CLOSURE_REASONS: CaseClosureReason[] = [
  'GOALS_REACHED',
  'TRANSFERRED',
  'MOVED_AWAY',
  'DECEASED',
  'REFUSED_BY_CITIZEN',
  'NO_LONGER_ELIGIBLE',
  'OTHER',
];

const MAX_REASON = 2000;
const MAX_NOTES = 4000;

export default function CaseStatusPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const roles = useRoles();
  const page = useQuery(CaseStatusPageDocument, { id });
  const node = page.data?.node;
  const c = nodeWith(node, 'status');

  const [changeRun, changeState] = useMutation(ChangeCaseStatusDocument);
  const [closeRun, closeState] = useMutation(CloseCaseDocument);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [closure, setClosure] = useState('');
  const [notes, setNotes] = useState('');
  const [changeErrors, setChangeErrors] = useState<Record<string, string>>({});
  const [closeErrors, setCloseErrors] = useState<Record<string, string>>({});

  if (!c) return <NodeStatus page={page} />;

  const can = casePermissions(c, roles);
  const status = c.status;
  const targets = status ? CASE_TRANSITIONS[status] : [];
  const done = () => void navigate(`${paths.case(c.id)}#stati`);

  const onChange = async (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!targets.includes(target as CaseStatus)) e.status = t('casework.status.targetRequired');
    if (!reason.trim()) e['change-reason'] = t('casework.errors.required');
    else if (reason.trim().length > MAX_REASON) e['change-reason'] = t('casework.errors.tooLong', { max: MAX_REASON });
    setChangeErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await changeRun({
      input: { caseId: c.id, version: c.version ?? 0, status: target as CaseStatus, reason: reason.trim() },
    }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.changeCaseStatus.case) done();
    else if (result && hasErrorCode(result.errors, 'CONFLICT')) page.refetch();
  };

  const onClose = async (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!closure) e.reason = t('casework.status.closureRequired');
    if (notes.trim().length > MAX_NOTES) e.notes = t('casework.errors.tooLong', { max: MAX_NOTES });
    else if (closure === 'OTHER' && !notes.trim()) e.notes = t('casework.status.notesRequired');
    setCloseErrors(e);
    if (Object.keys(e).length > 0) return focusFirst(e);
    const result = await closeRun({
      input: {
        caseId: c.id,
        version: c.version ?? 0,
        reason: closure as CaseClosureReason,
        notes: notes.trim() || null,
      },
    }).catch(() => null);
    if (result && result.errors.length === 0 && result.data?.closeCase.case) done();
    else if (result && hasErrorCode(result.errors, 'CONFLICT')) page.refetch();
  };

  // The server names the change's reason "reason" and the closure's "reason" too: the inputs have distinct ids.
  const serverChange = mergeErrors({}, changeState.errors);
  const ce = { status: serverChange.status, 'change-reason': serverChange.reason, ...changeErrors };
  const xe = mergeErrors(closeErrors, closeState.errors);
  const name = citizenName(c.citizen);

  return (
    <CaseworkPage
      caseId={c.id}
      title={t('casework.status.title')}
      subtitle={
        <>
          {name} · {t('casework.status.current')}: <strong>{status ? t(`caseStatus.${status}`) : '—'}</strong>
        </>
      }
    >
      {!can.changeStatus ? (
        <NotAllowed>{t('casework.status.notAllowed')}</NotAllowed>
      ) : (
        <div className="row">
          <div className="col-12 col-lg-6">
            <form onSubmit={onChange} noValidate aria-labelledby="change-status-title" className="mb-4">
              <h2 className="h5" id="change-status-title">
                {t('casework.status.changeTitle')}
              </h2>
              {targets.length === 0 ? (
                <p>{t('casework.status.noTransition')}</p>
              ) : (
                <>
                  <RadioGroup
                    name="status"
                    legend={t('casework.status.target')}
                    required
                    value={target}
                    onChange={setTarget}
                    options={targets.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
                    error={ce.status}
                  />
                  <TextArea
                    id="change-reason"
                    label={t('casework.status.reason')}
                    required
                    value={reason}
                    onChange={setReason}
                    maxLength={MAX_REASON}
                    error={ce['change-reason']}
                  />
                  <FormErrors
                    errors={changeState.errors}
                    failure={changeState.failure}
                    placed={(f) => f === 'status' || f === 'reason'}
                  />
                  <CaseworkActions running={changeState.running} submit={t('casework.status.changeSubmit')} />
                </>
              )}
            </form>
          </div>
          {status !== 'CLOSED' && (
            <div className="col-12 col-lg-6">
              <form onSubmit={onClose} noValidate aria-labelledby="close-case-title" className="mb-4">
                <h2 className="h5" id="close-case-title">
                  {t('casework.status.closeTitle')}
                </h2>
                <Select
                  id="reason"
                  label={t('casework.status.closureReason')}
                  required
                  value={closure}
                  onChange={setClosure}
                  placeholder={t('casework.choose')}
                  options={CLOSURE_REASONS.map((r) => ({ value: r, label: t(`casework.closureReason.${r}`) }))}
                  error={xe.reason}
                />
                <TextArea
                  id="notes"
                  label={t('casework.status.notes')}
                  hint={t('casework.status.notesHint')}
                  required={closure === 'OTHER'}
                  value={notes}
                  onChange={setNotes}
                  maxLength={MAX_NOTES}
                  error={xe.notes}
                />
                <FormErrors
                  errors={closeState.errors}
                  failure={closeState.failure}
                  placed={(f) => f === 'reason' || f === 'notes'}
                />
                <CaseworkActions running={closeState.running} submit={t('casework.status.closeSubmit')} danger />
              </form>
            </div>
          )}
        </div>
      )}
    </CaseworkPage>
  );
}
