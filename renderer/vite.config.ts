import { defineConfig } from 'vite';

// The renderer is built to static files served by the Electron protocol handler or the
// loopback HTTP host; relative URLs work under both. No inline scripts (strict CSP).
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
