import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider } from '../api/viewer';
import '../i18n';
import Emergency from './Emergency';
import { testViewer } from './monitoring/testViewer';

let fetchMock: ReturnType<typeof vi.fn>;
let answer: unknown;

beforeEach(() => {
  answer = {
    data: {
      declareEmergencyAccess: {
        emergencyAccess: { id: 'RW06MQ', expiresAt: '2026-11-25T22:00:00Z' },
        citizen: { id: 'Q2l0aXplbjo5' },
      },
    },
  };
  fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(answer), { status: 200 })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => vi.unstubAllGlobals());

function renderForm(roles: Parameters<typeof testViewer>[0] = ['SOCIAL_WORKER']) {
  const router = createMemoryRouter(
    [
      { path: '/emergenza', element: <Emergency /> },
      { path: '/cittadini/:id', element: <p>citizen page</p> },
    ],
    { initialEntries: ['/emergenza?cf=RSSMRA85T10A562S'] },
  );
  render(
    <ViewerProvider initial={testViewer(roles)}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
  return router;
}

describe('emergency access', () => {
  it('refuses a reason shorter than 20 characters without asking the server', () => {
    renderForm();
    expect(screen.getByLabelText('Codice fiscale della persona')).toHaveValue('RSSMRA85T10A562S');
    const reason = screen.getByLabelText('Motivazione');
    fireEvent.change(reason, { target: { value: '  urgente, 19 car.  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apri la cartella in emergenza' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Scrivi la motivazione (almeno 20 caratteri).');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('declares the access with the reason and duration, then opens the citizen page', async () => {
    const router = renderForm();
    fireEvent.change(screen.getByLabelText('Motivazione'), {
      target: { value: 'Chiamata del pronto soccorso: serve sapere chi la segue' },
    });
    fireEvent.change(screen.getByLabelText('Durata'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apri la cartella in emergenza' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cittadini/Q2l0aXplbjo5'));
    const body = JSON.parse((fetchMock.mock.calls[0]?.[1] as RequestInit).body as string) as {
      variables: unknown;
    };
    expect(body.variables).toEqual({
      input: {
        fiscalCode: 'RSSMRA85T10A562S',
        reason: 'Chiamata del pronto soccorso: serve sapere chi la segue',
        durationMinutes: 30,
      },
    });
  });

  it("shows the server's field error at its input", async () => {
    answer = {
      data: null,
      errors: [
        {
          message: 'write the reason of the emergency (at least 20 characters)',
          path: ['declareEmergencyAccess'],
          extensions: { code: 'BAD_USER_INPUT', field: 'reason' },
        },
      ],
    };
    renderForm();
    fireEvent.change(screen.getByLabelText('Motivazione'), {
      target: { value: 'Venti caratteri almeno, davvero.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apri la cartella in emergenza' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('at least 20 characters');
    expect(screen.getByLabelText('Motivazione')).toHaveAttribute('aria-invalid', 'true');
  });

  it('is not offered to a front-desk operator', () => {
    renderForm(['FRONT_DESK']);
    expect(screen.queryByRole('button', { name: 'Apri la cartella in emergenza' })).toBeNull();
  });
});
