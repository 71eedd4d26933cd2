import { render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ViewerProvider } from '../../api/viewer';
import '../../i18n';
import Monitoring from './Monitoring';
import { testViewer } from './testViewer';

const zone = (code: string, name: string) => ({ id: `Z${code}`, code, name });

// The server has answered suppressed cells with 0 rather than null (overlaps): the page must
// not trust the number of a suppressed cell.
const statistics = {
  suppressionThreshold: 5,
  cells: [
    {
      zone: zone('2', 'Perugino'),
      userArea: null,
      month: null,
      people: 812,
      accesses: 1500,
      cases: 300,
      interventions: 250,
      amountCents: 1234500,
      suppressed: false,
    },
    {
      zone: zone('3', 'Assisano'),
      userArea: null,
      month: null,
      people: 0,
      accesses: null,
      cases: null,
      interventions: null,
      amountCents: null,
      suppressed: true,
    },
  ],
  totals: { people: 815, accesses: 1503, cases: 301, interventions: 251, amountCents: 1240000, suppressed: false },
};

// Cases under way in the period bring the month they were opened, years before it.
const monthCell = (month: string, cases: number) => ({
  zone: null,
  userArea: null,
  month,
  people: 40,
  accesses: month >= '2026' ? 60 : null,
  cases,
  interventions: 3,
  amountCents: 100,
  suppressed: false,
});
const byMonth = {
  suppressionThreshold: 5,
  cells: [monthCell('2021-03', 7), monthCell('2026-02', 11), monthCell('2026-05', 13)],
  totals: statistics.totals,
};

let fetchMock: ReturnType<typeof vi.fn>;
const bodies: { query: string; variables: Record<string, unknown> }[] = [];

beforeEach(() => {
  bodies.length = 0;
  fetchMock = vi.fn((_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
    bodies.push(body);
    let data: unknown = {};
    if (body.query.includes('query MonitoringStatistics'))
      data = { statistics: (body.variables.groupBy as string[]).includes('MONTH') ? byMonth : statistics };
    if (body.query.includes('query MonitoringOptions')) data = { zones: [], codeLists: { userAreas: [] } };
    return Promise.resolve(new Response(JSON.stringify({ data }), { status: 200 }));
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => vi.unstubAllGlobals());

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '/monitoraggio', element: <Monitoring /> }], { initialEntries: [url] });
  render(
    <ViewerProvider initial={testViewer(['ANALYST'])}>
      <RouterProvider router={router} />
    </ViewerProvider>,
  );
}

describe('monitoring dashboard', () => {
  it('shows a suppressed statistics cell as suppressed, not as 0, and links zones to their pages', async () => {
    renderAt('/monitoraggio?zona=2&dal=2026-01-01&al=2026-06-30');
    const table = await screen.findByRole('table', { name: 'Statistiche per zona' });
    const row = within(table).getByRole('link', { name: '3 – Assisano' }).closest('tr') as HTMLElement;
    expect(within(row).getAllByText('soppresso')).toHaveLength(5);
    expect(row).not.toHaveTextContent(/\b0\b/);
    expect(within(table).getByRole('link', { name: '2 – Perugino' })).toHaveAttribute('href', '/zone/2');
  });

  it('draws the months of the period only, not those of cases opened years before', async () => {
    renderAt('/monitoraggio?dal=2026-01-01&al=2026-06-30&misura=cases');
    await screen.findAllByText('2026-05');
    expect(screen.getAllByText('2026-02').length).toBeGreaterThan(0);
    expect(screen.queryByText('2021-03')).toBeNull();
  });

  it('takes its filters from the URL', async () => {
    renderAt('/monitoraggio?zona=2&dal=2026-01-01&al=2026-06-30');
    await waitFor(() => expect(bodies.some((b) => b.query.includes('query MonitoringStatistics'))).toBe(true));
    const stats = bodies.find((b) => b.query.includes('query MonitoringStatistics'));
    expect(stats?.variables.filter).toEqual({ zoneCode: '2', from: '2026-01-01', to: '2026-06-30' });
    const coverage = bodies.find((b) => b.query.includes('query MonitoringCoverage'));
    expect(coverage?.variables).toEqual({ filter: { zoneCode: '2', from: '2026-01-01', to: '2026-06-30' }, days: 30 });
    expect(screen.getByLabelText('Dal')).toHaveValue('2026-01-01');
  });
});
