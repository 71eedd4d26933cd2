import { act, fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import CitizenSearch, { SEARCH_DEBOUNCE_MS } from './CitizenSearch';

function renderSearch() {
  const router = createMemoryRouter([{ path: '/cittadini', element: <CitizenSearch /> }], {
    initialEntries: ['/cittadini'],
  });
  render(<RouterProvider router={router} />);
  return screen.getByLabelText('Codice fiscale o nome');
}

const response = {
  data: {
    citizens: {
      totalCount: 1,
      edges: [
        {
          node: {
            id: 'Q2l0aXplbjox',
            fiscalCode: null,
            temporaryId: null,
            firstName: 'Mario',
            lastName: 'Rossi',
            birthDate: '1985-12-10',
            residence: { municipality: { id: 'M1', name: 'Perugia' } },
          },
        },
      ],
    },
  },
  errors: [
    {
      message: 'not allowed to read Citizen.fiscalCode (policy identity)',
      path: ['citizens', 'edges', 0, 'node', 'fiscalCode'],
      extensions: { code: 'FORBIDDEN', policy: 'identity' },
    },
  ],
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: false });
  fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(response), { status: 200 })));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('citizen search', () => {
  it('waits for typing to pause, then sends one search with the last term', async () => {
    const input = renderSearch();
    for (const term of ['r', 'ro', 'ros', 'ross', 'rossi']) {
      fireEvent.change(input, { target: { value: term } });
      await act(async () => {
        vi.advanceTimersByTime(100);
      });
    }
    expect(fetchMock).not.toHaveBeenCalled();

    await act(async () => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit;
    const body = JSON.parse(init.body as string) as { query: string; variables: { search: string } };
    expect(body.variables).toEqual({ search: 'rossi' });
    expect(body.query).toContain('citizens(filter: {search: $search}, first: 20)');
    expect(init.credentials).toBe('same-origin');

    vi.useRealTimers();
    const link = await screen.findByRole('link', { name: 'Rossi Mario' });
    expect(link.getAttribute('href')).toBe('/cittadini/Q2l0aXplbjox');
    // the denied codice fiscale shows as "riservato", not as an empty cell
    expect(screen.getByText('riservato')).toBeInTheDocument();
  });

  it('shows an error for a codice fiscale with a wrong check character, and does not search', async () => {
    const input = renderSearch();
    fireEvent.change(input, { target: { value: 'RSSMRA85T10A562X' } });
    await act(async () => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Il carattere di controllo del codice fiscale non è corretto.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('accepts a valid codice fiscale and searches it', async () => {
    const input = renderSearch();
    fireEvent.change(input, { target: { value: 'RSSMRA85T10A562S' } });
    await act(async () => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
