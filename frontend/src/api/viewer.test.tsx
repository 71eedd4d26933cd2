import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider, useViewer, type Viewer } from './viewer';

const worker: Viewer = {
  id: 'T3BlcmF0b3I6Mg',
  username: 'as.perugia',
  displayName: 'Anna Verdi',
  roles: ['SOCIAL_WORKER'],
  mustChangePassword: false,
  organization: null,
  zones: [],
};

function Who() {
  const { status, viewer } = useViewer();
  return <p data-testid="who">{status === 'loading' ? 'loading' : `${status}:${viewer?.username ?? ''}`}</p>;
}

const answer = (status: number, body: unknown) =>
  vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));

describe('ViewerProvider', () => {
  beforeEach(() => window.localStorage.setItem('siso.viewer', JSON.stringify(worker)));
  afterEach(() => {
    vi.unstubAllGlobals();
    window.localStorage.clear();
  });

  it('keeps the operator signed in when the service is unavailable (503 UNAVAILABLE)', async () => {
    vi.stubGlobal(
      'fetch',
      answer(503, { data: null, errors: [{ message: 'unavailable', extensions: { code: 'UNAVAILABLE' } }] }),
    );
    render(
      <ViewerProvider>
        <Who />
      </ViewerProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe('signedIn:as.perugia'));
    expect(window.localStorage.getItem('siso.viewer')).not.toBeNull();
  });

  it('signs out when the server says there is no session', async () => {
    vi.stubGlobal('fetch', answer(200, { data: { viewer: null } }));
    render(
      <ViewerProvider>
        <Who />
      </ViewerProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('who').textContent).toBe('signedOut:'));
    expect(window.localStorage.getItem('siso.viewer')).toBeNull();
  });
});
