import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider, type Viewer } from '../api/viewer';
import { RequireAuth } from '../components/Layout';
import '../i18n';
import PasswordPage from './Password';

const operator: Viewer = {
  id: 'op-7',
  username: 'chiara.neri',
  displayName: 'Chiara Neri',
  roles: ['SOCIAL_WORKER'],
  mustChangePassword: true,
  organization: null,
  zones: [],
};

let answer: unknown;
let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  answer = { data: null, errors: [] };
  fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(answer), { status: 200 })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderAt(path: string, viewer: Viewer = operator) {
  const router = createMemoryRouter(
    [
      { path: '/cittadini', element: <RequireAuth>Ricerca cittadini</RequireAuth> },
      {
        path: '/password',
        element: (
          <RequireAuth>
            <PasswordPage />
          </RequireAuth>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <ViewerProvider initial={viewer}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
  return router;
}

function fill(current: string, next: string, confirm: string) {
  fireEvent.change(screen.getByLabelText(/^Password attuale/), { target: { value: current } });
  fireEvent.change(screen.getByLabelText(/^Nuova password/), { target: { value: next } });
  fireEvent.change(screen.getByLabelText(/^Conferma la nuova password/), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Cambia password' }));
}

function sent(): { variables: { input: Record<string, string> } } {
  const init = fetchMock.mock.calls[0]?.[1] as RequestInit;
  return JSON.parse(init.body as string) as { variables: { input: Record<string, string> } };
}

describe('password change', () => {
  it('sends every screen to /password while the password must be changed, then back to it', async () => {
    const router = renderAt('/cittadini?q=rossi');
    expect(await screen.findByText(/sostituisci la password che ti ha dato l'amministratore/)).toBeInTheDocument();
    expect(screen.queryByText('Ricerca cittadini')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/password');

    answer = { data: { changePassword: { viewer: { ...operator, mustChangePassword: false } } } };
    fill('kT7pq-Xh3mw-9RbcZ-e4Ntv', 'una-frase-tutta-mia', 'una-frase-tutta-mia');
    expect(await screen.findByText('Ricerca cittadini')).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/cittadini?q=rossi');
    expect(sent().variables.input).toEqual({
      currentPassword: 'kT7pq-Xh3mw-9RbcZ-e4Ntv',
      newPassword: 'una-frase-tutta-mia',
    });
  });

  it('lets an operator who need not change the password through', async () => {
    renderAt('/cittadini', { ...operator, mustChangePassword: false });
    expect(await screen.findByText('Ricerca cittadini')).toBeInTheDocument();
  });

  it("shows the server's error at the current password", async () => {
    answer = {
      data: null,
      errors: [
        {
          message: 'the current password is wrong',
          path: ['changePassword'],
          extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' },
        },
      ],
    };
    renderAt('/password');
    fill('sbagliata', 'una-frase-tutta-mia', 'una-frase-tutta-mia');
    const error = await screen.findByText('the current password is wrong');
    expect(error.id).toBe('currentPassword-error');
    expect(screen.getByLabelText(/^Password attuale/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Nuova password/)).not.toHaveAttribute('aria-invalid');
  });

  it('catches a mismatched confirmation and a weak password before sending', () => {
    renderAt('/password');
    fill('attuale', 'una-frase-tutta-mia', 'una-frase-tutta-tua');
    expect(screen.getByText('Le due password non coincidono.').id).toBe('confirmPassword-error');
    fill('attuale', 'corta', 'corta');
    expect(screen.getByText('La password ha almeno 12 caratteri.').id).toBe('newPassword-error');
    fill('attuale', 'xx-chiara.neri-2025', 'xx-chiara.neri-2025');
    expect(screen.getByText('La password non deve contenere il nome utente.').id).toBe('newPassword-error');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
