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
import { serveFolder } from './serveFolder'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DATA = join(ROOT, '.bench', 'data', 'corpus')
const OUT = join(ROOT, 'test-results', 'bench', 'corpus.json')
const RUNNER = fileURLToPath(new URL('./corpusRunner.js', import.meta.url))
const RUNS = Number(process.env.PROCLENS_BENCH_RUNS ?? 5)
const STEPS = ['Grasp the cup.', 'Lift the cup.', 'Place the cup on the plate.', 'Release the cup.']

/** A LeRobot v2.1 dataset's meta files (no data, no videos) with `count` episodes of `frames` frames. */
function writeIndex(name: string, count: number, frames: number, labels: boolean): string {
  const root = join(DATA, name)
  rmSync(root, { recursive: true, force: true })
  mkdirSync(join(root, 'meta'), { recursive: true })
  writeFileSync(join(root, 'meta', 'info.json'), JSON.stringify({
    codebase_version: 'v2.1', robot_type: 'bench', total_episodes: count, total_frames: count * frames, total_tasks: 1, total_videos: 0,
    total_chunks: Math.ceil(count / 1000), chunks_size: 1000, fps: 30, splits: { train: `0:${count}` },
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4',
    features: { 'observation.images.front': { dtype: 'video', shape: [480, 640, 3], names: ['height', 'width', 'channels'] }, frame_index: { dtype: 'int64', shape: [1], names: null } },
  }))
  writeFileSync(join(root, 'meta', 'tasks.jsonl'), `${JSON.stringify({ task_index: 0, task: 'put the cup on the plate' })}\n`)
  const lines: string[] = []
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ episode_index: i, tasks: ['put the cup on the plate'], length: frames }))
  writeFileSync(join(root, 'meta', 'episodes.jsonl'), `${lines.join('\n')}\n`)
  if (labels) {
    const dir = join(root, 'annotation', 'v2', 'sub_task', name)
    mkdirSync(dir, { recursive: true })
    for (let i = 0; i < count; i++) {
      // Four steps of uneven length, then the done tail: what a VLM's flattened labels look like.
      const cuts = [0, 60 + (i % 17), 140 + (i % 23), 210 + (i % 11), 270]
      const rows: string[] = []
      for (let f = 0; f < frames; f++) {
        const k = cuts.findIndex((c, j) => f >= c && (j === cuts.length - 1 || f < cuts[j + 1]!))
        rows.push(JSON.stringify({ frame_id: f, task: 'put the cup on the plate', sub_task: k === 4 ? 'done' : STEPS[k] }))
      }
      writeFileSync(join(dir, `episode_${String(i).padStart(6, '0')}.sub_task.jsonl`), `${rows.join('\n')}\n`)
    }
  }
  return root
}

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
