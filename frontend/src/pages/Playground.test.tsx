import { render, screen } from '@testing-library/react';
import { buildSchema, introspectionFromSchema, parse, validate } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Suspense } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { Playground, routes } from '../App';
import { Loading } from '../components/Status';
import { PLAYGROUND_EXAMPLES } from './playground/examples';

// GraphiQL's CodeMirror editors need layout APIs that jsdom lacks: here it is a stand-in that
// introspects through the page's fetcher, as GraphiQL does on mount. The real one is exercised
// in Chromium by the end-to-end test.
vi.mock('graphiql', () => ({
  GraphiQL: ({ fetcher, defaultTabs }: { fetcher: (p: unknown) => unknown; defaultTabs: { query: string }[] }) => {
    void fetcher({ query: '{ __schema { queryType { name } } }', operationName: null });
    return (
      <div className="graphiql-container">
        {defaultTabs.map((tab, i) => (
          <pre key={i}>{tab.query}</pre>
        ))}
      </div>
    );
  },
}));

const schemaDir = join(__dirname, '../../../graph/schema');
const schema = buildSchema(
  readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphqls'))
    .sort()
    .map((f) => readFileSync(join(schemaDir, f), 'utf8'))
    .join('\n'),
);

describe('playground examples', () => {
  it('are valid operations of the schema', () => {
    expect(PLAYGROUND_EXAMPLES.length).toBeGreaterThanOrEqual(4);
    for (const example of PLAYGROUND_EXAMPLES) {
      const errors = validate(schema, parse(example.query)).map((e) => e.message);
      expect(errors).toEqual([]);
      if (example.variables) expect(() => JSON.parse(example.variables ?? '') as unknown).not.toThrow();
    }
  });
});

describe('playground route', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response(JSON.stringify({ data: introspectionFromSchema(schema) }), { status: 200 })),
      ),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is in the route table', () => {
    const paths = routes.flatMap((r) => r.children.map((c) => c.path));
    expect(paths).toContain('/playground');
  });

  it('is loaded lazily, then shows GraphiQL with the examples, fetching with the session cookie', async () => {
    const router = createMemoryRouter(
      [
        {
          path: '/playground',
          element: (
            <Suspense fallback={<Loading />}>
              <Playground />
            </Suspense>
          ),
        },
      ],
      { initialEntries: ['/playground'] },
    );
    render(<RouterProvider router={router} />);
    expect(screen.getByRole('status')).toBeInTheDocument();
    const container = await screen.findByTestId('playground', {}, { timeout: 10000 });
    expect(container.querySelector('.graphiql-container')).not.toBeNull();
    expect(container.textContent).toContain('query ReferralsQueue');
    expect(screen.getByRole('heading', { name: 'Playground GraphQL' })).toBeInTheDocument();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    const [url, init] = vi.mocked(fetch).mock.calls[0] ?? [];
    expect(url).toBe('/graphql');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(init?.body))).toMatchObject({ query: expect.stringContaining('__schema') as unknown });
  }, 20000);
});
