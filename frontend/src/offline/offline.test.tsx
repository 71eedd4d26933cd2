import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, Outlet, RouterProvider, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider, type Viewer } from '../api/viewer';
import '../i18n';
import { OfflineQueueProvider } from './OfflineQueue';
import { OfflineStatus } from './OfflineStatus';
import QueuePage from './QueuePage';
import RecordActivity from './RecordActivity';
import { enqueue, queuedFor, STORAGE_KEY, update, type QueuedActivity } from './queue';

const ME = 'T3BlcmF0b3I6Mg';
const OTHER = 'T3BlcmF0b3I6OQ';
const CASE_ID = 'Q2FzZToxMg';
const INTERVENTION_ID = 'SW50ZXJ2ZW50aW9uOjc';

const worker: Viewer = {
  id: ME,
  username: 'as.perugia',
  displayName: 'Anna Verdi',
  roles: ['SOCIAL_WORKER'],
  mustChangePassword: false,
  organization: null,
  zones: [],
};

interface Body {
  query: string;
  variables: { input?: Record<string, unknown> } & Record<string, unknown>;
}

let fetchMock: ReturnType<typeof vi.fn>;
/** Whether requests reach the server; when false fetch rejects as a browser without network does. */
let network = true;
/** The server's answer to RecordQueuedActivity; a Promise to answer later. */
let recordAnswer: (input: Record<string, unknown>) => unknown;
/** The RecordQueuedActivity inputs that reached the server. */
let reached: Record<string, unknown>[];

const recorded = (id = 'QWN0aXZpdHk6OTk') => ({ data: { recordActivity: { activity: { id } } } });
const badInput = (field: string, message: string) => ({
  data: null,
  errors: [{ message, path: ['recordActivity'], extensions: { code: 'BAD_USER_INPUT', field } }],
});

function stubServer() {
  fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    if (!network) throw new TypeError('Failed to fetch');
    const body = JSON.parse(init.body as string) as Body;
    let payload: unknown;
    if (body.query.includes('RecordQueuedActivity')) {
      reached.push(body.variables.input!);
      payload = await recordAnswer(body.variables.input!);
    } else if (body.query.includes('ActivityTarget'))
      payload = {
        data: {
          node: body.variables.id === CASE_ID ? caseNode : interventionNode,
        },
      };
    else payload = { data: null, errors: [{ message: 'unexpected' }] };
    return new Response(JSON.stringify(payload), { status: 200 });
  });
  vi.stubGlobal('fetch', fetchMock);
}

const caseNode = {
  id: CASE_ID,
  caseStatus: 'OPEN',
  citizen: { id: 'Q2l0aXplbjox', firstName: 'Mario', lastName: 'Rossi' },
  userArea: { labelIt: 'Anziani', labelEn: 'Elderly' },
};
const interventionNode = {
  id: INTERVENTION_ID,
  interventionStatus: 'ACTIVE',
  startDate: '2025-01-01',
  endDate: null,
  citizen: { id: 'Q2l0aXplbjox', firstName: 'Mario', lastName: 'Rossi' },
  type: { labelIt: 'Assistenza domiciliare', labelEn: 'Home care' },
  provider: { id: 'T3JnOjM', name: 'Coop. Perugia' },
};

function sentRecords(): Body[] {
  return fetchMock.mock.calls
    .map((c) => JSON.parse((c[1] as RequestInit).body as string) as Body)
    .filter((b) => b.query.includes('RecordQueuedActivity'));
}

function setOnline(value: boolean) {
  vi.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(value);
}

function Elsewhere() {
  const location = useLocation();
  return <p data-testid="elsewhere">{location.pathname + location.hash}</p>;
}

/** The screens inside the providers as App.tsx nests them, with the status bar of Layout.tsx. */
function renderAt(path: string, viewer: Viewer = worker) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <OfflineStatus />
            <Outlet />
          </>
        ),
        children: [
          { path: '/casi/:id/attivita/nuova', element: <RecordActivity target="case" /> },
          { path: '/interventi/:id/attivita/nuova', element: <RecordActivity target="intervention" /> },
          { path: '/coda', element: <QueuePage /> },
          { path: '*', element: <Elsewhere /> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <ViewerProvider initial={viewer}>
      <OfflineQueueProvider>
        <RouterProvider router={router} />
      </OfflineQueueProvider>
    </ViewerProvider>,
  );
  return router;
}

function queueEntry(
  operatorId: string,
  change: Partial<QueuedActivity['input']> = {},
  label = 'Rossi Mario – Anziani',
) {
  return enqueue({
    operatorId,
    label,
    returnTo: `/casi/${CASE_ID}#diario`,
    input: { caseId: CASE_ID, kind: 'PHONE_CALL', occurredAt: '2025-03-10T09:00:00.000Z', ...change },
  });
}

beforeEach(() => {
  window.localStorage.clear();
  network = true;
  reached = [];
  recordAnswer = () => recorded();
  setOnline(true);
  stubServer();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('recording an activity', () => {
  it('offline: keeps it on the device, says so, counts it, and sends it once when the connection returns', async () => {
    setOnline(false);
    network = false;
    renderAt(`/casi/${CASE_ID}/attivita/nuova`);
    expect(screen.getByText(/Sei offline: l'attività sarà salvata su questo dispositivo/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Tipo di attività'), { target: { value: 'NOTE' } });
    fireEvent.change(screen.getByLabelText(/^Testo/), { target: { value: '  Sentita la figlia al telefono. ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salva sul dispositivo' }));

    expect(await screen.findByRole('heading', { name: 'Attività in coda' })).toBeInTheDocument();
    const [entry] = queuedFor(ME);
    expect(queuedFor(ME)).toHaveLength(1);
    expect(entry).toMatchObject({
      status: 'pending',
      input: { caseId: CASE_ID, kind: 'NOTE', text: 'Sentita la figlia al telefono.' },
    });
    expect(screen.getByTestId('queue-badge')).toHaveTextContent('1 attività da inviare');
    expect(screen.getByTestId('queue-badge')).toHaveAttribute('href', '/coda');
    expect(screen.getByText(/^Sei offline\. Puoi continuare a registrare/)).toBeInTheDocument();

    // the connection comes back
    network = true;
    setOnline(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(queuedFor(ME)).toEqual([]));
    await waitFor(() => expect(screen.queryByTestId('queue-badge')).toBeNull());
    // it reached the server once, with the key it was given on the device, as every try did
    expect(reached).toEqual([
      {
        caseId: CASE_ID,
        kind: 'NOTE',
        occurredAt: entry!.input.occurredAt,
        text: 'Sentita la figlia al telefono.',
        idempotencyKey: entry!.key,
      },
    ]);
    expect(sentRecords().length).toBeGreaterThan(1);
    for (const tried of sentRecords()) expect(tried.variables.input!.idempotencyKey).toBe(entry!.key);
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('online: a refusal on hours appears at the hours input and nothing stays in the queue', async () => {
    recordAnswer = () => badInput('hours', 'hours are more than 0 and at most 24 per entry');
    renderAt(`/interventi/${INTERVENTION_ID}/attivita/nuova`);
    expect(await screen.findByText(/Rossi – Assistenza domiciliare/)).toBeInTheDocument();
    const hours = screen.getByLabelText(/^Ore/);
    fireEvent.change(hours, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registra' }));

    await waitFor(() => expect(hours).toHaveClass('is-invalid'));
    expect(hours).toHaveAccessibleDescription('hours are more than 0 and at most 24 per entry');
    expect(sentRecords()).toHaveLength(1);
    expect(sentRecords()[0]!.variables.input).toMatchObject({
      interventionId: INTERVENTION_ID,
      kind: 'DELIVERED_HOURS',
      hours: 2,
    });
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(screen.queryByTestId('queue-badge')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Attività in coda' })).toBeNull();
    // still the form, with what was typed
    expect(hours).toHaveValue(2);
  });

  it('online: a refusal without a field is an alert above the form', async () => {
    recordAnswer = () => ({
      data: null,
      errors: [{ message: 'the case is closed', extensions: { code: 'CONFLICT' } }],
    });
    renderAt(`/casi/${CASE_ID}/attivita/nuova`);
    fireEvent.click(screen.getByRole('button', { name: 'Registra' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the case is closed');
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('online: sent at once, back to the case diary with a confirmation', async () => {
    renderAt(`/casi/${CASE_ID}/attivita/nuova`);
    fireEvent.click(screen.getByRole('button', { name: 'Registra' }));
    expect(await screen.findByTestId('elsewhere')).toHaveTextContent(`/casi/${CASE_ID}#diario`);
    expect(screen.getByText('Attività registrata.')).toBeInTheDocument();
    expect(sentRecords()).toHaveLength(1);
    expect(sentRecords()[0]!.variables.input).toMatchObject({ caseId: CASE_ID, kind: 'MEETING' });
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('checks on the device before queueing: nothing is stored for an invalid entry', async () => {
    setOnline(false);
    network = false;
    renderAt(`/interventi/${INTERVENTION_ID}/attivita/nuova`);
    const hours = screen.getByLabelText(/^Ore/);
    fireEvent.change(hours, { target: { value: '25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salva sul dispositivo' }));
    await waitFor(() => expect(hours).toHaveAccessibleDescription('Le ore devono essere più di 0 e al massimo 24.'));
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('a provider records only delivered hours and home visits, without text', async () => {
    const provider: Viewer = {
      ...worker,
      id: OTHER,
      username: 'coop.perugia',
      roles: ['PROVIDER'],
      organization: { id: 'T3JnOjM', name: 'Coop. Perugia' },
    };
    renderAt(`/interventi/${INTERVENTION_ID}/attivita/nuova`, provider);
    const kinds = within(screen.getByLabelText('Tipo di attività')).getAllByRole('option');
    expect(kinds.map((o) => (o as HTMLOptionElement).value)).toEqual(['HOME_VISIT', 'DELIVERED_HOURS']);
    expect(screen.queryByLabelText(/^Testo/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/^Ore/), { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Registra' }));
    await screen.findByTestId('elsewhere');
    expect(sentRecords()[0]!.variables.input).toEqual({
      interventionId: INTERVENTION_ID,
      kind: 'DELIVERED_HOURS',
      occurredAt: expect.any(String),
      hours: 1.5,
      idempotencyKey: expect.any(String),
    });
  });

  it('submitted while an earlier entry is being sent: waits for the next round and reports the outcome', async () => {
    const earlier = queueEntry(ME);
    let answerEarlier: (v: unknown) => void = () => {};
    recordAnswer = (input) =>
      input.idempotencyKey === earlier.key ? new Promise((resolve) => (answerEarlier = resolve)) : recorded();
    renderAt(`/casi/${CASE_ID}/attivita/nuova`);
    // the provider starts sending the earlier entry, and the server is slow
    await waitFor(() => expect(sentRecords()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Registra' }));
    await waitFor(() => expect(queuedFor(ME)).toHaveLength(2));
    answerEarlier(recorded('QWN0aXZpdHk6MQ'));

    expect(await screen.findByTestId('elsewhere')).toHaveTextContent(`/casi/${CASE_ID}#diario`);
    expect(screen.getByText('Attività registrata.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Attività in coda' })).toBeNull();
    expect(queuedFor(ME)).toEqual([]);
    expect(sentRecords()).toHaveLength(2);
  });
});

describe('the queue page', () => {
  it("lists only the operator's entries; discarding asks first and removes only that one", async () => {
    setOnline(false);
    network = false;
    const call = queueEntry(ME, { kind: 'PHONE_CALL' }, 'Rossi Mario – Anziani');
    const hours = queueEntry(
      ME,
      { caseId: undefined, interventionId: INTERVENTION_ID, kind: 'DELIVERED_HOURS', hours: 2 },
      'Bianchi Luisa – Assistenza domiciliare',
    );
    queueEntry(OTHER, { kind: 'NOTE', text: 'di un collega' }, 'Verdi Carla – Minori');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);

    renderAt('/coda');
    let rows = screen.getAllByTestId('queued-activity');
    expect(rows).toHaveLength(2);
    expect(screen.queryByText('Verdi Carla – Minori')).toBeNull();
    expect(screen.getByTestId('queue-badge')).toHaveTextContent('2 attività da inviare');
    expect(screen.getByRole('button', { name: 'Invia ora' })).toBeDisabled();

    const second = rows.find((r) => within(r).queryByText('Bianchi Luisa – Assistenza domiciliare'))!;
    expect(second).toHaveTextContent('2 ore');
    fireEvent.click(within(second).getByRole('button', { name: 'Elimina dal dispositivo' }));
    expect(confirm).toHaveBeenCalledWith('Eliminare questa attività dal dispositivo? Non sarà più inviata.');
    // declined: nothing removed
    expect(screen.getAllByTestId('queued-activity')).toHaveLength(2);
    expect(queuedFor(ME)).toHaveLength(2);

    confirm.mockReturnValue(true);
    fireEvent.click(within(second).getByRole('button', { name: 'Elimina dal dispositivo' }));
    await waitFor(() => expect(screen.getAllByTestId('queued-activity')).toHaveLength(1));
    expect(queuedFor(ME).map((e) => e.key)).toEqual([call.key]);
    expect(queuedFor(OTHER)).toHaveLength(1);
    expect(screen.queryByText('Bianchi Luisa – Assistenza domiciliare')).toBeNull();
    expect(screen.getByTestId('queue-badge')).toHaveTextContent('1 attività da inviare');
    expect(hours.key).not.toBe(call.key);
    rows = screen.getAllByTestId('queued-activity');
    expect(rows[0]).toHaveTextContent('Rossi Mario – Anziani');
  });

  it("shows a refused entry with the server's reason and does not send it again; send now sends the rest", async () => {
    network = false;
    const refused = queueEntry(ME, { kind: 'NOTE', text: 'x' }, 'Rossi Mario – Anziani');
    update(refused.key, { status: 'failed', error: 'the case is closed', attempts: 1 });
    const pending = queueEntry(ME, { kind: 'MEETING' }, 'Bianchi Luisa – Minori');

    renderAt('/coda');
    // the provider tries at once and does not get through
    await waitFor(() =>
      expect(screen.getByText(/^Ultimo tentativo non riuscito: Failed to fetch/)).toBeInTheDocument(),
    );
    const rows = screen.getAllByTestId('queued-activity');
    expect(rows[0]).toHaveTextContent('rifiutata');
    expect(rows[0]).toHaveTextContent("Il server l'ha rifiutata: the case is closed");
    expect(rows[1]).toHaveTextContent('in attesa');
    expect(rows[1]).toHaveTextContent('1 tentativo');

    network = true;
    fireEvent.click(screen.getByRole('button', { name: 'Invia ora' }));
    await waitFor(() => expect(screen.getAllByTestId('queued-activity')).toHaveLength(1));
    expect(reached.map((input) => input.idempotencyKey)).toEqual([pending.key]);
    expect(queuedFor(ME).map((e) => e.key)).toEqual([refused.key]);
  });

  it('retries every 20 seconds while something is pending, and stops once it is sent', async () => {
    vi.useFakeTimers();
    network = false;
    queueEntry(ME);
    renderAt('/coda');
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(19_000));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(fetchMock).toHaveBeenCalledTimes(2);

    network = true;
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(queuedFor(ME)).toEqual([]);
    expect(screen.getByText('Nessuna attività in attesa di invio.')).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });
});
