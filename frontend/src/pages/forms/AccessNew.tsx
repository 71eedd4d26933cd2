import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { useViewer } from '../../api/viewer';
import { Checkbox, FormActions, FormErrors, Select, TextArea, TextInput } from '../../components/form';
import { paths } from '../../components/links';
import { Loading, QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import type { AccessChannel, RegisterAccessInput, SpeakerKind } from '../../gql/graphql';
import { normalizeFiscalCode, validateFiscalCode } from '../../lib/fiscalCode';
import { codeLabel } from '../../lib/format';
import { navState } from './paths';
import { useForm } from './useForm';
import { checkRecentInstant, checkText, LIMITS, newIdempotencyKey, opt, type Problem } from './validation';
import { chosenOffice } from './options';
import '../../i18n/areas/forms';

const AccessFormData = graphql(`
  query AccessFormData {
    viewer {
      id
      offices {
        id
        name
        kind
      }
    }
    codeLists {
      userAreas {
        code
        labelIt
        labelEn
      }
      needCategories {
        code
        labelIt
        labelEn
        area {
          code
        }
      }
      accessOutcomes {
        code
        labelIt
        labelEn
      }
      interventionTypes {
        code
        labelIt
        labelEn
        area {
          code
        }
      }
    }
  }
`);

const AccessCitizen = graphql(`
  query AccessCitizen($id: ID!) {
    citizen(id: $id) {
      id
      firstName
      lastName
      fiscalCode
      temporaryId
    }
  }
`);

const RegisterAccessMutation = graphql(`
  mutation RegisterAccess($input: RegisterAccessInput!) {
    registerAccess(input: $input) {
      access {
        id
        citizen {
          id
        }
      }
    }
  }
`);

const CHANNELS: AccessChannel[] = ['IN_PERSON', 'PHONE', 'EMAIL', 'HOME_VISIT', 'OTHER'];
const SPEAKERS: SpeakerKind[] = ['CITIZEN', 'RELATIVE', 'OTHER_SERVICE', 'OTHER'];

/** Now in the browser's time zone, as the value of a datetime-local input. */
function localNow(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

interface Values extends Record<string, unknown> {
  citizenFiscalCode: string;
  officeId: string;
  occurredAt: string;
  channel: string;
  speakerKind: string;
  speakerName: string;
  speakerContact: string;
  speakerRelation: string;
  /** The chosen need codes, in the order they were ticked, with their notes. */
  needs: { code: string; notes: string }[];
  services: string[];
  outcome: string;
  notes: string;
}

export default function AccessNew() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const handed = navState(location.state);
  const { viewer } = useViewer();
  const lists = useQuery(AccessFormData, {});
  const citizen = useQuery(AccessCitizen, { id });
  const [key] = useState(newIdempotencyKey);
  const form = useForm<Values>({
    citizenFiscalCode: handed.fiscalCode ?? '',
    officeId: '',
    occurredAt: localNow(),
    channel: 'IN_PERSON',
    speakerKind: 'CITIZEN',
    speakerName: '',
    speakerContact: '',
    speakerRelation: '',
    needs: [],
    services: [],
    outcome: '',
    notes: '',
  });
  const { values: v, set, error } = form;
  const [register, state] = useMutation(RegisterAccessMutation);

  const offices = lists.data?.viewer?.offices ?? [];
  const officeId = chosenOffice(v.officeId, offices, 'CITIZENS_OFFICE');
  const codeLists = lists.data?.codeLists;
  const byArea = useMemo(() => {
    if (!codeLists) return [];
    return codeLists.userAreas.map((a) => ({
      area: a,
      needs: codeLists.needCategories.filter((n) => n.area.code === a.code),
      services: codeLists.interventionTypes.filter((s) => s.area.code === a.code),
    }));
  }, [codeLists]);

  const canRegister = viewer?.roles.some((r) => r === 'FRONT_DESK' || r === 'SOCIAL_WORKER') ?? false;
  // A citizen registered in another zone is not visible yet: the codice fiscale the person
  // shows links the record (RegisterAccessInput.citizenFiscalCode).
  const outOfScope = !citizen.loading && !citizen.data?.citizen && hasErrorCode(citizen.errors, 'NOT_FOUND');
  const c = citizen.data?.citizen;
  const name = c ? [c.lastName, c.firstName].filter(Boolean).join(' ') : handed.name;

  function toggleNeed(code: string, on: boolean) {
    set('needs', on ? [...v.needs, { code, notes: '' }] : v.needs.filter((n) => n.code !== code), 'needs');
  }
  function toggleService(code: string, on: boolean) {
    set('services', on ? [...v.services, code] : v.services.filter((s) => s !== code), 'requestedServices');
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const needsSpeakerName = v.speakerKind === 'RELATIVE' || v.speakerKind === 'OTHER_SERVICE';
    const occurred = v.occurredAt ? new Date(v.occurredAt) : null;
    const problems: Record<string, Problem | { message: string } | null> = {
      officeId: officeId ? null : 'required',
      occurredAt: occurred && !Number.isNaN(occurred.getTime()) ? checkRecentInstant(occurred) : 'required',
      channel: v.channel ? null : 'required',
      'speaker.name':
        v.speakerKind !== 'CITIZEN' && needsSpeakerName && !v.speakerName.trim()
          ? 'required'
          : checkText(v.speakerName, LIMITS.speakerText),
      'speaker.contact': checkText(v.speakerContact, LIMITS.speakerText),
      'speaker.relation': checkText(v.speakerRelation, LIMITS.speakerText),
      needs: v.needs.length === 0 ? 'atLeastOneNeed' : v.needs.length > LIMITS.needs ? 'tooMany' : null,
      requestedServices: v.services.length > LIMITS.requestedServices ? 'tooMany' : null,
      outcome: v.outcome ? null : 'required',
      notes: checkText(v.notes, LIMITS.notes),
    };
    v.needs.forEach((n, i) => (problems[`needs[${i}].notes`] = checkText(n.notes, LIMITS.needNotes)));
    if (outOfScope) {
      const cf = v.citizenFiscalCode;
      const p = cf.trim() ? validateFiscalCode(cf) : null;
      problems.citizenFiscalCode = !cf.trim() ? 'required' : p ? { message: t(`fiscalCode.${p}`) } : null;
    }
    if (!form.check(problems)) return;
    const input: RegisterAccessInput = {
      citizenId: id,
      citizenFiscalCode: outOfScope ? normalizeFiscalCode(v.citizenFiscalCode) : undefined,
      officeId,
      occurredAt: occurred ? occurred.toISOString() : undefined,
      channel: v.channel as AccessChannel,
      speaker:
        v.speakerKind === 'CITIZEN'
          ? undefined
          : {
              kind: v.speakerKind as SpeakerKind,
              name: opt(v.speakerName),
              contact: opt(v.speakerContact),
              relation: opt(v.speakerRelation),
            },
      needs: v.needs.map((n) => ({ code: n.code, notes: opt(n.notes) })),
      requestedServices: v.services.length ? v.services : undefined,
      outcome: v.outcome,
      notes: opt(v.notes),
      idempotencyKey: key,
    };
    const result = await register({ input }).catch(() => null);
    if (!result) return;
    form.fromServer(result.errors);
    if (result.data?.registerAccess.access && result.errors.length === 0) void navigate(paths.citizen(id));
  }

  if (lists.loading || citizen.loading) return <Loading />;
  if (!lists.data) return <QueryStatus loading={false} failure={lists.failure} errors={lists.errors} hasData={false} />;
  if (!c && !outOfScope)
    return (
      <QueryStatus
        loading={false}
        failure={citizen.failure}
        errors={citizen.errors}
        hasData={false}
        onRetry={citizen.refetch}
      />
    );
  if (viewer && !canRegister) {
    return <div className="alert alert-info">{t('forms.access.cannotRegister')}</div>;
  }

  // server errors about one need or service (needs[2].code) are shown at that need or service
  const needIndex = (code: string) => v.needs.findIndex((n) => n.code === code);
  const shown = [
    'citizenFiscalCode',
    'officeId',
    'occurredAt',
    'channel',
    'speaker.kind',
    'speaker.name',
    'speaker.contact',
    'speaker.relation',
    'needs',
    'requestedServices',
    'outcome',
    'notes',
    ...v.needs.flatMap((_, i) => [`needs[${i}].code`, `needs[${i}].notes`]),
    ...v.services.map((_, i) => `requestedServices[${i}]`),
  ];
  // with the citizen out of scope, a wrong code comes back as NOT_FOUND: show it at the code
  const wrongCode = outOfScope && hasErrorCode(state.errors, 'NOT_FOUND');

  return (
    <section>
      <h1 className="h2">{t('forms.access.title')}</h1>
      <p className="lead">{name ?? t('citizen.title')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        {outOfScope && (
          <div className="alert alert-info">
            <p className="mb-5">{t('forms.access.outOfScope')}</p>
            <TextInput
              id="citizenFiscalCode"
              label={t('forms.access.shownFiscalCode')}
              required
              inputClassName="font-monospace"
              className="mb-0"
              value={v.citizenFiscalCode}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              onChange={(x) => set('citizenFiscalCode', x.toUpperCase())}
              error={error('citizenFiscalCode') ?? (wrongCode ? t('forms.access.wrongCode') : undefined)}
            />
          </div>
        )}
        <div className="row">
          <div className="col-12 col-md-6">
            <Select
              id="officeId"
              label={t('access.office')}
              required
              value={officeId}
              options={offices.map((o) => ({ value: o.id, label: o.name }))}
              onChange={(x) => set('officeId', x)}
              error={error('officeId')}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextInput
              id="occurredAt"
              type="datetime-local"
              label={t('access.occurredAt')}
              required
              value={v.occurredAt}
              onChange={(x) => set('occurredAt', x)}
              error={error('occurredAt')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="channel"
              label={t('access.channel')}
              required
              value={v.channel}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              onChange={(x) => set('channel', x)}
              error={error('channel')}
            />
          </div>
          <div className="col-12 col-md-6">
            <Select
              id="speakerKind"
              label={t('forms.access.speaker')}
              value={v.speakerKind}
              options={SPEAKERS.map((s) => ({ value: s, label: t(`forms.access.speakerKind.${s}`) }))}
              onChange={(x) => set('speakerKind', x, 'speaker.kind', 'speaker.name')}
              error={error('speaker.kind')}
            />
          </div>
          {v.speakerKind !== 'CITIZEN' && (
            <>
              <div className="col-12 col-md-4">
                <TextInput
                  id="speakerName"
                  label={t('forms.access.speakerName')}
                  required={v.speakerKind === 'RELATIVE' || v.speakerKind === 'OTHER_SERVICE'}
                  value={v.speakerName}
                  maxLength={LIMITS.speakerText}
                  onChange={(x) => set('speakerName', x, 'speaker.name')}
                  error={error('speaker.name')}
                />
              </div>
              <div className="col-12 col-md-4">
                <TextInput
                  id="speakerContact"
                  label={t('forms.access.speakerContact')}
                  value={v.speakerContact}
                  maxLength={LIMITS.speakerText}
                  onChange={(x) => set('speakerContact', x, 'speaker.contact')}
                  error={error('speaker.contact')}
                />
              </div>
              <div className="col-12 col-md-4">
                <TextInput
                  id="speakerRelation"
                  label={t('forms.access.speakerRelation')}
                  value={v.speakerRelation}
                  maxLength={LIMITS.speakerText}
                  onChange={(x) => set('speakerRelation', x, 'speaker.relation')}
                  error={error('speaker.relation')}
                />
              </div>
            </>
          )}
        </div>

        <fieldset className="mb-4" aria-describedby={error('needs') ? 'needs-error' : undefined}>
          <legend className="h5">
            {t('forms.access.needs')}
            <span aria-hidden="true" className="text-danger">
              {' '}
              *
            </span>
          </legend>
          {error('needs') && (
            <div id="needs-error" className="invalid-feedback d-block" role="alert">
              {error('needs')}
            </div>
          )}
          {byArea
            .filter((g) => g.needs.length > 0)
            .map((g) => (
              <fieldset key={g.area.code} className="mb-2">
                <legend className="h6 mb-1">{codeLabel(g.area)}</legend>
                {g.needs.map((n) => {
                  const i = needIndex(n.code);
                  return (
                    <div key={n.code}>
                      <Checkbox
                        id={`need-${n.code}`}
                        label={codeLabel(n) ?? n.code}
                        checked={i >= 0}
                        onChange={(on) => toggleNeed(n.code, on)}
                        error={i >= 0 ? error(`needs[${i}].code`) : undefined}
                      />
                      {i >= 0 && (
                        <TextInput
                          id={`need-${n.code}-notes`}
                          className="ms-4"
                          label={t('forms.access.needNotes', { need: codeLabel(n) ?? n.code })}
                          value={v.needs[i]?.notes ?? ''}
                          maxLength={LIMITS.needNotes}
                          onChange={(x) =>
                            set(
                              'needs',
                              v.needs.map((m) => (m.code === n.code ? { ...m, notes: x } : m)),
                              `needs[${i}].notes`,
                            )
                          }
                          error={error(`needs[${i}].notes`)}
                        />
                      )}
                    </div>
                  );
                })}
              </fieldset>
            ))}
        </fieldset>

        <fieldset className="mb-4">
          <legend className="h5">{t('forms.access.requestedServices')}</legend>
          {error('requestedServices') && (
            <div className="invalid-feedback d-block" role="alert">
              {error('requestedServices')}
            </div>
          )}
          {byArea
            .filter((g) => g.services.length > 0)
            .map((g) => (
              <fieldset key={g.area.code} className="mb-2">
                <legend className="h6 mb-1">{codeLabel(g.area)}</legend>
                {g.services.map((s) => {
                  const i = v.services.indexOf(s.code);
                  return (
                    <Checkbox
                      key={s.code}
                      id={`service-${s.code}`}
                      label={codeLabel(s) ?? s.code}
                      checked={i >= 0}
                      onChange={(on) => toggleService(s.code, on)}
                      error={i >= 0 ? error(`requestedServices[${i}]`) : undefined}
                    />
                  );
                })}
              </fieldset>
            ))}
        </fieldset>

        <div className="row">
          <div className="col-12 col-md-6">
            <Select
              id="outcome"
              label={t('access.outcome')}
              required
              value={v.outcome}
              placeholder={t('forms.choose')}
              options={(codeLists?.accessOutcomes ?? []).map((o) => ({ value: o.code, label: codeLabel(o) ?? o.code }))}
              onChange={(x) => set('outcome', x)}
              error={error('outcome')}
            />
          </div>
          <div className="col-12">
            <TextArea
              id="notes"
              label={t('forms.access.notes')}
              value={v.notes}
              maxLength={LIMITS.notes}
              onChange={(x) => set('notes', x)}
              error={error('notes')}
            />
          </div>
        </div>

        <FormErrors
          errors={wrongCode ? state.errors.filter((e) => e.extensions?.code !== 'NOT_FOUND') : state.errors}
          failure={state.failure}
          shownFields={shown}
        />
        <FormActions
          running={state.running}
          submit={t('forms.access.submit')}
          saving={t('forms.saving')}
          cancel={{ label: t('forms.cancel'), to: c ? paths.citizen(id) : '/cittadini' }}
        />
      </form>
    </section>
  );
}
