import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { RequiredMark } from '../../components/form';
import { graphql } from '../../gql';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import '../../i18n/areas/forms';

const MunicipalitySearch = graphql(`
  query MunicipalitySearch($search: String!) {
    municipalities(search: $search) {
      id
      istatCode
      cadastralCode
      name
      province
    }
  }
`);

export interface PickedMunicipality {
  istatCode: string;
  cadastralCode?: string;
  name: string;
  province?: string;
}

const label = (m: PickedMunicipality) => (m.province ? `${m.name} (${m.province})` : m.name);

/**
 * A municipality (comune) of the region, searched by name as the operator types
 * (`municipalities(search:)`), chosen from the list of matches.
 */
export function MunicipalityPicker({
  id,
  label: fieldLabel,
  value,
  onChange,
  error,
  required,
}: {
  id: string;
  label: string;
  value: PickedMunicipality | null;
  onChange: (m: PickedMunicipality | null) => void;
  error?: string | null;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [term, setTerm] = useState(value ? label(value) : '');
  const [open, setOpen] = useState(false);
  const debounced = useDebouncedValue(term.trim(), 250);
  const skip = !open || debounced.length < 2;
  const { data, loading } = useQuery(MunicipalitySearch, { search: debounced }, { skip });
  const matches = (data?.municipalities ?? []).slice(0, 8);
  const listId = `${id}-options`;
  const describedBy = [error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(' ');

  return (
    <div className="form-group siso-picker">
      <label htmlFor={id} className="active">
        {fieldLabel}
        {required && <RequiredMark />}
      </label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={term}
        onChange={(e) => {
          setTerm(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-controls={listId}
        aria-expanded={open && matches.length > 0}
        aria-autocomplete="list"
        role="combobox"
      />
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
      <small id={`${id}-hint`} className="form-text d-block">
        {value ? t('forms.municipality.chosen', { name: label(value) }) : t('forms.municipality.hint')}
      </small>
      {!skip && (
        <ul id={listId} className="list-group siso-picker-options" aria-busy={loading} aria-label={fieldLabel}>
          {matches.map((m) => (
            <li key={m.id} className="list-group-item p-0">
              <button
                type="button"
                className="btn btn-link w-100 text-start"
                onClick={() => {
                  onChange(m);
                  setTerm(label(m));
                  setOpen(false);
                }}
              >
                {label(m)}
              </button>
            </li>
          ))}
          {!loading && matches.length === 0 && (
            <li className="list-group-item small text-muted">{t('forms.municipality.none')}</li>
          )}
        </ul>
      )}
      {value && (
        <button
          type="button"
          className="btn btn-sm btn-link px-0"
          onClick={() => {
            onChange(null);
            setTerm('');
          }}
        >
          {t('forms.municipality.clear')}
        </button>
      )}
    </div>
  );
}
