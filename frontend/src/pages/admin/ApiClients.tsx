import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { FormErrors } from '../../components/form';
import { QueryStatus } from '../../components/Status';
import type { Role } from '../../gql/graphql';
import { formatDateTime, today } from '../../lib/format';
import {
  AdminApiClientsDocument,
  AdminChoicesDocument,
  AdminCreateApiClientDocument,
  AdminRevokeApiClientDocument,
} from './api';
import { AdminNav, AdminOnly, focusFirstError, OneTimeSecret, roleLabel, useFieldMessages } from './common';
import { apiClientProblems, CLIENT_ROLES, endOfDay, type ApiClientDraft, type Problems } from './validation';
import '../../i18n/areas/admin';

/** The server names the zones `zoneCodes` (GraphQL) or `zoneIds` (the service): one input. */
const ZONE_FIELDS = ['zoneCodes', 'zoneIds'];
const CLIENT_FIELDS = ['name', 'organizationId', 'role', 'scopes', 'expiresAt', ...ZONE_FIELDS];
const inputIds: Record<string, string> = {
  name: 'ac-name',
  organizationId: 'ac-organization',
  role: 'ac-role',
  zoneCodes: 'ac-zones',
  zoneIds: 'ac-zones',
  scopes: 'ac-scopes',
  expiresAt: 'ac-expires',
};

function inAYear(): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return today(d);
}

const emptyClient = (): ApiClientDraft => ({
  name: '',
  organizationId: '',
  role: '',
  zoneCodes: [],
  scopes: [],
  expiresOn: inAYear(),
});

/** /amministrazione/client-api: the partner agencies' API clients; create (token shown once), revoke. */
export default function ApiClients() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <AdminNav />
      <AdminOnly>
        <ApiClientsPanel />
      </AdminOnly>
    </section>
  );
}

function ApiClientsPanel() {
  const { t } = useTranslation();
  const list = useQuery(AdminApiClientsDocument, {});
  const choices = useQuery(AdminChoicesDocument, {});
  const [create, createState] = useMutation(AdminCreateApiClientDocument);
  const [revoke, revokeState] = useMutation(AdminRevokeApiClientDocument);
  const [draft, setDraft] = useState<ApiClientDraft>(emptyClient);
  const [problems, setProblems] = useState<Problems>({});
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const errorFor = useFieldMessages(problems, createState.errors);
  const zonesError = errorFor('zoneCodes') ?? errorFor('zoneIds');
  const set = (patch: Partial<ApiClientDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (list: readonly string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];

  const onCreate = async (ev: FormEvent) => {
    ev.preventDefault();
    const p = apiClientProblems(draft);
    setProblems(p);
    if (Object.keys(p).length > 0) {
      focusFirstError(CLIENT_FIELDS.filter((f) => p[f]).map((f) => inputIds[f] ?? f));
      return;
    }
    const result = await create({
      input: {
        name: draft.name.trim(),
        organizationId: draft.organizationId,
        role: draft.role as Role,
        zoneCodes: draft.zoneCodes.length > 0 ? [...draft.zoneCodes] : null,
        scopes: [...draft.scopes],
        expiresAt: endOfDay(draft.expiresOn),
      },
    }).catch(() => null);
    const made = result?.data?.createApiClient;
    if (made) {
      setToken({ name: made.apiClient?.name ?? draft.name, token: made.token });
      setDraft(emptyClient());
      list.refetch();
    } else if (result) {
      const fields = result.errors.map((e) => e.extensions?.field).filter((f): f is string => typeof f === 'string');
      focusFirstError(fields.map((f) => inputIds[f] ?? f));
    }
  };

  const onRevoke = async (id: string) => {
    setConfirming(null);
    const r = await revoke({ input: { id } }).catch(() => null);
    if (r?.data) list.refetch();
  };

  const invalid = (field: string) => (errorFor(field) ? ' is-invalid' : '');
  const feedback = (id: string, error: string | null) =>
    error && (
      <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
        {error}
      </div>
    );
  const describedBy = (id: string, error: string | null) => (error ? `${id}-error` : undefined);

  return (
    <>
      {token && (
        <OneTimeSecret
          id="ac-token"
          label={t('admin.secret.tokenLabel', { name: token.name })}
          secret={token.token}
          warning={t('admin.secret.tokenWarning')}
          onDismiss={() => setToken(null)}
        />
      )}

      <h2 className="h4">{t('admin.clients.title')}</h2>
      <QueryStatus {...list} hasData={!!list.data} onRetry={list.refetch} />
      {list.data && list.data.apiClients.length === 0 && <p>{t('admin.clients.none')}</p>}
      {list.data && list.data.apiClients.length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm align-middle">
            <thead>
              <tr>
                <th scope="col">{t('admin.clients.name')}</th>
                <th scope="col">{t('admin.clients.organization')}</th>
                <th scope="col">{t('admin.clients.role')}</th>
                <th scope="col">{t('admin.clients.zones')}</th>
                <th scope="col">{t('admin.clients.scopes')}</th>
                <th scope="col">{t('admin.clients.token')}</th>
                <th scope="col">{t('admin.clients.expires')}</th>
                <th scope="col">{t('admin.clients.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.clients.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.apiClients.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.organization?.name ?? '—'}</td>
                  <td>{roleLabel(t, c.role)}</td>
                  <td>{c.zones.length === 0 ? t('admin.clients.allZones') : c.zones.map((z) => z.code).join(', ')}</td>
                  <td className="small">{c.scopes.join(', ')}</td>
                  <td className="font-monospace">{c.tokenPrefix}…</td>
                  <td>{formatDateTime(c.expiresAt)}</td>
                  <td>{formatDateTime(c.lastUsedAt) ?? t('admin.never')}</td>
                  <td>
                    {c.active ? (
                      <button
                        type="button"
                        className="btn btn-outline-danger btn-sm"
                        onClick={() => setConfirming({ id: c.id, name: c.name })}
                      >
                        {t('admin.clients.revoke')}
                        <span className="visually-hidden"> {c.name}</span>
                      </button>
                    ) : (
                      <span className="badge bg-secondary">
                        {c.revokedAt ? t('admin.clients.revoked') : t('admin.clients.expired')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <div className="alert alert-info" role="alertdialog" aria-labelledby="ac-confirm-text">
          <p id="ac-confirm-text">{t('admin.clients.confirmRevoke', { name: confirming.name })}</p>
          <div className="d-flex gap-2">
            <button
              type="button"
              className="btn btn-danger btn-sm"
              autoFocus
              onClick={() => void onRevoke(confirming.id)}
            >
              {t('admin.clients.revokeConfirm')}
            </button>
            <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setConfirming(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        </div>
      )}
      <FormErrors errors={revokeState.errors} failure={revokeState.failure} />

      <section className="card card-bg mt-4" aria-labelledby="ac-new-title">
        <div className="card-body">
          <h2 className="h5" id="ac-new-title">
            {t('admin.clients.new')}
          </h2>
          <form noValidate onSubmit={(e) => void onCreate(e)}>
            <div className="mb-3">
              <label htmlFor="ac-name" className="form-label">
                {t('admin.clients.name')} <span aria-hidden="true">*</span>
              </label>
              <input
                id="ac-name"
                className={`form-control${invalid('name')}`}
                value={draft.name}
                maxLength={200}
                aria-required
                aria-invalid={errorFor('name') ? true : undefined}
                aria-describedby={describedBy('ac-name', errorFor('name'))}
                onChange={(e) => set({ name: e.target.value })}
              />
              {feedback('ac-name', errorFor('name'))}
            </div>
            <div className="row g-3 mb-3">
              <div className="col-12 col-md-6">
                <label htmlFor="ac-organization" className="form-label">
                  {t('admin.clients.organization')} <span aria-hidden="true">*</span>
                </label>
                <select
                  id="ac-organization"
                  className={`form-select${invalid('organizationId')}`}
                  value={draft.organizationId}
                  aria-required
                  aria-invalid={errorFor('organizationId') ? true : undefined}
                  aria-describedby={describedBy('ac-organization', errorFor('organizationId'))}
                  onChange={(e) => set({ organizationId: e.target.value })}
                >
                  <option value="">{t('admin.choose')}</option>
                  {choices.data?.organizations.edges.map(({ node: o }) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                {feedback('ac-organization', errorFor('organizationId'))}
              </div>
              <div className="col-12 col-md-6">
                <label htmlFor="ac-role" className="form-label">
                  {t('admin.clients.role')} <span aria-hidden="true">*</span>
                </label>
                <select
                  id="ac-role"
                  className={`form-select${invalid('role')}`}
                  value={draft.role}
                  aria-required
                  aria-invalid={errorFor('role') ? true : undefined}
                  aria-describedby={describedBy('ac-role', errorFor('role'))}
                  onChange={(e) => set({ role: e.target.value as Role | '' })}
                >
                  <option value="">{t('admin.choose')}</option>
                  {CLIENT_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(t, r)}
                    </option>
                  ))}
                </select>
                {feedback('ac-role', errorFor('role'))}
              </div>
            </div>
            <fieldset className="mb-3" aria-describedby={describedBy('ac-zones', zonesError)}>
              <legend className="h6">{t('admin.clients.zones')}</legend>
              <p className="small text-muted">{t('admin.clients.zonesHint')}</p>
              <div className="d-flex flex-wrap gap-3">
                {choices.data?.zones.map((z, i) => (
                  <div className="form-check mt-0" key={z.id}>
                    <input
                      id={i === 0 ? 'ac-zones' : `ac-zone-${z.code}`}
                      type="checkbox"
                      checked={draft.zoneCodes.includes(z.code)}
                      onChange={() => set({ zoneCodes: toggle(draft.zoneCodes, z.code) })}
                    />
                    <label htmlFor={i === 0 ? 'ac-zones' : `ac-zone-${z.code}`}>
                      {z.code} – {z.name}
                    </label>
                  </div>
                ))}
              </div>
              {feedback('ac-zones', zonesError)}
            </fieldset>
            <fieldset className="mb-3" aria-describedby={describedBy('ac-scopes', errorFor('scopes'))}>
              <legend className="h6">
                {t('admin.clients.scopes')} <span aria-hidden="true">*</span>
              </legend>
              {list.data?.apiScopes.map((s, i) => (
                <div className="form-check" key={s.name}>
                  <input
                    id={i === 0 ? 'ac-scopes' : `ac-scope-${s.name}`}
                    type="checkbox"
                    checked={draft.scopes.includes(s.name)}
                    onChange={() => set({ scopes: toggle(draft.scopes, s.name) })}
                  />
                  <label htmlFor={i === 0 ? 'ac-scopes' : `ac-scope-${s.name}`}>
                    <span className="font-monospace">{s.name}</span> – {s.description}
                  </label>
                </div>
              ))}
              {feedback('ac-scopes', errorFor('scopes'))}
            </fieldset>
            <div className="mb-3">
              <label htmlFor="ac-expires" className="form-label">
                {t('admin.clients.expiresOn')} <span aria-hidden="true">*</span>
              </label>
              <input
                id="ac-expires"
                type="date"
                className={`form-control${invalid('expiresAt')}`}
                value={draft.expiresOn}
                min={today()}
                aria-required
                aria-invalid={errorFor('expiresAt') ? true : undefined}
                aria-describedby={`ac-expires-hint${errorFor('expiresAt') ? ' ac-expires-error' : ''}`}
                onChange={(e) => set({ expiresOn: e.target.value })}
              />
              <small id="ac-expires-hint" className="form-text d-block">
                {t('admin.clients.expiresHint')}
              </small>
              {feedback('ac-expires', errorFor('expiresAt'))}
            </div>
            <FormErrors errors={createState.errors} failure={createState.failure} shownFields={CLIENT_FIELDS} />
            <button type="submit" className="btn btn-primary" disabled={createState.running}>
              {t('admin.clients.create')}
            </button>
          </form>
        </div>
      </section>
    </>
  );
}
