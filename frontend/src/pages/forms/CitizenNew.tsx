import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { Checkbox, FormActions, FormErrors, Select, TextInput } from '../../components/form';
import { paths } from '../../components/links';
import { graphql } from '../../gql';
import { normalizeFiscalCode, validateFiscalCode } from '../../lib/fiscalCode';
import { decodeFiscalCode } from '../../lib/fiscalCodeInfo';
import { formatDate, today } from '../../lib/format';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { CandidateList } from './Candidates';
import {
  AddressFields,
  addressFields,
  addressInput,
  addressProblems,
  emptyAddress,
  type AddressValues,
  CitizenshipLanguageFields,
  ContactFields,
  NameFields,
} from './CitizenFields';
import { MunicipalityPicker, type PickedMunicipality } from './MunicipalityPicker';
import { navState } from './paths';
import { useForm } from './useForm';
import {
  checkBirthPlaceCode,
  checkCitizenship,
  checkEmail,
  checkLanguage,
  checkName,
  checkPastDate,
  checkPhone,
  opt,
} from './validation';
import '../../i18n/areas/forms';

export const CANDIDATES_DEBOUNCE_MS = 400;

const CitizenCandidatesQuery = graphql(`
  query CitizenCandidates($fiscalCode: String, $firstName: String, $lastName: String, $birthDate: Date) {
    citizenCandidates(fiscalCode: $fiscalCode, firstName: $firstName, lastName: $lastName, birthDate: $birthDate) {
      id
      firstName
      lastName
      birthDate
      match
      inScope
      residenceMunicipality {
        id
        name
      }
    }
  }
`);

const CreateCitizenMutation = graphql(`
  mutation CreateCitizen($input: CreateCitizenInput!) {
    createCitizen(input: $input) {
      citizen {
        id
        firstName
        lastName
      }
      possibleDuplicates {
        id
        firstName
        lastName
        birthDate
        match
        inScope
        residenceMunicipality {
          id
          name
        }
      }
    }
  }
`);

interface Values extends Record<string, unknown> {
  fiscalCode: string;
  noFiscalCode: boolean;
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: string;
  birthMunicipality: PickedMunicipality | null;
  foreignBirthPlace: string;
  citizenship: string;
  language: string;
  residence: AddressValues;
  hasDomicile: boolean;
  domicile: AddressValues;
  phone: string;
  email: string;
  homeless: boolean;
  protectedAddress: boolean;
}

const SHOWN = [
  'fiscalCode',
  'noFiscalCode',
  'lastName',
  'firstName',
  'birthDate',
  'sex',
  'birthPlaceCode',
  'citizenship',
  'language',
  ...addressFields('residence'),
  ...addressFields('domicile'),
  'phone',
  'email',
];

/** The variables of citizenCandidates for what was typed so far, or null when too little. */
export function candidateVariables(v: {
  fiscalCode: string;
  noFiscalCode: boolean;
  firstName: string;
  lastName: string;
  birthDate: string;
}) {
  const cf = v.noFiscalCode ? '' : normalizeFiscalCode(v.fiscalCode);
  const validCode = cf.length === 16 && validateFiscalCode(cf) === null;
  const last = v.lastName.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(v.birthDate) ? v.birthDate : '';
  if (!validCode && !(last && date)) return null;
  return {
    fiscalCode: validCode ? cf : undefined,
    firstName: opt(v.firstName),
    lastName: last || undefined,
    birthDate: last && date ? date : undefined,
  };
}

export default function CitizenNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { viewer } = useViewer();
  const handed = navState(location.state);
  const form = useForm<Values>({
    fiscalCode: handed.fiscalCode ?? '',
    noFiscalCode: false,
    lastName: '',
    firstName: '',
    birthDate: '',
    sex: '',
    birthMunicipality: null,
    foreignBirthPlace: '',
    citizenship: '',
    language: '',
    residence: emptyAddress,
    hasDomicile: false,
    domicile: emptyAddress,
    phone: '',
    email: '',
    homeless: false,
    protectedAddress: false,
  });
  const { values: v, set, error } = form;
  const [create, state] = useMutation(CreateCitizenMutation);

  const cfProblem =
    !v.noFiscalCode && normalizeFiscalCode(v.fiscalCode).length >= 16 ? validateFiscalCode(v.fiscalCode) : null;
  const decoded = v.noFiscalCode ? null : decodeFiscalCode(v.fiscalCode);
  const effectiveBirthDate = v.birthDate || decoded?.birthDate || '';

  const candidateVars = useDebouncedValue(
    candidateVariables({ ...v, birthDate: effectiveBirthDate }),
    CANDIDATES_DEBOUNCE_MS,
  );
  const candidates = useQuery(CitizenCandidatesQuery, candidateVars ?? {}, { skip: candidateVars === null });

  const canRegister = viewer?.roles.some((r) => r === 'FRONT_DESK' || r === 'SOCIAL_WORKER') ?? false;
  const created = state.data?.createCitizen;
  if (created?.citizen && state.errors.length === 0 && (created.possibleDuplicates?.length ?? 0) > 0) {
    const c = created.citizen;
    return (
      <section>
        <h1 className="h2">{t('forms.citizen.newTitle')}</h1>
        <div className="alert alert-success" role="status">
          {t('forms.citizen.created')}{' '}
          <Link to={paths.citizen(c.id)}>{[c.lastName, c.firstName].filter(Boolean).join(' ')}</Link>
        </div>
        <CandidateList
          candidates={created.possibleDuplicates ?? []}
          title={t('forms.candidates.afterSave')}
          fiscalCode={normalizeFiscalCode(v.fiscalCode)}
        />
        <Link to={paths.citizen(c.id)} className="btn btn-primary">
          {t('forms.citizen.goToRecord')}
        </Link>
      </section>
    );
  }

  function fiscalCodeProblemMessage(value: string) {
    const p = validateFiscalCode(value);
    return p ? { message: t(`fiscalCode.${p}`) } : null;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      fiscalCode: v.noFiscalCode ? null : !v.fiscalCode.trim() ? 'required' : fiscalCodeProblemMessage(v.fiscalCode),
      lastName: checkName(v.lastName),
      firstName: checkName(v.firstName),
      birthDate: v.noFiscalCode && !v.birthDate ? 'required' : checkPastDate(v.birthDate, today()),
      sex: v.noFiscalCode && !v.sex ? 'required' : null,
      birthPlaceCode: checkBirthPlaceCode(v.foreignBirthPlace),
      citizenship: checkCitizenship(v.citizenship),
      language: checkLanguage(v.language),
      phone: checkPhone(v.phone),
      email: checkEmail(v.email),
      ...addressProblems('residence', v.residence),
      ...(v.hasDomicile ? addressProblems('domicile', v.domicile) : {}),
    });
    if (!ok) return;
    const birthPlaceCode = v.noFiscalCode
      ? (opt(v.foreignBirthPlace)?.toUpperCase() ?? v.birthMunicipality?.cadastralCode)
      : undefined;
    const result = await create({
      input: {
        fiscalCode: v.noFiscalCode ? undefined : normalizeFiscalCode(v.fiscalCode),
        noFiscalCode: v.noFiscalCode || undefined,
        lastName: v.lastName.trim(),
        firstName: v.firstName.trim(),
        birthDate: v.birthDate || undefined,
        sex: v.sex === 'M' || v.sex === 'F' ? v.sex : undefined,
        birthPlaceCode,
        citizenship: opt(v.citizenship)?.toUpperCase(),
        language: opt(v.language)?.toLowerCase(),
        residence: addressInput(v.residence),
        domicile: v.hasDomicile ? addressInput(v.domicile, false) : undefined,
        phone: opt(v.phone),
        email: opt(v.email),
        homeless: v.homeless || undefined,
        protectedAddress: v.protectedAddress || undefined,
      },
    }).catch(() => null);
    if (!result) return;
    form.fromServer(result.errors);
    const c = result.data?.createCitizen.citizen;
    if (c && result.errors.length === 0 && (result.data?.createCitizen.possibleDuplicates?.length ?? 0) === 0) {
      void navigate(paths.citizen(c.id));
    }
  }

  if (viewer && !canRegister) {
    return (
      <section>
        <h1 className="h2">{t('forms.citizen.newTitle')}</h1>
        <div className="alert alert-info">{t('forms.citizen.cannotRegister')}</div>
      </section>
    );
  }

  const cfError = error('fiscalCode') ?? (cfProblem ? t(`fiscalCode.${cfProblem}`) : undefined);
  return (
    <section>
      <h1 className="h2">{t('forms.citizen.newTitle')}</h1>
      <p>{t('forms.citizen.newIntro')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset className="mb-3">
          <legend className="h5 mb-5">{t('citizen.identity')}</legend>
          <div className="row">
            <div className="col-12 col-md-6">
              <TextInput
                id="fiscalCode"
                label={t('citizen.fiscalCode')}
                required={!v.noFiscalCode}
                disabled={v.noFiscalCode}
                value={v.fiscalCode}
                maxLength={20}
                autoComplete="off"
                spellCheck={false}
                inputClassName="font-monospace"
                onChange={(x) => set('fiscalCode', x.toUpperCase())}
                error={cfError}
                hint={
                  decoded
                    ? t('forms.citizen.decoded', {
                        date: formatDate(decoded.birthDate) ?? '',
                        sex: t(`sex.${decoded.sex}`),
                        place: decoded.birthPlaceCode,
                      })
                    : t('forms.citizen.fiscalCodeHint')
                }
              />
            </div>
            <div className="col-12 col-md-6 d-flex align-items-center">
              <Checkbox
                id="noFiscalCode"
                className="mb-5"
                label={t('forms.citizen.noFiscalCode')}
                checked={v.noFiscalCode}
                onChange={(x) => set('noFiscalCode', x, 'fiscalCode')}
                error={error('noFiscalCode')}
                hint={t('forms.citizen.noFiscalCodeHint')}
              />
            </div>
            <NameFields values={v} set={set} error={error} autoComplete />
            <div className="col-12 col-md-6">
              <TextInput
                id="birthDate"
                type="date"
                label={t('citizen.birthDate')}
                required={v.noFiscalCode}
                value={v.birthDate}
                max={today()}
                onChange={(x) => set('birthDate', x)}
                error={error('birthDate')}
                hint={v.noFiscalCode ? undefined : t('forms.citizen.derivedHint')}
              />
            </div>
            <div className="col-12 col-md-6">
              <Select
                id="sex"
                label={t('citizen.sex')}
                required={v.noFiscalCode}
                value={v.sex}
                placeholder={v.noFiscalCode ? t('forms.choose') : t('forms.citizen.fromFiscalCode')}
                options={[
                  { value: 'F', label: t('sex.F') },
                  { value: 'M', label: t('sex.M') },
                ]}
                onChange={(x) => set('sex', x)}
                error={error('sex')}
              />
            </div>
            {v.noFiscalCode && (
              <>
                <div className="col-12 col-md-6">
                  <MunicipalityPicker
                    id="birthMunicipality"
                    label={t('citizen.birthPlace')}
                    value={v.birthMunicipality}
                    onChange={(m) => set('birthMunicipality', m, 'birthPlaceCode')}
                  />
                </div>
                <div className="col-12 col-md-6">
                  <TextInput
                    id="birthPlaceCode"
                    label={t('forms.citizen.foreignBirthPlace')}
                    value={v.foreignBirthPlace}
                    maxLength={4}
                    onChange={(x) => set('foreignBirthPlace', x.toUpperCase(), 'birthPlaceCode')}
                    error={error('birthPlaceCode')}
                    hint={t('forms.citizen.foreignBirthPlaceHint')}
                  />
                </div>
              </>
            )}
            <CitizenshipLanguageFields values={v} set={set} error={error} />
          </div>
        </fieldset>

        <div aria-live="polite">
          {candidateVars && candidates.data && (
            <CandidateList
              candidates={candidates.data.citizenCandidates}
              title={t('forms.candidates.beforeSave')}
              fiscalCode={candidateVars.fiscalCode}
            />
          )}
        </div>

        <fieldset className="mb-3">
          <legend className="h5 mb-4">{t('citizen.contacts')}</legend>
          <AddressFields
            prefix="residence"
            legend={t('citizen.residence')}
            value={v.residence}
            onChange={(a, f) => set('residence', a, f)}
            error={error}
          />
          <Checkbox
            id="hasDomicile"
            className="mb-5"
            label={t('forms.citizen.hasDomicile')}
            checked={v.hasDomicile}
            onChange={(x) => set('hasDomicile', x)}
          />
          {v.hasDomicile && (
            <AddressFields
              prefix="domicile"
              legend={t('citizen.domicile')}
              value={v.domicile}
              withPostcode={false}
              onChange={(a, f) => set('domicile', a, f)}
              error={error}
            />
          )}
          <ContactFields values={v} set={set} error={error} autoComplete />
        </fieldset>

        <FormErrors errors={state.errors} failure={state.failure} shownFields={SHOWN} />
        <FormActions
          running={state.running}
          submit={t('forms.citizen.submit')}
          saving={t('forms.saving')}
          cancel={{ label: t('forms.cancel'), to: '/cittadini' }}
        />
      </form>
    </section>
  );
}
