import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Writes /sw.js into the build: pwa/service-worker.js with the list of the built files to store at
 * install time and a version that changes whenever any of them does (so a new build replaces the
 * old shell). The GraphiQL playground is left out of the install (it is large and needs the
 * network anyway); it is cached when first opened.
 */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'siso-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = ['/'];
      // public/ (manifest, icons) is copied as is, outside the bundle
      if (publicDir)
        for (const file of walk(publicDir).sort()) {
          files.push('/' + relative(publicDir, file).split(sep).join('/'));
          hash.update(readFileSync(file));
        }
      // Everything the app can load from its entry, except the playground's chain (large, and
      // useless without a network): the screens, their chunks, their styles and the fonts.
      const skip = /playground|graphiql/i;
      const wanted = new Set<string>();
      const visit = (fileName: string) => {
        const item = bundle[fileName];
        if (!item || wanted.has(fileName)) return;
        if (item.type === 'chunk' && !item.isEntry && skip.test(item.name)) return;
        wanted.add(fileName);
        if (item.type !== 'chunk') return;
        for (const css of item.viteMetadata?.importedCss ?? []) wanted.add(css);
        for (const asset of item.viteMetadata?.importedAssets ?? []) wanted.add(asset);
        [...item.imports, ...item.dynamicImports].forEach(visit);
      };
      for (const [fileName, item] of Object.entries(bundle)) if (item.type === 'chunk' && item.isEntry) visit(fileName);
      for (const fileName of Object.keys(bundle)) if (fileName.endsWith('.woff2')) wanted.add(fileName);
      for (const [fileName, item] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName === 'index.html' && item.type === 'asset') hash.update(String(item.source));
        if (!wanted.has(fileName)) continue;
        hash.update(fileName);
        files.push(`/${fileName}`);
      }
      const source = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8')
        .replace("'__SISO_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace('__SISO_PRECACHE__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
