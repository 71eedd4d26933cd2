// Starts the real SISO binary with its demo data for the end-to-end tests: its own embedded
// PostgreSQL in a temporary directory (or the server of SISO_TEST_DATABASE_URL, in a database of
// its own), the built SPA, a free port. Returns the base URL and a stop function.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitReady(url, child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`siso exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`siso was not ready at ${url} within ${ms} ms`);
}

export async function startServer() {
  const bin = process.env.SISO_E2E_BINARY ?? join(root, 'bin', 'siso');
  const staticDir = process.env.SISO_E2E_STATIC_DIR ?? join(root, 'frontend', 'dist');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`make build\` first`);
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`${staticDir} has no build: run \`npm run build\``);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'siso-e2e-'));
  const env = {
    ...process.env,
    SISO_ADDR: `127.0.0.1:${port}`,
    SISO_STATIC_DIR: staticDir,
    SISO_DATA_DIR: dataDir,
    SISO_MODE: 'development',
    SISO_LOG_LEVEL: 'WARN',
  };
  delete env.SISO_DATABASE_URL; // the embedded PostgreSQL, seeded with the demo data on first start
  const log = [];
  const child = spawn(bin, ['serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const s of [child.stdout, child.stderr]) s.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, 180_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${log.join('')}`, { cause: err });
  }
  return {
    url,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // drains and stops its PostgreSQL
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
