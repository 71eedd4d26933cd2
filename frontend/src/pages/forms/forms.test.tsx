import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider, type Viewer } from '../../api/viewer';
import '../../i18n';
import AccessNew from './AccessNew';
import CitizenNew from './CitizenNew';

const deskViewer: Viewer = {
  id: 'T3BlcmF0b3I6MQ',
  username: 'sportello.perugia',
  displayName: 'Giulia Bianchi',
  roles: ['FRONT_DESK'],
  mustChangePassword: false,
  organization: null,
  zones: [],
};

type Handler = (body: { query: string; variables: Record<string, unknown> }) => unknown;
let fetchMock: ReturnType<typeof vi.fn>;

/** Answers each GraphQL request with the first handler whose name is in the query. */
function stubServer(handlers: Record<string, Handler>) {
  fetchMock = vi.fn((_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
    const match = Object.keys(handlers).find((name) => body.query.includes(name));
    const payload = match ? handlers[match]!(body) : { data: null, errors: [{ message: 'unexpected' }] };
    return Promise.resolve(new Response(JSON.stringify(payload), { status: 200 }));
  });
  vi.stubGlobal('fetch', fetchMock);
}

function sent(name: string) {
  return fetchMock.mock.calls
    .map(
      (c) => JSON.parse((c[1] as RequestInit).body as string) as { query: string; variables: Record<string, unknown> },
    )
    .filter((b) => b.query.includes(name));
}

function renderAt(path: string, routes: { path: string; element: React.ReactNode }[]) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <ViewerProvider initial={deskViewer}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
  return router;
}

beforeEach(() => vi.useRealTimers());
afterEach(() => vi.unstubAllGlobals());

const candidate = {
  id: 'Q2l0aXplbjo1OTky',
  firstName: 'Ahmed',
  lastName: 'Alaoui',
  birthDate: '1976-12-30',
  match: 'FISCAL_CODE',
  inScope: true,
  residenceMunicipality: { id: 'M1', name: 'Corciano' },
};

describe('register a citizen', () => {
  it('warns of possible duplicates from citizenCandidates while typing, before saving', async () => {
    stubServer({
      citizenCandidates: () => ({
        data: { citizenCandidates: [candidate, { ...candidate, id: 'X2', inScope: false, firstName: 'Amina' }] },
      }),
    });
    renderAt('/cittadini/nuovo', [{ path: '/cittadini/nuovo', element: <CitizenNew /> }]);
    fireEvent.change(screen.getByLabelText(/^Codice fiscale/), { target: { value: 'laahmd76t30z330g' } });

    const warning = await screen.findByText('Possibili duplicati: verifica prima di registrare', {}, { timeout: 2000 });
    const box = warning.closest('.alert') as HTMLElement;
    // in scope: a link to the existing record
    expect(within(box).getByRole('link', { name: 'Apri la scheda di Alaoui Ahmed' })).toHaveAttribute(
      'href',
      '/cittadini/Q2l0aXplbjo1OTky',
    );
    // another zone: how to link it, with an access
    expect(within(box).getByText(/Registrato in un'altra zona/)).toBeInTheDocument();
    expect(within(box).getByRole('link', { name: 'Registra accesso' })).toHaveAttribute(
      'href',
      '/cittadini/X2/accessi/nuovo',
    );
    const calls = sent('citizenCandidates');
    expect(calls.at(-1)?.variables).toEqual({ fiscalCode: 'LAAHMD76T30Z330G' });
    expect(sent('createCitizen')).toHaveLength(0);
  });

  it('shows the server field error (BAD_USER_INPUT extensions.field) at its input', async () => {
    stubServer({
      citizenCandidates: () => ({ data: { citizenCandidates: [] } }),
      createCitizen: () => ({
        data: null,
        errors: [
          {
            message: 'lastName does not match the codice fiscale: "Bianchi" gives BNC, the code has RSS',
            path: ['createCitizen'],
            extensions: { code: 'BAD_USER_INPUT', field: 'lastName' },
          },
          {
            message: 'a postcode (CAP) has five digits',
            path: ['createCitizen'],
            extensions: { code: 'BAD_USER_INPUT', field: 'residence.postcode' },
          },
        ],
      }),
    });
    renderAt('/cittadini/nuovo', [{ path: '/cittadini/nuovo', element: <CitizenNew /> }]);
    fireEvent.change(screen.getByLabelText(/^Codice fiscale/), { target: { value: 'RSSMRA85T10A562S' } });
    fireEvent.change(screen.getByLabelText(/^Cognome/), { target: { value: 'Bianchi' } });
    fireEvent.change(screen.getByLabelText(/^Nome/), { target: { value: 'Mario' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registra cittadino' }));

    await waitFor(() => expect(screen.getByLabelText(/^Cognome/)).toHaveAttribute('aria-invalid', 'true'));
    const lastName = screen.getByLabelText(/^Cognome/);
    expect(document.getElementById(lastName.getAttribute('aria-describedby')!.split(' ')[0]!)).toHaveTextContent(
      'lastName does not match the codice fiscale',
    );
    expect(screen.getByLabelText(/^Nome/)).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('CAP')).toHaveAttribute('aria-invalid', 'true');
    // shown at the inputs, not repeated in the form's alert
    expect(document.querySelector('.alert-danger')).toBeNull();
    expect(sent('createCitizen')[0]?.variables).toMatchObject({
      input: { fiscalCode: 'RSSMRA85T10A562S', lastName: 'Bianchi', firstName: 'Mario' },
    });
  });

  it('checks the names as the server does before sending', async () => {
    stubServer({ citizenCandidates: () => ({ data: { citizenCandidates: [] } }) });
    renderAt('/cittadini/nuovo', [{ path: '/cittadini/nuovo', element: <CitizenNew /> }]);
    fireEvent.change(screen.getByLabelText(/^Codice fiscale/), { target: { value: 'RSSMRA85T10A562S' } });
    fireEvent.change(screen.getByLabelText(/^Cognome/), { target: { value: 'R0ssi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registra cittadino' }));
    expect(
      await screen.findByText('Sono ammessi solo lettere, spazi, apostrofi, trattini e punti.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Nome/)).toHaveAttribute('aria-invalid', 'true');
    expect(sent('createCitizen')).toHaveLength(0);
  });
});

const accessFormData = {
  data: {
    viewer: { id: 'V1', offices: [{ id: 'T2ZmaWNlOjU', name: 'UdC Perugia Centro', kind: 'CITIZENS_OFFICE' }] },
    codeLists: {
      userAreas: [{ code: 'FAMILY_MINORS', labelIt: 'Famiglia e minori', labelEn: 'Families and minors' }],
      needCategories: [
        {
          code: 'FM_PARENTING',
          labelIt: 'Sostegno alla genitorialità',
          labelEn: 'Parenting',
          area: { code: 'FAMILY_MINORS' },
        },
        { code: 'FM_SCHOOL', labelIt: 'Disagio scolastico', labelEn: 'School', area: { code: 'FAMILY_MINORS' } },
      ],
      accessOutcomes: [
        { code: 'INFORMATION', labelIt: 'Informazione', labelEn: 'Information' },
        { code: 'REFERRAL', labelIt: 'Invio ad altro servizio', labelEn: 'Referral' },
      ],
      interventionTypes: [
        { code: 'HOME_CARE', labelIt: 'Assistenza domiciliare', labelEn: 'Home care', area: { code: 'FAMILY_MINORS' } },
      ],
    },
  },
};

describe('register an access', () => {
  it('sends registerAccess with the chosen codes and goes back to the citizen', async () => {
    stubServer({
      AccessFormData: () => accessFormData,
      AccessCitizen: () => ({
        data: { citizen: { id: 'C1', firstName: 'Mario', lastName: 'Rossi', fiscalCode: null, temporaryId: null } },
      }),
      registerAccess: () => ({ data: { registerAccess: { access: { id: 'A1', citizen: { id: 'C1' } } } } }),
    });
    const router = renderAt('/cittadini/C1/accessi/nuovo', [
      { path: '/cittadini/:id/accessi/nuovo', element: <AccessNew /> },
      { path: '/cittadini/:id', element: <p>citizen page</p> },
    ]);
    fireEvent.click(await screen.findByLabelText('Disagio scolastico'));
    fireEvent.click(screen.getByLabelText('Sostegno alla genitorialità'));
    fireEvent.change(screen.getByLabelText('Note su: Disagio scolastico'), { target: { value: 'assenze' } });
    fireEvent.click(screen.getByLabelText('Assistenza domiciliare'));
    fireEvent.change(screen.getByLabelText(/^Canale/), { target: { value: 'PHONE' } });
    fireEvent.change(screen.getByLabelText(/^Chi ha parlato/), { target: { value: 'RELATIVE' } });
    fireEvent.change(screen.getByLabelText(/^Nome di chi ha parlato/), { target: { value: 'Anna Rossi' } });
    fireEvent.change(screen.getByLabelText(/^Esito/), { target: { value: 'REFERRAL' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: '  Prima visita  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registra accesso' }));

    await screen.findByText('citizen page');
    expect(router.state.location.pathname).toBe('/cittadini/C1');
    const calls = sent('registerAccess');
    expect(calls).toHaveLength(1);
    const input = (calls[0]!.variables as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({
      citizenId: 'C1',
      officeId: 'T2ZmaWNlOjU',
      channel: 'PHONE',
      speaker: { kind: 'RELATIVE', name: 'Anna Rossi' },
      needs: [{ code: 'FM_SCHOOL', notes: 'assenze' }, { code: 'FM_PARENTING' }],
      requestedServices: ['HOME_CARE'],
      outcome: 'REFERRAL',
      notes: 'Prima visita',
    });
    expect(input.citizenFiscalCode).toBeUndefined();
    expect(typeof input.idempotencyKey).toBe('string');
    expect(Date.parse(input.occurredAt as string)).not.toBeNaN();
  });

  it('requires a need and an outcome before sending', async () => {
    stubServer({
      AccessFormData: () => accessFormData,
      AccessCitizen: () => ({
        data: { citizen: { id: 'C1', firstName: 'Mario', lastName: 'Rossi', fiscalCode: null, temporaryId: null } },
      }),
    });
    renderAt('/cittadini/C1/accessi/nuovo', [{ path: '/cittadini/:id/accessi/nuovo', element: <AccessNew /> }]);
    fireEvent.click(await screen.findByRole('button', { name: 'Registra accesso' }));
    expect(await screen.findByText('Indica almeno un bisogno.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Esito/)).toHaveAttribute('aria-invalid', 'true');
    expect(sent('registerAccess')).toHaveLength(0);
  });

  it('asks for the codice fiscale the person shows when the citizen is of another zone', async () => {
    stubServer({
      AccessFormData: () => accessFormData,
      AccessCitizen: () => ({
        data: { citizen: null },
        errors: [{ message: 'Citizen not found', path: ['citizen'], extensions: { code: 'NOT_FOUND' } }],
      }),
      registerAccess: () => ({ data: { registerAccess: { access: { id: 'A1', citizen: { id: 'C9' } } } } }),
    });
    renderAt('/cittadini/C9/accessi/nuovo', [
      { path: '/cittadini/:id/accessi/nuovo', element: <AccessNew /> },
      { path: '/cittadini/:id', element: <p>citizen page</p> },
    ]);
    fireEvent.change(await screen.findByLabelText(/^Codice fiscale mostrato/), {
      target: { value: 'dymjyo95l60z335z' },
    });
    fireEvent.click(screen.getByLabelText('Sostegno alla genitorialità'));
    fireEvent.change(screen.getByLabelText(/^Esito/), { target: { value: 'INFORMATION' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registra accesso' }));
    await screen.findByText('citizen page');
    expect((sent('registerAccess')[0]!.variables as { input: Record<string, unknown> }).input).toMatchObject({
      citizenId: 'C9',
      citizenFiscalCode: 'DYMJYO95L60Z335Z',
    });
  });
});
