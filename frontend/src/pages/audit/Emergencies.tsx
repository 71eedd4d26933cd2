import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { ResponseErrors, Value } from '../../components/Field';
import { CitizenLink, OperatorLink, ZoneLink } from '../../components/links';
import { QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { AuditNav } from './AuditNav';
import { Pager, useCursorPages } from './Pager';
import '../../i18n/areas/monitoring';

export const EmergencyAccessesQuery = graphql(`
  query EmergencyAccesses($zoneCode: String, $activeOnly: Boolean, $first: Int, $after: String) {
    emergencyAccesses(zoneCode: $zoneCode, activeOnly: $activeOnly, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          operator {
            id
            displayName
          }
          citizen {
            id
            firstName
            lastName
          }
          zone {
            id
            code
            name
          }
          reason
          startedAt
          expiresAt
          active
        }
      }
    }
  }
`);

const ZonesQuery = graphql(`
  query EmergencyZones {
    zones {
      id
      code
      name
    }
  }
`);

/**
 * Emergency accesses (break the glass) for the DPO (all) and zone managers (their zones):
 * /audit/emergenze?zona=2&attive=1.
 */
export default function Emergencies() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const zone = params.get('zona') ?? '';
  const activeOnly = params.get('attive') === '1';
  const pages = useCursorPages(`${zone}|${activeOnly}`);
  const dpo = viewer?.roles.includes('DPO') ?? false;
  const zones = useQuery(ZonesQuery, {}, { skip: !dpo });
  const zoneOptions = dpo ? (zones.data?.zones ?? []) : (viewer?.zones ?? []);
  const { data, errors, loading, failure, refetch } = useQuery(EmergencyAccessesQuery, {
    zoneCode: zone || undefined,
    activeOnly: activeOnly || undefined,
    first: 20,
    after: pages.after ?? undefined,
  });

  function set(next: { zona?: string; attive?: boolean }) {
    const z = next.zona ?? zone;
    const a = next.attive ?? activeOnly;
    const out: Record<string, string> = {};
    if (z) out.zona = z;
    if (a) out.attive = '1';
    setParams(out, { replace: true });
  }

  const conn = data?.emergencyAccesses;
  return (
    <section>
      <h1 className="h2">{t('monitoring.audit.title')}</h1>
      <AuditNav />
      <p>{t('monitoring.emergencies.intro')}</p>
      <form className="row g-3 align-items-end mb-3" onSubmit={(e) => e.preventDefault()}>
        <div className="col-12 col-sm-6 col-lg-4">
          <label htmlFor="em-zone" className="form-label small fw-semibold">
            {t('monitoring.zone')}
          </label>
          <select id="em-zone" className="form-select" value={zone} onChange={(e) => set({ zona: e.target.value })}>
            <option value="">{t('monitoring.allZones')}</option>
            {zoneOptions.map((z) => (
              <option key={z.code} value={z.code}>
                {z.code} – {z.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-sm-6 col-lg-4">
          <div className="form-check">
            <input
              id="em-active"
              type="checkbox"
              className="form-check-input"
              checked={activeOnly}
              onChange={(e) => set({ attive: e.target.checked })}
            />
            <label htmlFor="em-active" className="form-check-label">
              {t('monitoring.emergencies.activeOnly')}
            </label>
          </div>
        </div>
      </form>
      <div aria-live="polite" aria-busy={loading}>
        <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!conn} onRetry={refetch} />
        {conn && (
          <ResponseErrors errors={errors}>
            <p>{t('monitoring.emergencies.count', { count: conn.totalCount })}</p>
            {conn.edges.length > 0 && (
              <div className="table-responsive">
                <table className="table table-sm">
                  <caption className="visually-hidden">{t('monitoring.emergencies.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.emergencies.operator')}</th>
                      <th scope="col">{t('monitoring.citizen')}</th>
                      <th scope="col">{t('monitoring.zone')}</th>
                      <th scope="col">{t('monitoring.emergencies.reason')}</th>
                      <th scope="col">{t('monitoring.emergencies.startedAt')}</th>
                      <th scope="col">{t('monitoring.emergencies.expiresAt')}</th>
                      <th scope="col">{t('monitoring.emergencies.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {conn.edges.map(({ node }, i) => {
                      const base = ['emergencyAccesses', 'edges', i, 'node'] as const;
                      return (
                        <tr key={node.id}>
                          <td>
                            <Value path={[...base, 'operator']}>
                              <OperatorLink operator={node.operator} />
                            </Value>
                          </td>
                          <td>
                            {node.citizen ? (
                              <CitizenLink citizen={node.citizen} fallback={t('monitoring.citizen')} />
                            ) : (
                              <span className="text-muted">{t('monitoring.emergencies.citizenHidden')}</span>
                            )}
                          </td>
                          <td>
                            <ZoneLink zone={node.zone} />
                          </td>
                          <td className="small">
                            <Value path={[...base, 'reason']}>{node.reason}</Value>
                          </td>
                          <td className="text-nowrap">{formatDateTime(node.startedAt)}</td>
                          <td className="text-nowrap">{formatDateTime(node.expiresAt)}</td>
                          <td>
                            {node.active ? (
                              <span className="badge bg-danger">{t('monitoring.emergencies.running')}</span>
                            ) : (
                              <span className="badge bg-secondary">{t('monitoring.emergencies.ended')}</span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <Pager
              page={pages.page}
              hasNext={conn.pageInfo.hasNextPage}
              endCursor={conn.pageInfo.endCursor}
              onNext={pages.next}
              onPrevious={pages.previous}
            />
          </ResponseErrors>
        )}
      </div>
    </section>
  );
}
