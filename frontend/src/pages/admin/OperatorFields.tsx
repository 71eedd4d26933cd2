import { useTranslation } from 'react-i18next';
import type { AdminChoicesQuery, Role } from '../../gql/graphql';
import { ALL_ROLES, REGIONAL_ROLES, ZONE_ROLES, type RoleRow } from './validation';
import '../../i18n/areas/admin';

export interface OperatorDraft {
  displayName: string;
  professionCode: string;
  organizationId: string;
  officeIds: string[];
  roles: RoleRow[];
}

export const emptyDraft: OperatorDraft = {
  displayName: '',
  professionCode: '',
  organizationId: '',
  officeIds: [],
  roles: [{ role: '', zoneCode: '', officeId: '' }],
};

/** The id of the input of a server field: roles[1].zoneCode → op-roles-1-zoneCode. */
export function fieldId(field: string): string {
  return 'op-' + field.replace(/\[(\d+)\]\./g, '-$1-');
}

function Feedback({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
      {error}
    </div>
  );
}

type Office = AdminChoicesQuery['offices']['edges'][number]['node'];

/**
 * The fields an administrator edits on an operator: name, profession, organization, offices and
 * roles (repeatable rows of role, zone, office). `rolesLocked` for the administrator's own account.
 */
export function OperatorFields({
  draft,
  onChange,
  errorFor,
  choices,
  rolesLocked = false,
}: {
  draft: OperatorDraft;
  onChange: (d: OperatorDraft) => void;
  errorFor: (field: string) => string | null;
  choices: AdminChoicesQuery | null;
  rolesLocked?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const offices: Office[] = choices?.offices.edges.map((e) => e.node) ?? [];
  const officeName = (id: string) => offices.find((o) => o.id === id)?.name ?? id;
  const set = (patch: Partial<OperatorDraft>) => onChange({ ...draft, ...patch });
  const setRole = (i: number, patch: Partial<RoleRow>) =>
    set({ roles: draft.roles.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const input = (field: string) => {
    const error = errorFor(field);
    return {
      id: fieldId(field),
      className: `form-control${error ? ' is-invalid' : ''}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${fieldId(field)}-error` : undefined,
    };
  };
  const select = (field: string) => ({
    ...input(field),
    className: input(field).className.replace('form-control', 'form-select'),
  });
  const free = offices.filter((o) => !draft.officeIds.includes(o.id));

  return (
    <>
      <div className="mb-3">
        <label htmlFor={fieldId('displayName')} className="form-label">
          {t('admin.operator.displayName')} <span aria-hidden="true">*</span>
        </label>
        <input
          {...input('displayName')}
          value={draft.displayName}
          aria-required
          maxLength={200}
          onChange={(e) => set({ displayName: e.target.value })}
        />
        <Feedback id={fieldId('displayName')} error={errorFor('displayName')} />
      </div>
      <div className="row g-3 mb-3">
        <div className="col-12 col-md-6">
          <label htmlFor={fieldId('professionCode')} className="form-label">
            {t('admin.operator.profession')}
          </label>
          <select
            {...select('professionCode')}
            value={draft.professionCode}
            onChange={(e) => set({ professionCode: e.target.value })}
          >
            <option value="">{t('admin.none')}</option>
            {choices?.codeLists.professions.map((p) => (
              <option key={p.code} value={p.code}>
                {i18n.language === 'en' ? p.labelEn : p.labelIt}
              </option>
            ))}
          </select>
          <Feedback id={fieldId('professionCode')} error={errorFor('professionCode')} />
        </div>
        <div className="col-12 col-md-6">
          <label htmlFor={fieldId('organizationId')} className="form-label">
            {t('admin.operator.organization')}
          </label>
          <select
            {...select('organizationId')}
            value={draft.organizationId}
            onChange={(e) => set({ organizationId: e.target.value })}
          >
            <option value="">{t('admin.none')}</option>
            {choices?.organizations.edges.map(({ node: o }) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <Feedback id={fieldId('organizationId')} error={errorFor('organizationId')} />
        </div>
      </div>

      <fieldset className="mb-3">
        <legend className="h6">{t('admin.operator.offices')}</legend>
        {draft.officeIds.length === 0 && <p className="text-muted small">{t('admin.operator.noOffices')}</p>}
        <ul className="list-unstyled">
          {draft.officeIds.map((id) => (
            <li key={id} className="d-flex align-items-center gap-2 mb-1">
              <span>{officeName(id)}</span>
              <button
                type="button"
                className="btn btn-link btn-sm p-0"
                onClick={() => set({ officeIds: draft.officeIds.filter((o) => o !== id) })}
              >
                {t('admin.remove')}
                <span className="visually-hidden"> {officeName(id)}</span>
              </button>
            </li>
          ))}
        </ul>
        <label htmlFor={fieldId('officeIds')} className="form-label">
          {t('admin.operator.addOffice')}
        </label>
        <select
          {...select('officeIds')}
          value=""
          onChange={(e) => e.target.value && set({ officeIds: [...draft.officeIds, e.target.value] })}
        >
          <option value="">{t('admin.operator.chooseOffice')}</option>
          {free.map((o) => (
            <option key={o.id} value={o.id}>
              {o.zone ? `${t('admin.zoneN', { code: o.zone.code })} – ` : ''}
              {o.name}
            </option>
          ))}
        </select>
        <Feedback id={fieldId('officeIds')} error={errorFor('officeIds')} />
      </fieldset>

      <fieldset className="mb-3" aria-describedby={errorFor('roles') ? 'op-roles-error' : undefined}>
        <legend className="h6">
          {t('admin.operator.roles')} <span aria-hidden="true">*</span>
        </legend>
        {rolesLocked && <p className="text-muted small">{t('admin.operator.ownRoles')}</p>}
        <p className="small text-muted">{t('admin.operator.rolesHint')}</p>
        <Feedback id="op-roles" error={errorFor('roles')} />
        {draft.roles.map((r, i) => {
          const zoneOffices = offices.filter((o) => o.zone?.code === r.zoneCode);
          const regional = r.role !== '' && REGIONAL_ROLES.includes(r.role);
          return (
            <div key={i} className="row g-2 align-items-end mb-2 border-bottom pb-2">
              <div className="col-12 col-md-4">
                <label htmlFor={fieldId(`roles[${i}].role`)} className="form-label small">
                  {t('admin.operator.role', { n: i + 1 })}
                </label>
                <select
                  {...select(`roles[${i}].role`)}
                  value={r.role}
                  disabled={rolesLocked}
                  onChange={(e) => {
                    const role = e.target.value as Role | '';
                    const patch: Partial<RoleRow> = { role };
                    if (role && REGIONAL_ROLES.includes(role)) Object.assign(patch, { zoneCode: '', officeId: '' });
                    setRole(i, patch);
                  }}
                >
                  <option value="">{t('admin.operator.chooseRole')}</option>
                  {ALL_ROLES.map((ro) => (
                    <option key={ro} value={ro}>
                      {t(`admin.roles.${ro}`)}
                    </option>
                  ))}
                </select>
                <Feedback id={fieldId(`roles[${i}].role`)} error={errorFor(`roles[${i}].role`)} />
              </div>
              <div className="col-6 col-md-3">
                <label htmlFor={fieldId(`roles[${i}].zoneCode`)} className="form-label small">
                  {t('admin.operator.zone')}
                  {r.role !== '' && ZONE_ROLES.includes(r.role) && <span aria-hidden="true"> *</span>}
                </label>
                <select
                  {...select(`roles[${i}].zoneCode`)}
                  value={r.zoneCode}
                  disabled={rolesLocked || regional}
                  onChange={(e) => setRole(i, { zoneCode: e.target.value, officeId: '' })}
                >
                  <option value="">{regional ? t('admin.operator.regional') : t('admin.operator.allZones')}</option>
                  {choices?.zones.map((z) => (
                    <option key={z.id} value={z.code}>
                      {z.code} – {z.name}
                    </option>
                  ))}
                </select>
                <Feedback id={fieldId(`roles[${i}].zoneCode`)} error={errorFor(`roles[${i}].zoneCode`)} />
              </div>
              <div className="col-6 col-md-3">
                <label htmlFor={fieldId(`roles[${i}].officeId`)} className="form-label small">
                  {t('admin.operator.roleOffice')}
                </label>
                <select
                  {...select(`roles[${i}].officeId`)}
                  value={r.officeId}
                  disabled={rolesLocked || !r.zoneCode}
                  onChange={(e) => setRole(i, { officeId: e.target.value })}
                >
                  <option value="">{t('admin.operator.anyOffice')}</option>
                  {zoneOffices.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <Feedback id={fieldId(`roles[${i}].officeId`)} error={errorFor(`roles[${i}].officeId`)} />
              </div>
              <div className="col-12 col-md-2">
                <button
                  type="button"
                  className="btn btn-outline-danger btn-sm w-100"
                  disabled={rolesLocked}
                  onClick={() => set({ roles: draft.roles.filter((_, j) => j !== i) })}
                >
                  {t('admin.remove')}
                  <span className="visually-hidden"> {t('admin.operator.role', { n: i + 1 })}</span>
                </button>
              </div>
            </div>
          );
        })}
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={rolesLocked}
          onClick={() => set({ roles: [...draft.roles, { role: '', zoneCode: '', officeId: '' }] })}
        >
          {t('admin.operator.addRole')}
        </button>
      </fieldset>
    </>
  );
}

/** The roles as the mutations take them. */
export function roleInput(rows: readonly RoleRow[]) {
  return rows.map((r) => ({
    role: r.role as Role,
    zoneCode: r.zoneCode || null,
    officeId: r.officeId || null,
  }));
}
