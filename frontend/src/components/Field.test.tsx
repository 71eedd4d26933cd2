import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import type { GraphQLErrorLike } from '../api/client';
import { deniedAt } from '../api/privacy';
import { Field, ResponseErrors, Value } from './Field';

const errors: GraphQLErrorLike[] = [
  {
    message: 'not allowed to read Citizen.email (policy contact)',
    path: ['citizen', 'email'],
    extensions: { code: 'FORBIDDEN', policy: 'contact' },
  },
  {
    message: 'not allowed to read Citizen.cases (policy social.case.existence)',
    path: ['citizen', 'household', 'members', 1, 'cases'],
    extensions: { code: 'FORBIDDEN', policy: 'social.case.existence' },
  },
  { message: 'not found', path: ['citizen', 'phone'], extensions: { code: 'NOT_FOUND' } },
];

describe('deniedAt', () => {
  it('finds a FORBIDDEN error at the path or at a parent', () => {
    expect(deniedAt(errors, ['citizen', 'email'])).toEqual({
      policy: 'contact',
      message: 'not allowed to read Citizen.email (policy contact)',
    });
    expect(deniedAt(errors, ['citizen', 'household', 'members', 1, 'cases', 'totalCount'])?.policy).toBe(
      'social.case.existence',
    );
  });

  it('ignores other paths, other list items and other codes', () => {
    expect(deniedAt(errors, ['citizen', 'firstName'])).toBeNull();
    expect(deniedAt(errors, ['citizen', 'household', 'members', 0, 'cases'])).toBeNull();
    expect(deniedAt(errors, ['citizen', 'phone'])).toBeNull();
    expect(deniedAt(undefined, ['citizen', 'email'])).toBeNull();
  });
});

describe('<Field>', () => {
  it('renders a denied null field as "riservato" with the policy and message as tooltip', () => {
    render(
      <ResponseErrors errors={errors}>
        <dl>
          <Field label="Email" path={['citizen', 'email']}>
            {null}
          </Field>
        </dl>
      </ResponseErrors>,
    );
    const reserved = screen.getByText('riservato');
    const badge = reserved.closest('[title]');
    expect(badge).not.toBeNull();
    expect(badge?.getAttribute('title')).toContain('contact');
    expect(badge?.getAttribute('title')).toContain('not allowed to read Citizen.email');
  });

  it('renders an empty field that was not denied as a dash, never as "riservato"', () => {
    render(
      <ResponseErrors errors={errors}>
        <dl>
          <Field label="Telefono" path={['citizen', 'phone']}>
            {null}
          </Field>
        </dl>
      </ResponseErrors>,
    );
    expect(screen.queryByText('riservato')).toBeNull();
    expect(screen.getByText('—')).toBeInTheDocument();
  });

  it('renders the value when it is there', () => {
    render(
      <ResponseErrors errors={[]}>
        <Value path={['citizen', 'firstName']}>Mario</Value>
      </ResponseErrors>,
    );
    expect(screen.getByText('Mario')).toBeInTheDocument();
  });
});
