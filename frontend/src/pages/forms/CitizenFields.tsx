import { useTranslation } from 'react-i18next';
import { TextInput } from '../../components/form';
import { MunicipalityPicker, type PickedMunicipality } from './MunicipalityPicker';
import { checkPostcode, checkText, LIMITS, opt, type Problem } from './validation';
import '../../i18n/areas/forms';

export interface AddressValues {
  municipality: PickedMunicipality | null;
  address: string;
  postcode: string;
}

export const emptyAddress: AddressValues = { municipality: null, address: '', postcode: '' };

/** The AddressInput of the mutation, or undefined when nothing was entered. */
export function addressInput(a: AddressValues, withPostcode = true) {
  const out = {
    municipalityIstatCode: a.municipality?.istatCode,
    address: opt(a.address),
    postcode: withPostcode ? opt(a.postcode) : undefined,
  };
  return out.municipalityIstatCode || out.address || out.postcode ? out : undefined;
}

export function addressProblems(prefix: string, a: AddressValues): Record<string, Problem | null> {
  return {
    [`${prefix}.address`]: checkText(a.address, LIMITS.address),
    [`${prefix}.postcode`]: checkPostcode(a.postcode),
  };
}

export const addressFields = (prefix: string) =>
  [`${prefix}.municipalityIstatCode`, `${prefix}.address`, `${prefix}.postcode`] as const;

/** Municipality, street and postcode of a residence or domicile (the server stores no postcode for a domicile). */
export function AddressFields({
  prefix,
  legend,
  value,
  onChange,
  error,
  withPostcode = true,
}: {
  prefix: 'residence' | 'domicile';
  legend: string;
  value: AddressValues;
  onChange: (a: AddressValues, field: string) => void;
  error: (field: string) => string | undefined;
  withPostcode?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="mb-3">
      <legend className="h6 mb-5">{legend}</legend>
      <div className="row">
        <div className="col-12 col-md-6">
          <MunicipalityPicker
            id={`${prefix}-municipality`}
            label={t('forms.citizen.municipality')}
            value={value.municipality}
            onChange={(m) => onChange({ ...value, municipality: m }, `${prefix}.municipalityIstatCode`)}
            error={error(`${prefix}.municipalityIstatCode`)}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextInput
            id={`${prefix}-address`}
            label={t('forms.citizen.street')}
            value={value.address}
            maxLength={LIMITS.address}
            autoComplete="street-address"
            onChange={(v) => onChange({ ...value, address: v }, `${prefix}.address`)}
            error={error(`${prefix}.address`)}
          />
        </div>
        {withPostcode && (
          <div className="col-12 col-md-4">
            <TextInput
              id={`${prefix}-postcode`}
              label={t('forms.citizen.postcode')}
              value={value.postcode}
              inputMode="numeric"
              maxLength={5}
              autoComplete="postal-code"
              onChange={(v) => onChange({ ...value, postcode: v }, `${prefix}.postcode`)}
              error={error(`${prefix}.postcode`)}
            />
          </div>
        )}
      </div>
    </fieldset>
  );
}
