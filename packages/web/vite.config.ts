// Dev server: the app and the API share one origin by proxying /graphql (HTTP and graphql-ws) to the API, so the
// browser needs no CORS and the same relative URL works in dev, behind nginx, and in the browser tests.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const api = process.env.DESKGRAPH_API_ORIGIN ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [sveltekit()],
  // The build runs before every browser test run: keep its output to what matters.
  build: { rolldownOptions: { checks: { pluginTimings: false } } },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
  preview: {
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
});
