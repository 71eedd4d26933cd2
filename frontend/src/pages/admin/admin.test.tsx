import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider, type Viewer } from '../../api/viewer';
import '../../i18n';
import ApiClients from './ApiClients';
import OperatorNew from './OperatorNew';
import Operators from './Operators';

const admin: Viewer = {
  id: 'op-admin',
  username: 'admin',
  displayName: 'Paolo Cecchetti',
  roles: ['ADMIN'],
  mustChangePassword: false,
  organization: null,
  zones: [],
};

const choices = {
  zones: [
    { id: 'z2', code: '2', name: 'Perugia' },
    { id: 'z10', code: '10', name: 'Terni' },
  ],
  organizations: { edges: [{ node: { id: 'org-1', name: 'USL Umbria 1' } }] },
  offices: {
    edges: [
      { node: { id: 'off-2', name: 'Servizio sociale Perugia', zone: { id: 'z2', code: '2' } } },
      { node: { id: 'off-10', name: 'Servizio sociale Terni', zone: { id: 'z10', code: '10' } } },
    ],
  },
  codeLists: { professions: [{ code: 'SOCIAL_WORKER', labelIt: 'Assistente sociale', labelEn: 'Social worker' }] },
};

const client = (id: string, name: string) => ({
  id,
  name,
  role: 'SOCIAL_WORKER',
  active: true,
  tokenPrefix: 'siso_abc',
  createdAt: '2026-11-01T10:00:00Z',
  expiresAt: '2027-11-01T10:00:00Z',
  revokedAt: null,
  lastUsedAt: null,
  scopes: ['citizens:identity:read'],
  organization: { id: 'org-1', name: 'USL Umbria 1' },
  zones: [{ id: 'z2', code: '2' }],
});

const TOKEN = 'siso_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const PASSWORD = 'kT7pq-Xh3mw-9RbcZ-e4Ntv';

type Handler = (variables: Record<string, unknown>) => unknown;
let handlers: Record<string, Handler>;
let fetchMock: ReturnType<typeof vi.fn>;

/** The operation name of a request and its variables. */
function calls(name: string): Record<string, unknown>[] {
  return fetchMock.mock.calls
    .map(
      (c) => JSON.parse((c[1] as RequestInit).body as string) as { query: string; variables: Record<string, unknown> },
    )
    .filter((b) => new RegExp(`(query|mutation) ${name}\\b`).test(b.query))
    .map((b) => b.variables);
}

beforeEach(() => {
  handlers = {
    AdminChoices: () => ({ data: choices }),
    AdminApiClients: () => ({
      data: {
        apiClients: [client('client-1', 'Anagrafe USL'), client('client-2', 'INPS Umbria')],
        apiScopes: [
          { name: 'citizens:identity:read', description: 'Nomi dei cittadini' },
          { name: 'statistics:read', description: 'Statistiche' },
        ],
      },
    }),
    AdminOperators: () => ({
      data: { operators: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
    }),
  };
  fetchMock = vi.fn((_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
    const name = /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? '';
    const handler = handlers[name];
    const payload = handler ? handler(body.variables) : { errors: [{ message: `no stub for ${name}` }] };
    return Promise.resolve(new Response(JSON.stringify(payload), { status: 200 }));
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
  window.sessionStorage.clear();
});

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/amministrazione', element: <Operators /> },
      { path: '/amministrazione/operatori/nuovo', element: <OperatorNew /> },
      { path: '/amministrazione/client-api', element: <ApiClients /> },
      { path: '/amministrazione/eventi', element: <p>eventi</p> },
    ],
    { initialEntries: [path] },
  );
  render(
    <ViewerProvider initial={admin}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
  return router;
}

async function fillApiClient() {
  fireEvent.change(await screen.findByLabelText(/^Nome/), { target: { value: 'Comune di Perugia' } });
  fireEvent.change(screen.getByLabelText(/^Ente/), { target: { value: 'org-1' } });
  fireEvent.change(screen.getByLabelText(/^Ruolo/), { target: { value: 'SOCIAL_WORKER' } });
  fireEvent.click(await screen.findByLabelText(/citizens:identity:read/));
}

describe('API clients', () => {
  it('shows the token once, with a warning and a copy button, and forgets it after leaving the page', async () => {
    handlers.AdminCreateApiClient = () => ({
      data: { createApiClient: { token: TOKEN, apiClient: { id: 'client-3', name: 'Comune di Perugia' } } },
    });
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderAt('/amministrazione/client-api');
    await fillApiClient();
    fireEvent.click(screen.getByRole('button', { name: 'Crea il client' }));

    const shown = await screen.findByDisplayValue(TOKEN);
    expect(shown).toHaveAttribute('readonly');
    expect(screen.getByText(/mostrato una sola volta/)).toBeInTheDocument();
    const sent = calls('AdminCreateApiClient');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      input: {
        name: 'Comune di Perugia',
        organizationId: 'org-1',
        role: 'SOCIAL_WORKER',
        zoneCodes: null,
        scopes: ['citizens:identity:read'],
      },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copia' }));
    });
    expect(writeText).toHaveBeenCalledWith(TOKEN);
    expect(await screen.findByText('Copiato negli appunti.')).toBeInTheDocument();

    // Leave the page and come back: the token is gone, and it was never stored.
    fireEvent.click(screen.getByRole('link', { name: 'Operatori' }));
    await screen.findByRole('heading', { name: 'Operatori' });
    fireEvent.click(screen.getByRole('link', { name: 'Client API' }));
    await screen.findByRole('button', { name: 'Crea il client' });
    expect(screen.queryByDisplayValue(TOKEN)).toBeNull();
    expect(document.body.innerHTML).not.toContain(TOKEN);
    expect(JSON.stringify({ ...window.localStorage })).not.toContain(TOKEN);
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain(TOKEN);
  });

  it('hides the token when the administrator says it is saved', async () => {
    handlers.AdminCreateApiClient = () => ({
      data: { createApiClient: { token: TOKEN, apiClient: { id: 'client-3', name: 'Comune di Perugia' } } },
    });
    renderAt('/amministrazione/client-api');
    await fillApiClient();
    fireEvent.click(screen.getByRole('button', { name: 'Crea il client' }));
    await screen.findByDisplayValue(TOKEN);
    fireEvent.click(screen.getByRole('button', { name: "L'ho salvato, nascondi" }));
    expect(screen.queryByDisplayValue(TOKEN)).toBeNull();
  });

  it('asks for confirmation before revoking, then sends the id of that client', async () => {
    handlers.AdminRevokeApiClient = (v) => ({
      data: {
        revokeApiClient: {
          apiClient: { id: (v.input as { id: string }).id, active: false, revokedAt: '2026-11-25T10:00:00Z' },
        },
      },
    });
    renderAt('/amministrazione/client-api');
    const row = (await screen.findByRole('cell', { name: 'INPS Umbria' })).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /Revoca/ }));
    expect(calls('AdminRevokeApiClient')).toHaveLength(0);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Revocare il client «INPS Umbria»?');
    // cancelling sends nothing
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annulla' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls('AdminRevokeApiClient')).toHaveLength(0);

    fireEvent.click(within(row).getByRole('button', { name: /Revoca/ }));
    await act(async () => {
      fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoca il client' }));
    });
    expect(calls('AdminRevokeApiClient')).toEqual([{ input: { id: 'client-2' } }]);
  });

  it("shows the server's field errors at their inputs", async () => {
    handlers.AdminCreateApiClient = () => ({
      data: null,
      errors: [
        {
          message: 'an API client named "Comune di Perugia" already exists',
          extensions: { code: 'BAD_USER_INPUT', field: 'name' },
        },
        { message: 'unknown scope', extensions: { code: 'BAD_USER_INPUT', field: 'scopes' } },
      ],
    });
    renderAt('/amministrazione/client-api');
    await fillApiClient();
    fireEvent.click(screen.getByRole('button', { name: 'Crea il client' }));
    const name = screen.getByLabelText(/^Nome/);
    await vi.waitFor(() => expect(name).toHaveClass('is-invalid'));
    expect(name).toHaveAccessibleDescription('an API client named "Comune di Perugia" already exists');
    expect(document.getElementById('ac-scopes-error')).toHaveTextContent('unknown scope');
    // not repeated in the form's alert
    expect(screen.getAllByText(/already exists/)).toHaveLength(1);
  });

  it('checks the form as the server does before sending', async () => {
    renderAt('/amministrazione/client-api');
    fireEvent.change(await screen.findByLabelText(/^Nome/), { target: { value: 'ab' } });
    fireEvent.click(screen.getByRole('button', { name: 'Crea il client' }));
    expect(await screen.findByText('Il nome ha da 3 a 100 caratteri.')).toBeInTheDocument();
    expect(screen.getByText('Scegli almeno un permesso.')).toBeInTheDocument();
    expect(calls('AdminCreateApiClient')).toHaveLength(0);
  });
});

describe('new operator', () => {
  async function fillOperator(role = 'SOCIAL_WORKER', zone = '2') {
    fireEvent.change(await screen.findByLabelText(/^Nome utente/), { target: { value: 'Chiara.Neri' } });
    fireEvent.change(screen.getByLabelText(/^Nome e cognome/), { target: { value: '  Chiara   Neri ' } });
    // wait for the zones to arrive
    await screen.findAllByRole('option', { name: '2 – Perugia' });
    fireEvent.change(screen.getByLabelText('Ruolo 1'), { target: { value: role } });
    if (zone) fireEvent.change(screen.getByLabelText(/^Zona/), { target: { value: zone } });
  }

  it('shows the one-time password once, and not after leaving the page', async () => {
    handlers.AdminCreateOperator = () => ({
      data: {
        createOperator: {
          oneTimePassword: PASSWORD,
          operator: { id: 'op-9', username: 'chiara.neri', displayName: 'Chiara Neri' },
        },
      },
    });
    renderAt('/amministrazione/operatori/nuovo');
    await fillOperator();
    fireEvent.click(screen.getByRole('button', { name: "Crea l'operatore" }));
    expect(await screen.findByDisplayValue(PASSWORD)).toHaveAttribute('readonly');
    expect(screen.getByText(/mostrata una sola volta/)).toBeInTheDocument();
    expect(calls('AdminCreateOperator')).toEqual([
      {
        input: {
          username: 'chiara.neri',
          displayName: 'Chiara Neri',
          professionCode: null,
          organizationId: null,
          officeIds: [],
          roles: [{ role: 'SOCIAL_WORKER', zoneCode: '2', officeId: null }],
          password: null,
        },
      },
    ]);
    fireEvent.click(screen.getByRole('link', { name: 'Operatori' }));
    await screen.findByRole('heading', { name: 'Operatori' });
    expect(document.body.innerHTML).not.toContain(PASSWORD);
    fireEvent.click(screen.getByRole('link', { name: 'Nuovo operatore' }));
    await screen.findByLabelText(/^Nome utente/);
    expect(document.body.innerHTML).not.toContain(PASSWORD);
    expect(JSON.stringify({ ...window.localStorage })).not.toContain(PASSWORD);
  });

  it("shows the server's field errors at their inputs, in the right role row", async () => {
    handlers.AdminCreateOperator = () => ({
      data: null,
      errors: [
        { message: 'the username "chiara.neri" is taken', extensions: { code: 'BAD_USER_INPUT', field: 'username' } },
        { message: 'unknown zone "2"', extensions: { code: 'BAD_USER_INPUT', field: 'roles[0].zoneCode' } },
      ],
    });
    renderAt('/amministrazione/operatori/nuovo');
    await fillOperator();
    fireEvent.click(screen.getByRole('button', { name: "Crea l'operatore" }));
    const username = screen.getByLabelText(/^Nome utente/);
    await vi.waitFor(() => expect(username).toHaveClass('is-invalid'));
    expect(document.getElementById('op-username-error')).toHaveTextContent('is taken');
    const zone = screen.getByLabelText(/^Zona/);
    expect(zone).toHaveClass('is-invalid');
    expect(zone).toHaveAccessibleDescription('unknown zone "2"');
  });

  it('refuses a zone role without a zone and ADMIN with social roles before sending', async () => {
    renderAt('/amministrazione/operatori/nuovo');
    await fillOperator('FRONT_DESK', '');
    fireEvent.click(screen.getByRole('button', { name: "Crea l'operatore" }));
    expect(await screen.findByText('Questo ruolo vale in una zona: scegli la zona.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Zona/), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Aggiungi un ruolo' }));
    fireEvent.change(screen.getByLabelText('Ruolo 2'), { target: { value: 'ADMIN' } });
    fireEvent.click(screen.getByLabelText(/Scegli la password/));
    fireEvent.change(screen.getByLabelText(/^Password$/), { target: { value: 'corta' } });
    fireEvent.click(screen.getByRole('button', { name: "Crea l'operatore" }));
    expect(await screen.findByText(/non si combina/)).toBeInTheDocument();
    expect(screen.getByText('La password ha almeno 12 caratteri.')).toBeInTheDocument();
    expect(calls('AdminCreateOperator')).toHaveLength(0);
  });
});
