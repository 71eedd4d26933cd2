import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider } from '../../api/viewer';
import '../../i18n';
import { testViewer } from '../monitoring/testViewer';
import AuditTrail from './AuditTrail';

const trail = {
  auditTrail: {
    citizenId: 'Q2l0aXplbjox',
    totalCount: 1,
    hasNextPage: false,
    endCursor: 'c1',
    entries: [
      {
        at: '2026-11-20T09:00:00Z',
        actor: 'as.perugia',
        operator: { id: 'T3A6MQ', displayName: 'Francesca Moretti' },
        action: 'READ',
        tiers: ['IDENTITY', 'SOCIAL'],
        operationName: 'CitizenPage',
        channel: 'SESSION',
        emergency: true,
        reason: 'Chiamata del pronto soccorso, serve sapere chi la segue',
        objectType: null,
        requestId: 'abc123',
      },
    ],
  },
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ data: trail }), { status: 200 })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => vi.unstubAllGlobals());

function renderAudit() {
  const router = createMemoryRouter(
    [
      { path: '/audit', element: <AuditTrail /> },
      { path: '/audit/emergenze', element: <p>emergenze</p> },
    ],
    { initialEntries: ['/audit'] },
  );
  render(
    <ViewerProvider initial={testViewer(['DPO'], [])}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
  return router;
}

describe('audit trail', () => {
  it('searches by the codice fiscale typed, sending it as the fiscalCode variable', async () => {
    const router = renderAudit();
    fireEvent.change(screen.getByLabelText('Codice fiscale della persona'), { target: { value: 'rssmra85t10a562s' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cerca' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit;
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
    expect(body.query).toContain('auditTrail(fiscalCode: $fiscalCode');
    expect(body.variables).toEqual({ fiscalCode: 'RSSMRA85T10A562S', first: 25 });
    expect(router.state.location.search).toBe('?cf=RSSMRA85T10A562S');
    expect(await screen.findByRole('link', { name: 'Francesca Moretti' })).toBeInTheDocument();
    expect(screen.getByText('CitizenPage')).toBeInTheDocument();
    expect(screen.getByText('emergenza')).toBeInTheDocument();
  });

  it('refuses a codice fiscale with a wrong check character as it is typed, without asking the server', () => {
    renderAudit();
    const input = screen.getByLabelText('Codice fiscale della persona');
    fireEvent.change(input, { target: { value: 'RSSMRA85T10A562X' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Il carattere di controllo del codice fiscale non è corretto.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Cerca' }));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends a zone manager to the emergency accesses', () => {
    const router = createMemoryRouter(
      [
        { path: '/audit', element: <AuditTrail /> },
        { path: '/audit/emergenze', element: <p>emergenze</p> },
      ],
      { initialEntries: ['/audit'] },
    );
    render(
      <ViewerProvider initial={testViewer(['ZONE_MANAGER'])}>
        <RouterProvider router={router} />
      </ViewerProvider>,
    );
    expect(router.state.location.pathname).toBe('/audit/emergenze');
  });
});
