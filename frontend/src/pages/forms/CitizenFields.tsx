import { useTranslation } from 'react-i18next';
import { Checkbox, TextInput } from '../../components/form';
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

/** The fields a citizen's registration and its correction share. */
export interface CitizenCommonValues {
  lastName: string;
  firstName: string;
  citizenship: string;
  language: string;
  phone: string;
  email: string;
  homeless: boolean;
  protectedAddress: boolean;
}

interface CommonProps {
  values: CitizenCommonValues;
  // a method, so that a form with more fields (useForm's set) fits
  set<K extends keyof CitizenCommonValues>(key: K, value: CitizenCommonValues[K]): void;
  error: (field: string) => string | undefined;
  /** Let the browser suggest values (registering someone new at the desk), not when correcting. */
  autoComplete?: boolean;
}

/** Surname and name, two columns of a row. */
export function NameFields({ values: v, set, error, autoComplete }: CommonProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="col-12 col-md-6">
        <TextInput
          id="lastName"
          label={t('citizen.lastName')}
          required
          value={v.lastName}
          maxLength={LIMITS.name}
          autoComplete={autoComplete ? 'family-name' : undefined}
          onChange={(x) => set('lastName', x)}
          error={error('lastName')}
        />
      </div>
      <div className="col-12 col-md-6">
        <TextInput
          id="firstName"
          label={t('citizen.firstName')}
          required
          value={v.firstName}
          maxLength={LIMITS.name}
          autoComplete={autoComplete ? 'given-name' : undefined}
          onChange={(x) => set('firstName', x)}
          error={error('firstName')}
        />
      </div>
    </>
  );
}

/** Citizenship (ISO country, upper case) and language (ISO 639, lower case), two columns of a row. */
export function CitizenshipLanguageFields({ values: v, set, error }: CommonProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="col-6 col-md-3">
        <TextInput
          id="citizenship"
          label={t('citizen.citizenship')}
          value={v.citizenship}
          maxLength={2}
          onChange={(x) => set('citizenship', x.toUpperCase())}
          error={error('citizenship')}
          hint={t('forms.citizen.citizenshipHint')}
        />
      </div>
      <div className="col-6 col-md-3">
        <TextInput
          id="language"
          label={t('citizen.language')}
          value={v.language}
          maxLength={3}
          onChange={(x) => set('language', x.toLowerCase())}
          error={error('language')}
          hint={t('forms.citizen.languageHint')}
        />
      </div>
    </>
  );
}

/** Phone and e-mail, then whether the person is homeless and whether the address is protected. */
export function ContactFields({ values: v, set, error, autoComplete }: CommonProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextInput
            id="phone"
            type="tel"
            label={t('citizen.phone')}
            value={v.phone}
            maxLength={LIMITS.phone}
            autoComplete={autoComplete ? 'tel' : undefined}
            onChange={(x) => set('phone', x)}
            error={error('phone')}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextInput
            id="email"
            type="email"
            label={t('citizen.email')}
            value={v.email}
            maxLength={LIMITS.email}
            autoComplete={autoComplete ? 'email' : undefined}
            onChange={(x) => set('email', x)}
            error={error('email')}
          />
        </div>
      </div>
      <Checkbox id="homeless" label={t('citizen.homeless')} checked={v.homeless} onChange={(x) => set('homeless', x)} />
      <Checkbox
        id="protectedAddress"
        label={t('citizen.protectedAddress')}
        checked={v.protectedAddress}
        onChange={(x) => set('protectedAddress', x)}
        hint={t('forms.citizen.protectedAddressHint')}
      />
    </>
  );
}
