// The JavaScript the sign-in page loads before it can be used: the entry script of dist/index.html
// and the chunks it preloads, with their gzip sizes. `npm run size` after `npm run build`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
  (m) => m[1],
);
let raw = 0;
let gz = 0;
for (const f of files) {
  const body = readFileSync(join(dist, f));
  const g = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gz += g;
  console.log(`${f}\t${(body.length / 1024).toFixed(1)} kB\t${(g / 1024).toFixed(1)} kB gzip`);
}
console.log(
  `sign-in initial JS: ${files.length} files, ${(raw / 1024).toFixed(1)} kB, ${(gz / 1024).toFixed(1)} kB gzip`,
);
