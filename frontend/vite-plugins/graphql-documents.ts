import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = 'siso-gql:';

/**
 * Each screen bundles only the GraphQL documents it uses. In the source, documents are written as
 * graphql(`…`) so that codegen can type them; at run time that function looks the text up in
 * src/gql/gql.ts, a map of every document of the app, which would put all of them into the
 * sign-in page's first download. At build time this plugin replaces each graphql(`…`) call with
 * the generated document's text (fragments included), from a small module of its own, so that a
 * document travels with the screens that use it (what the codegen's Babel plugin does). The client
 * only ever sends `document.toString()`. A call whose text is not in the generated map fails the
 * build: run `npm run codegen`.
 */
export function graphqlDocuments(srcDir: string): Plugin {
  const gqlDir = resolve(srcDir, 'gql');
  let cache: { byText: Map<string, string>; byName: Map<string, string> } | null = null;

  const load = () => {
    if (cache) return cache;
    const byText = new Map<string, string>();
    const lookup = readFileSync(resolve(gqlDir, 'gql.ts'), 'utf8');
    for (const m of lookup
      .slice(lookup.indexOf('const documents'))
      .matchAll(/^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm))
      byText.set(JSON.parse(m[1] ?? '""') as string, m[2] ?? '');
    const byName = new Map<string, string>();
    const generated = readFileSync(resolve(gqlDir, 'graphql.ts'), 'utf8');
    for (const m of generated.matchAll(/^export const (\w+) = new TypedDocumentString\(`([^`]*)`/gm))
      byName.set(m[1] ?? '', m[2] ?? '');
    cache = { byText, byName };
    return cache;
  };

  return {
    name: 'siso-graphql-documents',
    apply: 'build',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      const text = load().byName.get(name);
      if (text === undefined) this.error(`no generated document ${name}: run \`npm run codegen\``);
      return `export default ${JSON.stringify(text)};`;
    },
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.startsWith(srcDir) || file.startsWith(gqlDir) || !/\.tsx?$/.test(file) || !code.includes('graphql(`'))
        return null;
      const { byText } = load();
      const used = new Set<string>();
      const out = code.replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (_call, text: string) => {
        const name = byText.get(text);
        if (!name) this.error(`${file}: a graphql(\`…\`) document is not in src/gql: run \`npm run codegen\``);
        used.add(name);
        return `__gql_${name}`;
      });
      if (used.size === 0) return null;
      // the lookup function (and with it the map of every document) is no longer needed here
      const rest = /\bgraphql\(/.test(out)
        ? out
        : out.replace(/^import\s*\{\s*graphql\s*\}\s*from\s*['"][./]*\/gql['"];?\s*$/m, '');
      const imports = [...used].map((n) => `import __gql_${n} from ${JSON.stringify(PREFIX + n)};`).join('\n');
      return { code: `${imports}\n${rest}`, map: null };
    },
  };
}
