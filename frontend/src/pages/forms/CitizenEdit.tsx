import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { ResponseErrors } from '../../components/Field';
import { FormActions, FormErrors } from '../../components/form';
import { paths } from '../../components/links';
import { QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import type { CitizenEditQuery, UpdateCitizenInput } from '../../gql/graphql';
import {
  AddressFields,
  addressFields,
  addressProblems,
  type AddressValues,
  CitizenshipLanguageFields,
  ContactFields,
  NameFields,
} from './CitizenFields';
import { useForm } from './useForm';
import { checkCitizenship, checkEmail, checkLanguage, checkName, checkPhone } from './validation';
import '../../i18n/areas/forms';

const CitizenEditDocument = graphql(`
  query CitizenEdit($id: ID!) {
    citizen(id: $id) {
      id
      version
      fiscalCode
      temporaryId
      firstName
      lastName
      citizenship
      language
      residence {
        address
        postcode
        municipality {
          id
          istatCode
          name
          province
        }
      }
      domicile {
        address
        municipality {
          id
          istatCode
          name
          province
        }
      }
      phone
      email
      homeless
      protectedAddress
    }
  }
`);

const UpdateCitizenMutation = graphql(`
  mutation UpdateCitizen($input: UpdateCitizenInput!) {
    updateCitizen(input: $input) {
      citizen {
        id
        version
      }
    }
  }
`);

type Loaded = NonNullable<CitizenEditQuery['citizen']>;

interface Values extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  citizenship: string;
  language: string;
  residence: AddressValues;
  domicile: AddressValues;
  phone: string;
  email: string;
  homeless: boolean;
  protectedAddress: boolean;
}

const SHOWN = [
  'firstName',
  'lastName',
  'citizenship',
  'language',
  ...addressFields('residence'),
  ...addressFields('domicile'),
  'phone',
  'email',
];

function toAddress(a: Loaded['residence'] | Loaded['domicile'] | null): AddressValues {
  return {
    municipality: a?.municipality ?? null,
    address: a?.address ?? '',
    postcode: a && 'postcode' in a ? (a.postcode ?? '') : '',
  };
}

function initialValues(c: Loaded): Values {
  return {
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    citizenship: c.citizenship ?? '',
    language: c.language ?? '',
    residence: toAddress(c.residence),
    domicile: toAddress(c.domicile),
    phone: c.phone ?? '',
    email: c.email ?? '',
    homeless: c.homeless ?? false,
    protectedAddress: c.protectedAddress ?? false,
  };
}

const sameAddress = (a: AddressValues, b: AddressValues) =>
  a.municipality?.istatCode === b.municipality?.istatCode &&
  a.address.trim() === b.address.trim() &&
  a.postcode.trim() === b.postcode.trim();

/**
 * The input of updateCitizen with only what changed: the server checks the permission of each
 * tier touched (identity, contacts), so a worker who may change only the names can save them.
 */
export function changes(id: string, version: number, before: Values, after: Values): UpdateCitizenInput {
  const input: UpdateCitizenInput = { id, version };
  const text = (k: 'firstName' | 'lastName' | 'citizenship' | 'language' | 'phone' | 'email') =>
    after[k].trim() !== before[k].trim() ? after[k].trim() : undefined;
  input.firstName = text('firstName');
  input.lastName = text('lastName');
  input.citizenship = text('citizenship')?.toUpperCase();
  input.language = text('language')?.toLowerCase();
  input.phone = text('phone');
  input.email = text('email');
  if (after.homeless !== before.homeless) input.homeless = after.homeless;
  if (after.protectedAddress !== before.protectedAddress) input.protectedAddress = after.protectedAddress;
  if (!sameAddress(after.residence, before.residence)) {
    input.residence = {
      municipalityIstatCode: after.residence.municipality?.istatCode ?? '',
      address: after.residence.address.trim(),
      postcode: after.residence.postcode.trim(),
    };
  }
  if (!sameAddress(after.domicile, before.domicile)) {
    input.domicile = {
      municipalityIstatCode: after.domicile.municipality?.istatCode ?? '',
      address: after.domicile.address.trim(),
    };
  }
  for (const k of Object.keys(input) as (keyof UpdateCitizenInput)[]) if (input[k] === undefined) delete input[k];
  return input;
}

function EditForm({ citizen, onReload }: { citizen: Loaded; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [before] = useState(() => initialValues(citizen));
  const form = useForm<Values>(before);
  const { values: v, set, error } = form;
  const [update, state] = useMutation(UpdateCitizenMutation);
  const [nothing, setNothing] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      firstName: checkName(v.firstName),
      lastName: checkName(v.lastName),
      citizenship: checkCitizenship(v.citizenship),
      language: checkLanguage(v.language),
      phone: checkPhone(v.phone),
      email: checkEmail(v.email),
      ...addressProblems('residence', v.residence),
      ...addressProblems('domicile', v.domicile),
    });
    if (!ok) return;
    const input = changes(citizen.id, citizen.version ?? 0, before, v);
    if (Object.keys(input).length === 2) {
      setNothing(true);
      return;
    }
    setNothing(false);
    const result = await update({ input }).catch(() => null);
    if (!result) return;
    form.fromServer(result.errors);
    if (result.data?.updateCitizen.citizen && result.errors.length === 0) void navigate(paths.citizen(citizen.id));
  }

  const conflict = state.errors.some((e) => e.extensions?.code === 'CONFLICT');
  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)}>
      <fieldset className="mb-3">
        <legend className="h5 mb-5">{t('citizen.identity')}</legend>
        <div className="row">
          <NameFields values={v} set={set} error={error} />
          <CitizenshipLanguageFields values={v} set={set} error={error} />
        </div>
      </fieldset>
      <fieldset className="mb-3">
        <legend className="h5 mb-4">{t('citizen.contacts')}</legend>
        <AddressFields
          prefix="residence"
          legend={t('citizen.residence')}
          value={v.residence}
          onChange={(a, f) => set('residence', a, f)}
          error={error}
        />
        <AddressFields
          prefix="domicile"
          legend={t('citizen.domicile')}
          value={v.domicile}
          withPostcode={false}
          onChange={(a, f) => set('domicile', a, f)}
          error={error}
        />
        <ContactFields values={v} set={set} error={error} />
      </fieldset>
      {nothing && (
        <div className="alert alert-info" role="status">
          {t('forms.citizen.nothingChanged')}
        </div>
      )}
      <FormErrors errors={state.errors} failure={state.failure} shownFields={SHOWN} />
      {conflict && (
        <button type="button" className="btn btn-outline-primary mb-3" onClick={onReload}>
          {t('forms.reload')}
        </button>
      )}
      <FormActions
        running={state.running}
        submit={t('forms.save')}
        saving={t('forms.saving')}
        cancel={{ label: t('forms.cancel'), to: paths.citizen(citizen.id) }}
      />
    </form>
  );
}

export default function CitizenEdit() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, errors, loading, failure, refetch } = useQuery(CitizenEditDocument, { id });
  const c = data?.citizen;
  const denied = errors.some((e) => e.extensions?.code === 'FORBIDDEN');
  return (
    <ResponseErrors errors={errors}>
      <h1 className="h2">{t('forms.citizen.editTitle')}</h1>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!c} onRetry={refetch} />
      {c && denied && <div className="alert alert-warning">{t('forms.citizen.someDenied')}</div>}
      {c && !denied && (
        <>
          <p className="font-monospace">{c.fiscalCode ?? c.temporaryId}</p>
          {/* a new key after a reload starts the form again from the current version */}
          <EditForm key={`${c.id}@${c.version ?? 0}`} citizen={c} onReload={refetch} />
        </>
      )}
    </ResponseErrors>
  );
}
