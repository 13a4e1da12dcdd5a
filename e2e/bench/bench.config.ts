import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import base from '../playwright.config'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
/** Its own port, so a benchmark never collides with an end-to-end run on 4173. */
export const BENCH_PORT = Number(process.env.PROCLENS_BENCH_PORT ?? 4183)

// `npm run bench` (.ci/bench.js) runs this; the test suite never does (`*.bench.ts` is not a spec name).
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench',
  timeout: 600_000,
  retries: 0,
  use: { ...base.use, baseURL: `http://127.0.0.1:${BENCH_PORT}` },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${BENCH_PORT} --strictPort`,
    cwd: repoRoot,
    url: `http://127.0.0.1:${BENCH_PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
})
