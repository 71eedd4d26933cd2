import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { QueryStatus } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { AdminEventsDocument } from './api';
import { AdminNav, adminPaths } from './common';
import '../../i18n/areas/admin';

const KNOWN_ACTIONS = [
  'createOperator',
  'updateOperator',
  'deactivateOperator',
  'activateOperator',
  'resetOperatorPassword',
  'revoked',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];
const isKnown = (a: string): a is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(a);

/** The keys whose values differ between two JSON snapshots. */
export function changedKeys(before: string | null, after: string | null): string[] {
  const parse = (s: string | null): Record<string, unknown> => {
    try {
      return s ? (JSON.parse(s) as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const b = parse(before);
  const a = parse(after);
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys]
    .filter((k) => k !== 'updated_at' && k !== 'version' && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .sort();
}

/** The administration events, newest first; `operatorId` keeps one operator's. */
export function EventList({ operatorId, refreshKey }: { operatorId?: string; refreshKey?: unknown }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.length > 0 ? cursors[cursors.length - 1] : null;
  const q = useQuery(AdminEventsDocument, { operatorId: operatorId ?? null, first: 20, after });
  const conn = q.data?.administrationEvents;
  const { refetch } = q;
  useEffect(() => {
    if (refreshKey !== undefined) refetch();
  }, [refreshKey, refetch]);

  const actionLabel = (action: string) => {
    if (isKnown(action)) return t(`admin.events.actions.${action}`);
    if (action.startsWith('created ')) return t('admin.events.clientCreated', { name: action.slice(8) });
    return action;
  };

  if (!conn) return <QueryStatus {...q} hasData={false} onRetry={q.refetch} />;
  if (conn.totalCount === 0) return <p>{t('admin.events.none')}</p>;
  return (
    <>
      <div className="table-responsive">
        <table className="table table-sm align-middle">
          <thead>
            <tr>
              <th scope="col">{t('admin.events.at')}</th>
              <th scope="col">{t('admin.events.actor')}</th>
              <th scope="col">{t('admin.events.action')}</th>
              <th scope="col">{t('admin.events.object')}</th>
              <th scope="col">{t('admin.events.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {conn.edges.map(({ cursor, node: e }) => {
              const changed = changedKeys(e.before, e.after);
              return (
                <tr key={cursor}>
                  <td>{formatDateTime(e.at)}</td>
                  <td className="font-monospace">{e.actor}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>
                    {e.operator ? (
                      <Link to={adminPaths.operator(e.operator.id)}>{e.operator.displayName}</Link>
                    ) : (
                      t(`admin.events.types.${e.objectType === 'Operator' ? 'Operator' : 'ApiClient'}`)
                    )}
                  </td>
                  <td>
                    {e.before || e.after ? (
                      <details>
                        <summary>{changed.length > 0 ? changed.join(', ') : t('admin.events.details')}</summary>
                        {e.before && (
                          <>
                            <div className="small fw-bold">{t('admin.events.before')}</div>
                            <pre className="small bg-light p-2">{JSON.stringify(JSON.parse(e.before), null, 1)}</pre>
                          </>
                        )}
                        {e.after && (
                          <>
                            <div className="small fw-bold">{t('admin.events.after')}</div>
                            <pre className="small bg-light p-2">{JSON.stringify(JSON.parse(e.after), null, 1)}</pre>
                          </>
                        )}
                      </details>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="d-flex gap-2" aria-label={t('admin.paging')}>
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          {t('admin.previous')}
        </button>
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={!conn.pageInfo.hasNextPage}
          onClick={() => setCursors((c) => [...c, conn.pageInfo.endCursor])}
        >
          {t('admin.next')}
        </button>
      </nav>
    </>
  );
}

/** /amministrazione/eventi: the administration events (administrators and the DPO). */
export default function Events() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const allowed = viewer?.roles.some((r) => r === 'ADMIN' || r === 'DPO') ?? false;
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <AdminNav />
      <h2 className="h4">{t('admin.events.title')}</h2>
      {allowed ? (
        <EventList />
      ) : (
        <div className="alert alert-warning" role="alert">
          {t('admin.notAllowed')}
        </div>
      )}
    </section>
  );
}
