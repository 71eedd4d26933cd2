import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import { BarChart } from './BarChart';
import { ColumnChart } from './ColumnChart';

function renderInRouter(node: React.ReactNode) {
  const router = createMemoryRouter([{ path: '/', element: node }], { initialEntries: ['/'] });
  render(<RouterProvider router={router} />);
}

const props = {
  title: 'Accessi per zona',
  categoryLabel: 'Zona',
  valueLabel: 'Accessi',
  series: [{ key: 'accesses', label: 'Accessi', color: '#06c' }],
  data: [
    { key: '2', label: '2 – Perugino', values: [120], href: '/zone/2' },
    { key: '4', label: '4 – Assisano', values: [null], suppressed: true, href: '/zone/4' },
  ],
};

describe('charts', () => {
  it('a bar chart is an image named by its title and described, with the same data as a table', () => {
    renderInRouter(<BarChart {...props} />);
    const img = screen.getByRole('img', { name: 'Accessi per zona' });
    expect(img).toHaveAccessibleDescription(/Accessi per Zona: 2 voci, di cui 1 soppresse/);
    const table = screen.getByRole('table', { name: 'Accessi per zona', hidden: true });
    const rows = within(table).getAllByRole('row', { hidden: true });
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByRole('link', { hidden: true })).toHaveAttribute('href', '/zone/2');
    expect(rows[1]).toHaveTextContent('120');
    // the suppressed cell is listed as such, never as 0
    expect(rows[2]).toHaveTextContent('soppresso');
    expect(rows[2]).not.toHaveTextContent('0');
  });

  it('a month chart has axis labels and a table alternative too', () => {
    renderInRouter(
      <ColumnChart
        {...props}
        title="Accessi per mese"
        categoryLabel="Mese"
        data={[
          { key: '2026-01', label: '2026-01', values: [40] },
          { key: '2026-02', label: '2026-02', values: [55] },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: 'Accessi per mese' })).toBeInTheDocument();
    expect(screen.getByText('Mese', { selector: '.siso-axis-title' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Accessi per mese', hidden: true });
    expect(within(table).getByText('2026-02')).toBeInTheDocument();
    expect(within(table).getByText('55')).toBeInTheDocument();
  });
});
