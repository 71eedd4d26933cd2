import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '../../api/useMutation';
import { useQuery } from '../../api/useQuery';
import { Checkbox, FormActions, FormErrors, RequiredMark, Select, TextInput } from '../../components/form';
import { paths } from '../../components/links';
import { Loading, QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import type { RelationKind } from '../../gql/graphql';
import { formatDate, today } from '../../lib/format';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { useForm } from './useForm';
import { checkPastDate } from './validation';
import '../../i18n/areas/forms';

const RelationCitizen = graphql(`
  query RelationCitizen($id: ID!) {
    citizen(id: $id) {
      id
      firstName
      lastName
    }
  }
`);

const RelatedSearch = graphql(`
  query RelatedSearch($search: String!) {
    citizens(filter: { search: $search }, first: 10) {
      edges {
        node {
          id
          firstName
          lastName
          birthDate
        }
      }
    }
  }
`);

const LinkRelationMutation = graphql(`
  mutation LinkRelation($input: LinkRelationInput!) {
    linkRelation(input: $input) {
      relation {
        id
        kind
      }
    }
  }
`);

export const KINDS: RelationKind[] = [
  'HOUSEHOLD_MEMBER',
  'PARENT',
  'CHILD',
  'PARTNER',
  'SIBLING',
  'LEGAL_GUARDIAN',
  'WARD',
  'SUPPORT_ADMINISTRATOR',
  'SUPPORTED_PERSON',
  'CAREGIVER',
  'CARED_FOR',
  'OTHER_RELATIVE',
];

interface Picked {
  id: string;
  name: string;
}

interface Values extends Record<string, unknown> {
  related: Picked | null;
  kind: string;
  cohabiting: boolean;
  validFrom: string;
}

export default function RelationNew() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const citizen = useQuery(RelationCitizen, { id });
  const form = useForm<Values>({ related: null, kind: '', cohabiting: false, validFrom: '' });
  const { values: v, set, error } = form;
  const [term, setTerm] = useState('');
  const debounced = useDebouncedValue(term.trim(), 300);
  const search = useQuery(RelatedSearch, { search: debounced }, { skip: debounced.length < 2 || v.related !== null });
  const [link, state] = useMutation(LinkRelationMutation);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = form.check({
      relatedCitizenId: !v.related ? 'required' : v.related.id === id ? 'selfRelation' : null,
      kind: v.kind ? null : 'required',
      validFrom: checkPastDate(v.validFrom, today()),
    });
    if (!ok || !v.related) return;
    const result = await link({
      input: {
        citizenId: id,
        relatedCitizenId: v.related.id,
        kind: v.kind as RelationKind,
        cohabiting: v.cohabiting,
        validFrom: v.validFrom || undefined,
      },
    }).catch(() => null);
    if (!result) return;
    form.fromServer(result.errors);
    if (result.data?.linkRelation.relation && result.errors.length === 0)
      void navigate(`${paths.citizen(id)}#relazioni`);
  }

  if (citizen.loading) return <Loading />;
  const c = citizen.data?.citizen;
  if (!c)
    return (
      <QueryStatus
        loading={false}
        failure={citizen.failure}
        errors={citizen.errors}
        hasData={false}
        onRetry={citizen.refetch}
      />
    );
  const name = [c.lastName, c.firstName].filter(Boolean).join(' ');
  const results = (search.data?.citizens.edges ?? []).filter((e) => e.node.id !== id);

  return (
    <section>
      <h1 className="h2">{t('forms.relation.title')}</h1>
      <p className="lead mb-5">{name}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        {v.related ? (
          <div className="mb-4">
            <div className="fw-semibold">{t('forms.relation.related')}</div>
            <span>{v.related.name}</span>{' '}
            <button type="button" className="btn btn-sm btn-link" onClick={() => set('related', null)}>
              {t('forms.relation.change')}
            </button>
            {error('relatedCitizenId') && (
              <div className="invalid-feedback d-block" role="alert">
                {error('relatedCitizenId')}
              </div>
            )}
          </div>
        ) : (
          <div className="mb-4">
            <TextInput
              id="relatedCitizenId"
              type="search"
              label={t('forms.relation.search')}
              required
              value={term}
              autoComplete="off"
              onChange={setTerm}
              error={error('relatedCitizenId')}
              hint={t('forms.relation.searchHint')}
            />
            {debounced.length >= 2 && (
              <ul className="list-group" aria-busy={search.loading} aria-label={t('forms.relation.results')}>
                {results.map(({ node }) => {
                  const n = [node.lastName, node.firstName].filter(Boolean).join(' ') || t('citizen.title');
                  return (
                    <li key={node.id} className="list-group-item p-0">
                      <button
                        type="button"
                        className="btn btn-link w-100 text-start"
                        onClick={() => set('related', { id: node.id, name: n }, 'relatedCitizenId')}
                      >
                        {n}
                        {node.birthDate && <span className="text-muted"> · {formatDate(node.birthDate)}</span>}
                      </button>
                    </li>
                  );
                })}
                {!search.loading && search.data && results.length === 0 && (
                  <li className="list-group-item small text-muted">{t('search.noResults')}</li>
                )}
              </ul>
            )}
          </div>
        )}
        <div className="row">
          <div className="col-12 col-md-6">
            <Select
              id="kind"
              label={t('forms.relation.kind', { name })}
              required
              value={v.kind}
              placeholder={t('forms.choose')}
              options={KINDS.map((k) => ({ value: k, label: t(`relationKind.${k}`) }))}
              onChange={(x) => set('kind', x)}
              error={error('kind')}
              hint={t('forms.relation.kindHint')}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextInput
              id="validFrom"
              type="date"
              label={t('forms.relation.validFrom')}
              value={v.validFrom}
              max={today()}
              onChange={(x) => set('validFrom', x)}
              error={error('validFrom')}
            />
          </div>
        </div>
        <Checkbox
          id="cohabiting"
          className="mb-3"
          label={t('forms.relation.cohabiting')}
          checked={v.cohabiting}
          onChange={(x) => set('cohabiting', x)}
          error={error('cohabiting')}
        />
        <p className="small text-muted">
          <RequiredMark /> {t('forms.requiredLegend')}
        </p>
        <FormErrors
          errors={state.errors}
          failure={state.failure}
          shownFields={['relatedCitizenId', 'kind', 'validFrom', 'cohabiting']}
        />
        <FormActions
          running={state.running}
          submit={t('forms.relation.submit')}
          saving={t('forms.saving')}
          cancel={{ label: t('forms.cancel'), to: paths.citizen(id) }}
        />
      </form>
    </section>
  );
}
