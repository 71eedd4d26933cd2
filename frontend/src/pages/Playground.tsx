import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.min.css';
import { useTranslation } from 'react-i18next';
import { GRAPHQL_ENDPOINT } from '../api/client';
import { PLAYGROUND_EXAMPLES } from './playground/examples';
import './playground/playground.css';

type Fetcher = React.ComponentProps<typeof GraphiQL>['fetcher'];

/**
 * Sends the playground's operations to the same-origin API with the operator's session cookie
 * (no token to paste): introspection and every query run with the viewer's permissions.
 */
export const sessionFetcher: Fetcher = async (params, opts) => {
  const response = await fetch(GRAPHQL_ENDPOINT, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...opts?.headers },
    body: JSON.stringify(params),
  });
  return (await response.json()) as Awaited<ReturnType<Fetcher>>;
};

/** The GraphiQL playground at /playground, loaded only when opened (it is not in the sign-in bundle). */
export default function Playground() {
  const { t } = useTranslation();
  return (
    <section className="siso-playground-page">
      <h1 className="h3">{t('playground.title')}</h1>
      <p className="text-secondary">{t('playground.intro')}</p>
      <div className="siso-playground" data-testid="playground">
        <GraphiQL
          fetcher={sessionFetcher}
          defaultTabs={PLAYGROUND_EXAMPLES.map((e) => ({ query: e.query, variables: e.variables }))}
          defaultEditorToolsVisibility="variables"
          isHeadersEditorEnabled={false}
          shouldPersistHeaders={false}
          // Tabs and history last for the browser tab only: nothing of a session stays on a shared desk.
          storage={window.sessionStorage}
        />
      </div>
    </section>
  );
}
