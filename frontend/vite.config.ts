/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './pwa/plugin';
import { graphqlDocuments } from './vite-plugins/graphql-documents';
import { fileURLToPath } from 'node:url';

// The built SPA goes to frontend/dist (served by `siso serve` at /, assets under /assets/).
// In development /graphql is proxied to a local `siso serve`.
export default defineConfig({
  plugins: [graphqlDocuments(fileURLToPath(new URL('./src', import.meta.url))), react(), serviceWorker()],
  resolve: {
    // design-react-kit's package.json exports only `module`/`main` conditions, which Node-side
    // tools (vitest) do not use: point at its ES module build.
    alias: [
      {
        find: /^design-react-kit$/,
        replacement: fileURLToPath(new URL('./node_modules/design-react-kit/dist/index.js', import.meta.url)),
      },
    ],
  },
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    // Fonts and sprites are files under /assets/, never data: URIs or CDN links.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // its ES build uses extension-less imports: let Vite transform it instead of Node loading it
    server: { deps: { inline: ['design-react-kit'] } },
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
  },
});
