// Fails when src/gql/ is not what `npm run codegen` would generate now (schema or documents changed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/gql';
const tmp = mkdtempSync(join(tmpdir(), 'siso-codegen-'));
try {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], {
    stdio: 'inherit',
    env: { ...process.env, SISO_CODEGEN_OUT: tmp + '/' },
  });
  const files = (dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort();
  const want = files(tmp);
  const have = files(committed);
  const stale = [];
  for (const f of new Set([...want, ...have])) {
    const a = want.includes(f) ? readFileSync(join(tmp, f), 'utf8') : null;
    const b = have.includes(f) ? readFileSync(join(committed, f), 'utf8') : null;
    if (a !== b) stale.push(f);
  }
  if (stale.length > 0) {
    console.error(`src/gql is stale (${stale.join(', ')}): run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log('src/gql is up to date with the schema and the documents.');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
