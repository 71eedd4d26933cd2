import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { QueryStatus } from '../../components/Status';
import { AdminChoicesDocument, AdminOperatorsDocument } from './api';
import { AdminNav, AdminOnly, adminPaths, roleLabel } from './common';
import '../../i18n/areas/admin';

export const OPERATORS_PAGE_SIZE = 25;

/** /amministrazione: the operators, filtered by zone and organization, a page at a time. */
export default function Operators() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <AdminNav />
      <AdminOnly>
        <OperatorList />
      </AdminOnly>
    </section>
  );
}

function OperatorList() {
  const { t } = useTranslation();
  const [zoneCode, setZoneCode] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  // the cursors of the pages before the current one, to go back
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.length > 0 ? cursors[cursors.length - 1] : null;
  const choices = useQuery(AdminChoicesDocument, {});
  const list = useQuery(AdminOperatorsDocument, {
    zoneCode: zoneCode || null,
    organizationId: organizationId || null,
    first: OPERATORS_PAGE_SIZE,
    after,
  });
  const conn = list.data?.operators;
  const resetPaging = () => setCursors([]);

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-end gap-3 mb-3">
        <h2 className="h4 mb-0">{t('admin.operators.title')}</h2>
        <Link className="btn btn-primary" to={adminPaths.newOperator}>
          {t('admin.operators.new')}
        </Link>
      </div>
      <form className="row g-3 mb-3" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="col-12 col-md-4">
          <label htmlFor="op-zone" className="form-label">
            {t('admin.operators.filterZone')}
          </label>
          <select
            id="op-zone"
            className="form-select"
            value={zoneCode}
            onChange={(e) => {
              setZoneCode(e.target.value);
              resetPaging();
            }}
          >
            <option value="">{t('admin.operators.allZones')}</option>
            {choices.data?.zones.map((z) => (
              <option key={z.id} value={z.code}>
                {z.code} – {z.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-12 col-md-8">
          <label htmlFor="op-org" className="form-label">
            {t('admin.operators.filterOrganization')}
          </label>
          <select
            id="op-org"
            className="form-select"
            value={organizationId}
            onChange={(e) => {
              setOrganizationId(e.target.value);
              resetPaging();
            }}
          >
            <option value="">{t('admin.operators.allOrganizations')}</option>
            {choices.data?.organizations.edges.map(({ node: o }) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <QueryStatus {...list} hasData={!!conn} onRetry={list.refetch} />
      {conn && (
        <>
          <p aria-live="polite">{t('admin.operators.count', { count: conn.totalCount })}</p>
          <div className="table-responsive">
            <table className="table table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">{t('admin.operators.name')}</th>
                  <th scope="col">{t('admin.operators.username')}</th>
                  <th scope="col">{t('admin.operators.roles')}</th>
                  <th scope="col">{t('admin.operators.organization')}</th>
                  <th scope="col">{t('admin.operators.state')}</th>
                </tr>
              </thead>
              <tbody>
                {conn.edges.map(({ node: o }) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={adminPaths.operator(o.id)}>{o.displayName}</Link>
                    </td>
                    <td className="font-monospace">{o.username}</td>
                    <td>
                      {o.roles
                        .map(
                          (r) => roleLabel(t, r.role) + (r.zone ? ` (${t('admin.zoneN', { code: r.zone.code })})` : ''),
                        )
                        .join(', ')}
                    </td>
                    <td>{o.organization?.name ?? '—'}</td>
                    <td>
                      {o.active === false ? (
                        <span className="badge bg-secondary">{t('admin.operators.inactive')}</span>
                      ) : (
                        <span className="badge bg-success">{t('admin.operators.active')}</span>
                      )}
                    </td>
                  </tr>
                ))}
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
      )}
    </>
  );
}
