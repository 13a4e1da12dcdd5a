/**
 * Corpus-scale figures (issue 13): exporting 1,000 generated episodes of 300 frames (throughput and peak memory,
 * against copying the same annotation files, in the same run), and opening a 100,000-episode index in the app
 * (to the list's first rows, against a 7-episode index served the same way). Five runs each, alternating.
 * Writes test-results/bench/corpus.json; .ci/bench.js prints it and can copy it into docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { DATA, writeIndex } from './corpusData'
import { serveFolder } from './serveFolder'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT = join(ROOT, 'test-results', 'bench', 'corpus.json')
const RUNNER = fileURLToPath(new URL('./corpusRunner.js', import.meta.url))
const RUNS = Number(process.env.PROCLENS_BENCH_RUNS ?? 5)

function runner(...args: string[]): { ms: number; maxRssMiB: number } {
  const out = execFileSync(process.execPath, [RUNNER, ...args], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n')
  return JSON.parse(out[out.length - 1]!) as { ms: number; maxRssMiB: number }
}

const results: Record<string, unknown> = {}
test.describe.configure({ mode: 'serial' })
test.afterAll(() => {
  mkdirSync(join(ROOT, 'test-results', 'bench'), { recursive: true })
  writeFileSync(OUT, `${JSON.stringify({ runs: RUNS, ...results }, null, 2)}\n`)
})

test('export 1,000 episodes of 300 frames: throughput and peak memory against copying the files', () => {
  const dataset = writeIndex('corpus-1000', 1000, 300, true)
  const runs: { export: { ms: number; maxRssMiB: number }; copy: { ms: number; maxRssMiB: number } }[] = []
  const idle = runner('idle')
  for (let r = 0; r < RUNS; r++) {
    const a = mkdtempSync(join(tmpdir(), 'proclens-bench-export-'))
    const b = mkdtempSync(join(tmpdir(), 'proclens-bench-copy-'))
    try {
      // Alternate which goes first, so a warm disk cache favours neither.
      const pair = r % 2 === 0
        ? { export: runner('export', dataset, a), copy: runner('copy', dataset, b) }
        : { copy: runner('copy', dataset, b), export: runner('export', dataset, a) }
      runs.push(pair)
    } finally {
      rmSync(a, { recursive: true, force: true })
      rmSync(b, { recursive: true, force: true })
    }
  }
  results.export = { episodes: 1000, frames: 300, idleRssMiB: idle.maxRssMiB, runs }
  expect(runs).toHaveLength(RUNS)
})

async function openIndex(page: Page, name: string, count: string): Promise<number> {
  await serveFolder(page, 'bench-corpus', DATA)
  await page.goto('/')
  await expect(page.getByTestId('episode-count')).toContainText('episodes')
  const field = page.getByLabel('Dataset URL')
  await field.fill(`/bench-corpus/${name}/`)
  const t0 = await page.evaluate(() => performance.now())
  await page.getByRole('button', { name: 'Open URL' }).click()
  await page.waitForFunction((c) => document.querySelector('[data-testid="episode-count"]')?.textContent?.startsWith(`${c} episodes`) === true
    && document.querySelector('[role="listbox"] [role="option"]') !== null, count, { timeout: 120_000 })
  return (await page.evaluate(() => performance.now())) - t0
}

test('open a 100,000-episode index: to the first rows, against a 7-episode index', async ({ browser }) => {
  writeIndex('index-100k', 100_000, 300, false)
  writeIndex('index-7', 7, 300, false)
  const runs: { big: number; small: number }[] = []
  for (let r = 0; r < RUNS; r++) {
    const run = async (name: string, count: string) => {
      const context = await browser.newContext()
      const page = await context.newPage()
      try {
        return await openIndex(page, name, count)
      } finally {
        await context.close()
      }
    }
    const pair = r % 2 === 0
      ? { big: await run('index-100k', '100,000'), small: await run('index-7', '7') }
      : { small: await run('index-7', '7'), big: await run('index-100k', '100,000') }
    runs.push(pair)
  }
  results.index = { episodes: 100_000, runs }
  expect(runs).toHaveLength(RUNS)
})
