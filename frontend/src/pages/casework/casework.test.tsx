import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider, type Viewer } from '../../api/viewer';
import '../../i18n';
import { today } from '../../lib/format';
import Intervention from './Intervention';
import Plan from './Plan';
import RequestIntervention from './RequestIntervention';

const socialWorker: Viewer = {
  id: 'T3A6Mg',
  username: 'as.perugia',
  displayName: 'Francesca Moretti',
  roles: ['SOCIAL_WORKER'],
  mustChangePassword: false,
  organization: { id: 'org1', name: 'Comune di Perugia' },
  zones: [{ id: 'z2', code: '2', name: 'Perugino' }],
};
const zoneManager: Viewer = {
  ...socialWorker,
  id: 'T3A6NA',
  username: 'resp.perugia',
  displayName: 'Roberto Mariani',
  roles: ['ZONE_MANAGER'],
};

const members = {
  edges: [
    {
      node: {
        id: 'm1',
        role: 'RESPONSIBLE',
        validFrom: '2026-01-10',
        validTo: null,
        operator: { id: socialWorker.id, displayName: socialWorker.displayName },
      },
    },
  ],
};

interface Sent {
  query: string;
  variables: Record<string, unknown>;
}

/** Answers each operation by its name (the first word after query/mutation) from a queue of bodies. */
function stubServer(answers: Record<string, unknown[]>) {
  const sent: Sent[] = [];
  const fetchMock = vi.fn((_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as Sent;
    sent.push(body);
    const name = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    const queue = answers[name];
    if (!queue || queue.length === 0) throw new Error(`unexpected operation ${name}`);
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { sent, named: (n: string) => sent.filter((s) => s.query.includes(` ${n}(`)) };
}

function renderAt(url: string, route: string, element: ReactNode, viewer: Viewer) {
  const router = createMemoryRouter(
    [
      { path: route, element },
      { path: '/casi/:id', element: <p>pagina del caso</p> },
    ],
    { initialEntries: [url] },
  );
  render(
    <ViewerProvider initial={viewer}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
  return router;
}

beforeEach(() => {
  vi.stubGlobal('scrollTo', () => {});
});
afterEach(() => vi.unstubAllGlobals());

function planPage(version: number, summary: string) {
  return {
    data: {
      node: {
        id: 'C1',
        status: 'OPEN',
        openedAt: '2026-01-10T09:00:00Z',
        zone: { id: 'z2', code: '2' },
        citizen: { id: 'P1', firstName: 'Anna', lastName: 'Giuliani' },
        members,
        plan: {
          id: 'PL1',
          version,
          beneficiary: 'PERSON',
          drawnUpOn: '2026-02-01',
          reviewOn: '2026-08-01',
          summary,
          goals: [{ description: 'Sostenere il caregiver', term: 'MEDIUM', indicator: null, outcome: 'PENDING' }],
        },
      },
    },
  };
}

describe('plan', () => {
  it('sends the version read and, on CONFLICT, says so and reloads the current plan', async () => {
    const server = stubServer({
      PlanPage: [planPage(1, 'Prima versione'), planPage(2, 'Versione di un collega')],
      SavePlan: [
        {
          data: null,
          errors: [
            {
              message: 'the plan was changed by someone else (version 2, you had 1)',
              path: ['savePlan'],
              extensions: { code: 'CONFLICT' },
            },
          ],
        },
      ],
    });
    renderAt('/casi/C1/piano', '/casi/:id/piano', <Plan />, socialWorker);
    const summary = await screen.findByLabelText('Sintesi');
    expect(summary).toHaveValue('Prima versione');
    fireEvent.change(summary, { target: { value: 'La mia modifica' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Salva il progetto' }));
    });

    const save = server.named('savePlan')[0];
    expect(save?.variables).toMatchObject({ input: { caseId: 'C1', version: 1, summary: 'La mia modifica' } });
    const alert = await screen.findByText(/modificato da un altro operatore/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    // reloaded: the form now holds the colleague's version 2
    await waitFor(() => expect(screen.getByLabelText('Sintesi')).toHaveValue('Versione di un collega'));
    expect(screen.getByText(/versione attuale \(2\)/)).toBeInTheDocument();
  });
});

function requestPage() {
  return {
    data: {
      node: {
        id: 'C1',
        status: 'OPEN',
        zone: { id: 'z2', code: '2', name: 'Perugino' },
        userArea: { code: 'ELDERLY' },
        citizen: { id: 'P1', firstName: 'Anna', lastName: 'Giuliani' },
        members,
      },
      codeLists: {
        interventionTypes: [
          {
            code: 'HOME_CARE',
            labelIt: 'Assistenza domiciliare',
            labelEn: 'Home care',
            kind: 'SERVICE',
            area: { code: 'ELDERLY', labelIt: 'Anziani', labelEn: 'Elderly' },
          },
        ],
        fundingSources: [{ code: 'FNA', labelIt: 'Fondo non autosufficienze', labelEn: 'FNA' }],
      },
      organizations: {
        edges: [
          {
            node: {
              id: 'ORG-COOP',
              name: 'Cooperativa Il Girasole',
              kind: 'COOPERATIVE',
              accreditedFrom: '2015-05-25',
              accreditedTo: null,
              accreditedFor: [{ code: 'HOME_CARE' }],
              zone: { id: 'z2', code: '2', name: 'Perugino' },
            },
          },
          {
            node: {
              id: 'ORG-ASSOC',
              name: 'Associazione Il Ponte',
              kind: 'ASSOCIATION',
              accreditedFrom: '2019-01-01',
              accreditedTo: null,
              accreditedFor: [{ code: 'TELECARE' }],
              zone: { id: 'z2', code: '2', name: 'Perugino' },
            },
          },
        ],
      },
    },
  };
}

describe('requesting an intervention', () => {
  it('sends the amounts in cents with the other fields, and shows a server field error at its input', async () => {
    const server = stubServer({
      RequestInterventionPage: [requestPage()],
      RequestIntervention: [
        {
          data: null,
          errors: [
            {
              message: "the provider's accreditation has ended before 2026-12-01",
              path: ['requestIntervention'],
              extensions: { code: 'BAD_USER_INPUT', field: 'providerId' },
            },
          ],
        },
      ],
    });
    renderAt('/casi/C1/interventi/nuovo', '/casi/:id/interventi/nuovo', <RequestIntervention />, socialWorker);
    const type = await screen.findByLabelText(/^Tipo di intervento/);
    fireEvent.change(type, { target: { value: 'HOME_CARE' } });
    const provider = screen.getByLabelText(/^Ente erogatore/);
    // only the organization accredited for the type is offered
    expect(within(provider).queryByText('Associazione Il Ponte')).toBeNull();
    fireEvent.change(provider, { target: { value: 'ORG-COOP' } });
    fireEvent.change(screen.getByLabelText(/^Data di inizio/), { target: { value: today() } });
    fireEvent.change(screen.getByLabelText(/^Importo totale/), { target: { value: '1.250,50' } });
    fireEvent.change(screen.getByLabelText(/^Quota a carico dell'utente/), { target: { value: '125' } });
    fireEvent.change(screen.getByLabelText(/^Ore al mese/), { target: { value: '20,5' } });
    fireEvent.change(screen.getByLabelText(/^Fonte di finanziamento/), { target: { value: 'FNA' } });
    fireEvent.click(screen.getByLabelText(/Soggetto a prova dei mezzi/));
    fireEvent.change(screen.getByLabelText(/^Valore ISEE/), { target: { value: '12.000' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Invia la richiesta' }));
    });

    const sent = server.named('requestIntervention');
    expect(sent).toHaveLength(1);
    const input = (sent[0]?.variables as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({
      caseId: 'C1',
      type: 'HOME_CARE',
      providerId: 'ORG-COOP',
      startDate: today(),
      endDate: null,
      amountCents: 125050,
      userShareCents: 12500,
      healthShareCents: null,
      hoursPerMonth: 20.5,
      fundingSource: 'FNA',
      meansTested: true,
      iseeCents: 1200000,
    });
    expect(typeof input.idempotencyKey).toBe('string');

    // the server's BAD_USER_INPUT for providerId is shown at the provider's select, not in the form's alert
    await waitFor(() => expect(screen.getByLabelText(/^Ente erogatore/)).toHaveAttribute('aria-invalid', 'true'));
    const error = document.getElementById('providerId-error');
    expect(error).toHaveTextContent("the provider's accreditation has ended before 2026-12-01");
    expect(screen.getByLabelText(/^Ente erogatore/)).toHaveAttribute(
      'aria-describedby',
      expect.stringContaining('providerId-error'),
    );
    expect(screen.getByLabelText(/^Tipo di intervento/)).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(/Dato non valido/)).toBeNull();
  });

  it('checks the shares against the amount before sending', async () => {
    const server = stubServer({ RequestInterventionPage: [requestPage()], RequestIntervention: [{ data: null }] });
    renderAt('/casi/C1/interventi/nuovo', '/casi/:id/interventi/nuovo', <RequestIntervention />, socialWorker);
    fireEvent.change(await screen.findByLabelText(/^Tipo di intervento/), { target: { value: 'HOME_CARE' } });
    fireEvent.change(screen.getByLabelText(/^Importo totale/), { target: { value: '100' } });
    fireEvent.change(screen.getByLabelText(/^Quota a carico dell'utente/), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText(/^Quota sanitaria/), { target: { value: '30' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Invia la richiesta' }));
    });
    expect(server.named('requestIntervention')).toHaveLength(0);
    expect(document.getElementById('userShareCents-error')).toHaveTextContent(/non possono superare/);
  });
});

function interventionPage(status: string) {
  return {
    data: {
      node: {
        id: 'I1',
        status,
        version: 1,
        startDate: '2026-12-01',
        endDate: null,
        amountCents: 480000,
        userShareCents: 0,
        healthShareCents: 0,
        hoursPerMonth: 20,
        meansTested: false,
        requestedAt: '2026-11-25T10:00:00Z',
        authorizedAt: null,
        closedAt: null,
        type: { code: 'HOME_CARE', labelIt: 'Assistenza domiciliare', labelEn: 'Home care' },
        provider: { id: 'ORG-COOP', name: 'Cooperativa Il Girasole' },
        fundingSource: null,
        zone: { id: 'z2', code: '2' },
        requestedBy: { id: socialWorker.id, displayName: socialWorker.displayName },
        authorizedBy: null,
        case: { id: 'C1', members },
      },
    },
  };
}

describe('authorizing an intervention', () => {
  it('is not offered to a social worker', async () => {
    stubServer({ InterventionPage: [interventionPage('REQUESTED')] });
    renderAt('/casi/C1/interventi/I1', '/casi/:id/interventi/:interventionId', <Intervention />, socialWorker);
    await screen.findByText('Cooperativa Il Girasole');
    expect(screen.queryByRole('heading', { name: 'Autorizza o rifiuta' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Registra la decisione' })).toBeNull();
    expect(screen.getByText(/In attesa della decisione del responsabile di zona/)).toBeInTheDocument();
  });

  it('is offered to the zone manager, who authorizes with the version read', async () => {
    const server = stubServer({
      InterventionPage: [interventionPage('REQUESTED')],
      AuthorizeIntervention: [
        { data: { authorizeIntervention: { intervention: { id: 'I1', status: 'AUTHORIZED', version: 2 } } } },
      ],
    });
    const router = renderAt(
      '/casi/C1/interventi/I1',
      '/casi/:id/interventi/:interventionId',
      <Intervention />,
      zoneManager,
    );
    expect(await screen.findByRole('heading', { name: 'Autorizza o rifiuta' })).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Autorizza'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Registra la decisione' }));
    });
    expect(server.named('authorizeIntervention')[0]?.variables).toEqual({
      input: { id: 'I1', version: 1, approve: true, reason: null },
    });
    // back to the case page, which loads again
    await waitFor(() => expect(router.state.location.pathname).toBe('/casi/C1'));
  });

  it('requires a reason to refuse', async () => {
    const server = stubServer({ InterventionPage: [interventionPage('REQUESTED')] });
    renderAt('/casi/C1/interventi/I1', '/casi/:id/interventi/:interventionId', <Intervention />, zoneManager);
    fireEvent.click(await screen.findByLabelText('Rifiuta'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Registra la decisione' }));
    });
    expect(server.named('authorizeIntervention')).toHaveLength(0);
    expect(document.getElementById('authorize-reason-error')).toHaveTextContent('Scrivi perché rifiuti la richiesta.');
  });
});
