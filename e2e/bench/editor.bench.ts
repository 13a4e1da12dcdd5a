/**
 * `npm run bench` (third part): the timeline editor in the built app. Measures; asserts nothing about time.
 *
 * 1. Boundary drag on a generated 20,000-frame episode with 200 segments and 4 progress curves: pointermoves of
 *    one frame's width on a boundary handle, each timed from its dispatch (inside an animation frame callback)
 *    to the end of the frame that shows it on the segment track, the budget bar and the progress chart, and to
 *    the next rAF (editorInPage.js, the method of regionsInPage.js). Baseline in the same page: the same drag
 *    with every curve hidden in the chart's legend; and an empty update (the loop's floor). Then the commit:
 *    pointerup → painted, and → autosaved. Whole episode in view, then zoomed to 1,250 frames. 5 runs, each on a
 *    fresh page, alternating which variant goes first.
 * 2. Stepping frames on the demo (episodes 0 and 6) with the editor open and hidden (`e`): key press → the right
 *    frame painted on every camera (inPage.js: armStep/awaitStep, as player.bench.ts), and → the end of the
 *    frame rendered after the key (the editor's own re-render included).
 * 3. The visual-change worker's pHash throughput at 640×480 (testsrc2, H.264 and AV1, `-g 2`), from opening the
 *    episode on an empty IndexedDB until the `hashing` note goes; baseline: decoding the same samples with
 *    WebCodecs in a worker in the same page, in the same chunks (and decode + canvas readback).
 * 4. The initial JS bundle: gzip size of dist/app/index.html's entry chunk and the chunks it loads lazily.
 *
 * Writes test-results/bench/editor.json; .ci/bench.js prints it and can copy it into docs/benchmarks.md.
 */
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { expect, test } from '@playwright/test'
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test'
import { stepShares } from '../../src/core/budgets'
import { importVlmProposal } from '../../src/core/formats/proposalToDoc'
import { createNodeFileStore } from '../../src/cli/nodeFileStore'
import { readMp4Index } from '../../src/data/media/mp4Index'
import { openDataset } from '../../src/data/openDataset'
import type { PageGlobals } from './harness'
import { injectHarness, openEpisode, range, stampOf } from './harness'
import type { EditorDataset, PhashCodec } from './editorData'
import { BENCH_DATA, makeEditorDataset, makePhashDataset } from './editorData'
import { serveFolder } from './serveFolder'

const IN_PAGE = fileURLToPath(new URL('./editorInPage.js', import.meta.url))
const FRAME_LOOP = fileURLToPath(new URL('./frameLoop.js', import.meta.url))
const OUT = fileURLToPath(new URL('../../test-results/bench/editor.json', import.meta.url))
const DIST = fileURLToPath(new URL('../../dist/app/', import.meta.url))

// Part 1.
const RUNS = 5
/** The boundary dragged: between segment 99 and segment 100 (0-based), near the middle of the episode. */
const BOUNDARY = 99
const STEPS = 240
const AMPLITUDE = 60
/** Zoomed in, fewer moves (half the amplitude), to keep the whole benchmark short. */
const ZOOMED_STEPS = 120
const ZOOMED_AMPLITUDE = 30
const IDLE_STEPS = 60
/** Where each drag leaves the boundary, from where it started: a change, so that the pointerup commits and saves. */
const FINAL_OFFSET = 7
/** `z` presses (each halves the window around its middle): 20,000 → 1,250 frames. */
const ZOOM_PRESSES = 4
// Part 2.
const STEP_CASES = [
  { episode: 0, name: 'episode 0 (340 frames; AV1 + H.264, GOP 2)', forward: range(101, 251), openFirst: true },
  { episode: 6, name: 'episode 6 (5,065 frames; long)', forward: range(2001, 2151), openFirst: false },
]
// Part 3.
const PHASH_RUNS = 3
const PHASH_FRAMES = 600
const CHUNK_SAMPLES = 120 // computeVisualChange.ts's chunk size
// Part 4.
const BUDGET_GZIP = 250_000

type View = 'whole' | 'zoomed'
type Variant = 'shown' | 'hidden'
const METRICS = ['script', 'work', 'frame', 'frame2'] as const
type Metric = (typeof METRICS)[number]
type Series = Record<Metric, number[]>

interface Geometry {
  frame: number; ppf: number; x: number; y: number; width: number
  segmentsInDom: number; handlesInDom: number; chartMarkers: number; chartPaths: number; budgetCells: number
}
interface DragEnd { upScriptMs: number; upWorkMs: number; upFrameMs: number; savingMs: number; savedMs: number }
interface DragResult extends Series {
  wrong: number; lateChanges: number; budgetWrong: number; markerMissing: number; pathsChanged: number
  firstWrong?: { step: number; frame: number; problems: string[] }
  base: number; expectedFinal: number; finalFrame: number; saveStateBefore: string; saveStateAfter: string
  end: DragEnd; geometry: Geometry
}
interface Armed { task: number; raf: number; render: number; work: number; frame: number }
interface HashWatch { seen: { at: number; done: number; total: number }[]; editorAt: number; appearedAt: number; goneAt: number; waveformAt: number }
interface DecodeResult { ms: number; frames: number; checksum: number; error?: string }
interface EditorBench {
  setCurves(shown: boolean): Promise<{ curves: number; shown: number; paths: number }>
  geometry(k: number): Geometry
  segmentIds(): string[]
  idle(o: { n: number }): Promise<Series>
  drag(o: { k: number; n: number; amplitude: number; finalOffset: number; ids: string[]; budgets: Record<number, [string, string]> }): Promise<DragResult>
  armFrame(): void
  awaitFrame(): Promise<Armed>
  watchHashing(): void
  hashing(): HashWatch
  stopWatching(): void
  decodeBaseline(o: { url: string; config: { codec: string; codedWidth: number; codedHeight: number; description?: number[] }; samples: { offset: number; size: number; key: boolean }[]; chunkSamples: number; readback: boolean }): Promise<DecodeResult>
}
type Globals = PageGlobals & { __plEditorBench: EditorBench }

// ---------------------------------------------------------------- statistics

interface Stats { n: number; p50: number; p95: number; max: number; mean: number }
function stats(values: readonly number[]): Stats {
  const s = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) }
}
interface Pooled extends Stats { p50Range: [number, number]; p95Range: [number, number]; maxRange: [number, number] }
/** All runs' samples together, and the lowest–highest of the runs' own p50, p95 and max (the spread). */
function pooled(values: number[][]): Pooled {
  const per = values.map(stats)
  const spread = (f: (s: Stats) => number): [number, number] => [Math.min(...per.map(f)), Math.max(...per.map(f))]
  return { ...stats(values.flat()), p50Range: spread((s) => s.p50), p95Range: spread((s) => s.p95), maxRange: spread((s) => s.max) }
}
interface Spread { min: number; median: number; max: number; n: number }
function spreadOf(values: number[]): Spread {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  return { min: s[0] ?? NaN, median: s[Math.floor(s.length / 2)] ?? NaN, max: s.at(-1) ?? NaN, n: s.length }
}
const round2 = (v: number) => Math.round(v * 100) / 100
const pick = (series: Series): Series => Object.fromEntries(METRICS.map((m) => [m, series[m].map(round2)])) as Series

// ---------------------------------------------------------------- results

interface DragRun {
  run: number
  order: Variant[]
  loadAverage: { before: number[]; after: number[] }
  openMs: number
  views: Record<View, {
    geometry: Geometry
    idle: Series
    drags: Record<Variant, Omit<DragResult, Metric> & { samples: Series }>
  }>
}
const dragRuns: DragRun[] = []
let dataset: (EditorDataset & { segmentsImported: number; importProblems: string[]; curves: string[]; availability: string; episodeLength: number; episodeProblems: string[] }) | undefined
const stepResults: unknown[] = []
const phashResults: unknown[] = []
let bundle: unknown
let browserVersion = ''

function dragSummary() {
  if (dragRuns.length === 0) return undefined
  const series: Record<string, Pooled> = {}
  for (const view of ['whole', 'zoomed'] as const) {
    for (const m of METRICS) {
      for (const v of ['shown', 'hidden'] as const) series[`${view}/${v}/${m}`] = pooled(dragRuns.map((r) => r.views[view].drags[v].samples[m]))
      series[`${view}/idle/${m}`] = pooled(dragRuns.map((r) => r.views[view].idle[m]))
    }
  }
  const commit: Record<string, Record<keyof DragEnd, Spread>> = {}
  const checks: Record<string, Record<string, number>> = {}
  for (const view of ['whole', 'zoomed'] as const) {
    for (const v of ['shown', 'hidden'] as const) {
      const ds = dragRuns.map((r) => r.views[view].drags[v])
      commit[`${view}/${v}`] = Object.fromEntries((['upScriptMs', 'upWorkMs', 'upFrameMs', 'savingMs', 'savedMs'] as const)
        .map((k) => [k, spreadOf(ds.map((d) => d.end[k]))])) as Record<keyof DragEnd, Spread>
      const sum = (f: (d: (typeof ds)[number]) => number) => ds.reduce((a, d) => a + f(d), 0)
      checks[`${view}/${v}`] = {
        updates: sum((d) => d.samples.work.length), wrong: sum((d) => d.wrong), lateChanges: sum((d) => d.lateChanges),
        budgetWrong: sum((d) => d.budgetWrong), markerMissing: sum((d) => d.markerMissing), pathsChanged: sum((d) => d.pathsChanged),
        finalWrong: sum((d) => (d.finalFrame === d.expectedFinal ? 0 : 1)), notSaved: sum((d) => (d.saveStateAfter === 'saved' ? 0 : 1)),
      }
    }
  }
  const first = dragRuns[0]!
  const loads = dragRuns.flatMap((r) => [r.loadAverage.before[0] ?? NaN, r.loadAverage.after[0] ?? NaN])
  return {
    series, commit, checks,
    geometry: { whole: first.views.whole.geometry, zoomed: first.views.zoomed.geometry },
    openMs: spreadOf(dragRuns.map((r) => r.openMs)),
    loadAverage1m: { min: Math.min(...loads), max: Math.max(...loads) },
  }
}

test.afterAll(() => {
  mkdirSync(dirname(OUT), { recursive: true })
  const results = {
    setup: {
      date: new Date().toISOString(), browser: browserVersion, cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map(round2),
      drag: {
        frames: dataset?.frames, fps: dataset?.fps, segments: dataset?.segmentsImported, curves: dataset?.curves, samples: dataset?.samples,
        boundary: BOUNDARY, boundaryFrame: dataset?.bounds[BOUNDARY + 1], steps: STEPS, amplitude: AMPLITUDE, zoomedSteps: ZOOMED_STEPS, zoomedAmplitude: ZOOMED_AMPLITUDE, idleSteps: IDLE_STEPS, runs: RUNS,
        finalOffset: FINAL_OFFSET, zoomPresses: ZOOM_PRESSES, importProblems: dataset?.importProblems,
        availability: dataset?.availability, episodeLength: dataset?.episodeLength, episodeProblems: dataset?.episodeProblems,
      },
      phash: { frames: PHASH_FRAMES, runs: PHASH_RUNS, chunkSamples: CHUNK_SAMPLES },
      bundleBudgetGzip: BUDGET_GZIP,
    },
    drag: dragSummary(),
    steps: stepResults,
    phash: phashResults,
    bundle,
    runs: dragRuns,
  }
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`)
})

// ---------------------------------------------------------------- part 1: boundary drag

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/**
 * The generated episode as the app imports it (the core's importer), and the two budget cells beside the
 * boundary for every frame the drag visits, computed with the core's `stepShares`, as BudgetBar shows them.
 */
async function prepareDataset(): Promise<{ budgets: Record<number, [string, string]> }> {
  const d = makeEditorDataset()
  // What the reader makes of it (the same code the app runs): no data file and no video.
  const episode = await (await openDataset(createNodeFileStore(d.root))).loadEpisode(0)
  const text = readFileSync(join(d.root, `annotation/sub_task_jsonl/${d.name}/episode_000000.sub_task.jsonl`), 'utf8')
  const imported = importVlmProposal(text, { frameCount: d.frames, fps: d.fps, dataset: d.name, episode: 'episode_000000' })
  const doc = imported.doc
  if (doc === undefined) throw new Error(`the generated proposal did not import: ${imported.problems.map((p) => p.message).join('; ')}`)
  expect(doc.segments.map((s) => s.start).concat(d.frames)).toEqual(d.bounds)
  dataset = {
    ...d, segmentsImported: doc.segments.length, importProblems: imported.problems.map((p) => p.kind), curves: [],
    availability: episode.availability, episodeLength: episode.length, episodeProblems: episode.problems.map((p) => `${p.kind}: ${p.message}`),
  }
  const budgets: Record<number, [string, string]> = {}
  const k = BOUNDARY
  const base = d.bounds[k + 1]!
  // Every run starts where the previous drag of its page left the boundary (FINAL_OFFSET further each time).
  for (let f = base - AMPLITUDE - 1; f <= base + 4 * FINAL_OFFSET + AMPLITUDE + 1; f++) {
    const segments = doc.segments.map((s, i) => (i === k ? { ...s, end: f } : i === k + 1 ? { ...s, start: f } : s))
    const shares = stepShares({ segments })
    budgets[f] = [pct(shares.get(segments[k]!.id) ?? 0), pct(shares.get(segments[k + 1]!.id) ?? 0)]
  }
  return { budgets }
}

let prepared: { budgets: Record<number, [string, string]> } | undefined

async function openGenerated(page: Page): Promise<number> {
  await page.addInitScript({ path: FRAME_LOOP })
  await page.addInitScript({ path: IN_PAGE })
  await serveFolder(page, 'bench-data', BENCH_DATA)
  const t0 = Date.now()
  await page.goto(`/?dataset=${encodeURIComponent(`/bench-data/${dataset!.name}/`)}&episode=0`)
  await page.waitForFunction((k) => document.querySelector(`[data-testid="segment-track"] [data-boundary="${k}"]`) !== null
    && document.querySelectorAll('[data-testid="progress-chart"] path').length >= 4
    && document.querySelectorAll('[data-budget]').length > 0, BOUNDARY, { timeout: 60_000 })
  const openMs = Date.now() - t0
  // Let the opening settle (lazy chunks, the list's background scan, the first save state).
  await page.waitForTimeout(500)
  return openMs
}

async function measureView(page: Page, order: Variant[], ids: string[], n: number, amplitude: number) {
  const geometry = await page.evaluate((k) => (globalThis as unknown as Globals).__plEditorBench.geometry(k), BOUNDARY)
  const idle = await page.evaluate((n) => (globalThis as unknown as Globals).__plEditorBench.idle({ n }), IDLE_STEPS)
  for (const m of METRICS) expect(idle[m]).toHaveLength(IDLE_STEPS)
  const drags = {} as Record<Variant, Omit<DragResult, Metric> & { samples: Series }>
  for (const variant of order) {
    const curves = await page.evaluate((shown) => (globalThis as unknown as Globals).__plEditorBench.setCurves(shown), variant === 'shown')
    expect(curves.shown).toBe(variant === 'shown' ? curves.curves : 0)
    const r = await page.evaluate((o) => (globalThis as unknown as Globals).__plEditorBench.drag(o),
      { k: BOUNDARY, n, amplitude, finalOffset: FINAL_OFFSET, ids, budgets: prepared!.budgets })
    for (const m of METRICS) expect(r[m]).toHaveLength(n)
    const { script, work, frame, frame2, ...rest } = r
    drags[variant] = { ...rest, samples: pick({ script, work, frame, frame2 }) }
  }
  await page.evaluate(() => (globalThis as unknown as Globals).__plEditorBench.setCurves(true))
  return { geometry, idle: pick(idle), drags }
}

for (let run = 1; run <= RUNS; run++) {
  test(`editor drag: run ${run}`, async ({ page, browser }) => {
    browserVersion = browser.version()
    prepared ??= await prepareDataset()
    const before = os.loadavg()
    const openMs = await openGenerated(page)
    if (run === 1) dataset!.curves = await page.$$eval('[role="group"][aria-label="Curves"] button', (bs) => bs.map((b) => b.textContent ?? ''))
    const ids = await page.evaluate(() => (globalThis as unknown as Globals).__plEditorBench.segmentIds())
    expect(ids).toHaveLength(dataset!.segmentsImported)
    const order: Variant[] = run % 2 === 1 ? ['shown', 'hidden'] : ['hidden', 'shown']
    const whole = await measureView(page, order, ids, STEPS, AMPLITUDE)
    // Zoom in with the keyboard (`z`, around the middle of the window), as a person would.
    await page.locator('body').focus()
    for (let i = 0; i < ZOOM_PRESSES; i++) await page.keyboard.press('z')
    await page.waitForTimeout(300)
    const zoomed = await measureView(page, order, ids, ZOOMED_STEPS, ZOOMED_AMPLITUDE)
    dragRuns.push({ run, order, loadAverage: { before, after: os.loadavg() }, openMs, views: { whole, zoomed } })
  })
}

// ---------------------------------------------------------------- part 2: stepping, editor open vs hidden

async function editorSettled(page: Page): Promise<void> {
  // Open: the timeline and chart drawn, and the visual change hashed (its worker would compete for the CPU).
  await page.waitForFunction(() => document.querySelector('[data-testid="editor-timeline"]') !== null
    && document.querySelectorAll('[data-testid="progress-chart"] path').length > 0
    && document.querySelector('[data-testid="hashing"]') === null
    && (document.querySelector('[data-testid="waveform"]')?.childElementCount ?? 0) > 0, undefined, { timeout: 120_000, polling: 100 })
  await page.waitForTimeout(300)
}

async function setEditor(page: Page, open: boolean): Promise<void> {
  // The view preference (the header's toggle says it), not the DOM: the editor's chunk may still be loading.
  const toggle = page.locator('button[title^="Show or hide the timeline"]')
  if ((await toggle.getAttribute('aria-pressed')) !== String(open)) await page.keyboard.press('e')
  await expect(toggle).toHaveAttribute('aria-pressed', String(open))
  if (open) await editorSettled(page)
  else await page.waitForFunction(() => document.querySelector('[data-testid="editor-timeline"]') === null && document.querySelector('[data-testid="inspector"]') === null)
  await page.waitForTimeout(300)
}

const STEP_METRICS = ['paint', 'task', 'raf', 'render', 'work', 'frame'] as const
type StepMetric = (typeof STEP_METRICS)[number]

/** Steps through `frames` with `key`; every step's frame is checked on every camera with the frame stamp. */
async function steps(page: Page, key: 'ArrowRight' | 'ArrowLeft', frames: number[]) {
  const samples = Object.fromEntries(STEP_METRICS.map((m) => [m, [] as number[]])) as Record<StepMetric, number[]>
  let wrong = 0
  for (const f of frames) {
    await page.evaluate((k) => {
      const g = globalThis as unknown as Globals
      g.__plHarness.armStep(k)
      g.__plEditorBench.armFrame()
    }, f)
    await page.keyboard.press(key)
    const r = await page.evaluate(async () => {
      const g = globalThis as unknown as Globals
      const step = await g.__plHarness.awaitStep()
      const armed = await g.__plEditorBench.awaitFrame()
      return { ...step, armed }
    })
    samples.paint.push(r.ms)
    for (const m of STEP_METRICS) if (m !== 'paint') samples[m].push(r.armed[m])
    for (const c of r.cameras) if (c.dataFrame !== String(f) || stampOf(c.band) !== f) wrong++
  }
  return {
    n: frames.length, wrong,
    ...Object.fromEntries(STEP_METRICS.map((m) => [m, stats(samples[m])])) as Record<StepMetric, Stats>,
    samples: Object.fromEntries(STEP_METRICS.map((m) => [m, samples[m].map(round2)])) as Record<StepMetric, number[]>,
  }
}

for (const c of STEP_CASES) {
  test(`editor stepping: ${c.name}`, async ({ page, browser }) => {
    browserVersion = browser.version()
    const before = os.loadavg()
    await page.addInitScript({ path: FRAME_LOOP })
  await page.addInitScript({ path: IN_PAGE })
    await injectHarness(page)
    await openEpisode(page, c.episode, c.forward[0]! - 1)
    const backward = [...c.forward].reverse().map((f) => f - 1)
    const conditions = c.openFirst ? [true, false] : [false, true]
    const result: Record<string, unknown> = { episode: c.episode, name: c.name, order: conditions.map((o) => (o ? 'open' : 'hidden')) }
    for (const open of conditions) {
      await setEditor(page, open)
      const cameras = await page.evaluate(() => document.querySelectorAll('canvas[data-camera]').length)
      await page.evaluate((k) => (globalThis as unknown as Globals).__plHarness.waitPainted(k), c.forward[0]! - 1)
      const forward = await steps(page, 'ArrowRight', c.forward)
      const back = await steps(page, 'ArrowLeft', backward)
      result[open ? 'open' : 'hidden'] = { cameras, forward, backward: back, editorShown: await page.evaluate(() => document.querySelector('[data-testid="editor-timeline"]') !== null) }
    }
    result.loadAverage = { before, after: os.loadavg() }
    stepResults.push(result)
  })
}

// ---------------------------------------------------------------- part 3: the visual-change worker's pHash throughput

async function freshContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const { baseURL, viewport } = testInfo.project.use
  // bypassCSP: the decode-only baseline runs in a blob: worker, which the app's Content Security Policy forbids
  // (worker-src 'self'); the app's own workers are files and do not need it.
  return browser.newContext({ bypassCSP: true, ...(baseURL !== undefined ? { baseURL } : {}), ...(viewport !== undefined && viewport !== null ? { viewport } : {}) })
}

for (const codec of ['h264', 'av1'] as PhashCodec[]) {
  test(`editor visual change: pHash throughput, ${codec}`, async ({ browser }, testInfo) => {
    browserVersion = browser.version()
    const d = makePhashDataset(codec, { frames: PHASH_FRAMES })
    const index = await readMp4Index(createNodeFileStore(d.root), `videos/chunk-000/observation.images.front/episode_000000.mp4`)
    expect(index.frameCount).toBe(d.frames)
    const config = {
      codec: index.codecString, codedWidth: index.width, codedHeight: index.height,
      ...(index.decoderDescription !== undefined ? { description: [...index.decoderDescription] } : {}),
    }
    const samples = index.samples.map((s) => ({ offset: s.offset, size: s.size, key: s.isSync }))
    const url = `/bench-data/${d.name}/videos/chunk-000/observation.images.front/episode_000000.mp4`
    const runs: unknown[] = []
    for (let run = 1; run <= PHASH_RUNS; run++) {
      const before = os.loadavg()
      // A fresh context: an empty IndexedDB, so nothing is cached.
      const context = await freshContext(browser, testInfo)
      try {
        const page = await context.newPage()
        await page.addInitScript({ path: FRAME_LOOP })
  await page.addInitScript({ path: IN_PAGE })
        await page.addInitScript(() => (globalThis as unknown as Globals).__plEditorBench.watchHashing())
        await serveFolder(page, 'bench-data', BENCH_DATA)
        await page.goto(`/?dataset=${encodeURIComponent(`/bench-data/${d.name}/`)}&episode=0`)
        await page.waitForFunction(() => {
          const w = (globalThis as unknown as Globals).__plEditorBench.hashing()
          return !Number.isNaN(w.goneAt) && !Number.isNaN(w.waveformAt)
        }, undefined, { timeout: 120_000, polling: 200 })
        const w = await page.evaluate(() => {
          const b = (globalThis as unknown as Globals).__plEditorBench
          b.stopWatching()
          return b.hashing()
        })
        await page.waitForTimeout(300)
        // Baselines in the same page, once the app is idle: decode only, then decode + readback.
        const decode = await page.evaluate((o) => (globalThis as unknown as Globals).__plEditorBench.decodeBaseline(o), { url, config, samples, chunkSamples: CHUNK_SAMPLES, readback: false })
        const readback = await page.evaluate((o) => (globalThis as unknown as Globals).__plEditorBench.decodeBaseline(o), { url, config, samples, chunkSamples: CHUNK_SAMPLES, readback: true })
        expect(decode.error).toBeUndefined()
        expect(decode.frames).toBe(d.frames)
        expect(readback.frames).toBe(d.frames)
        const first = w.seen[0]
        const last = w.seen.at(-1)
        runs.push({
          run, loadAverage: { before, after: os.loadavg() },
          editorAtMs: round2(w.editorAt), goneAtMs: round2(w.goneAt), waveformAtMs: round2(w.waveformAt),
          hashedFrames: last?.done ?? 0, totalFrames: last?.total ?? 0,
          /** Editor mounted (the query starts) → the note gone (the query is done, its result cached in IndexedDB). */
          openToDoneMs: round2(w.goneAt - w.editorAt),
          /** Between the first and the last progress count the note showed: the steady rate. */
          steady: first !== undefined && last !== undefined && last.at > first.at ? { frames: last.done - first.done, ms: round2(last.at - first.at) } : undefined,
          progressUpdates: w.seen.length,
          decodeMs: round2(decode.ms), readbackMs: round2(readback.ms),
        })
      } finally {
        await context.close()
      }
    }
    type PhashRun = { openToDoneMs: number; steady?: { frames: number; ms: number }; decodeMs: number; readbackMs: number; loadAverage: { before: number[]; after: number[] } }
    const rs = runs as PhashRun[]
    const fps = (ms: number) => (d.frames * 1000) / ms
    const summary = {
      openToDoneMs: spreadOf(rs.map((r) => r.openToDoneMs)),
      fps: spreadOf(rs.map((r) => fps(r.openToDoneMs))),
      steadyFps: spreadOf(rs.map((r) => (r.steady === undefined ? NaN : (r.steady.frames * 1000) / r.steady.ms))),
      decodeMs: spreadOf(rs.map((r) => r.decodeMs)),
      decodeFps: spreadOf(rs.map((r) => fps(r.decodeMs))),
      readbackFps: spreadOf(rs.map((r) => fps(r.readbackMs))),
      /** Per run: the app's time over the decode-only time of the same page. */
      ratio: spreadOf(rs.map((r) => r.openToDoneMs / r.decodeMs)),
      loadAverage1m: spreadOf(rs.flatMap((r) => [r.loadAverage.before[0] ?? NaN, r.loadAverage.after[0] ?? NaN])),
    }
    phashResults.push({ codec, frames: d.frames, width: d.width, height: d.height, codecString: index.codecString, encodeSeconds: round2(d.encodeSeconds), bytes: index.fileSize, summary, runs })
  })
}

// ---------------------------------------------------------------- part 4: the bundle

test('editor bundle: initial JS, gzip', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  const entry = /<script[^>]+type="module"[^>]+src="\/?([^"]+)"/.exec(html)?.[1]
  if (entry === undefined) throw new Error('dist/app/index.html has no module script')
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1]!)
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+)"/g)].map((m) => m[1]!)
  const sizeOf = (rel: string) => {
    const bytes = readFileSync(join(DIST, rel))
    return { file: rel, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length }
  }
  // Walk the chunk graph: static imports load with the entry, `import()` later, `new URL(…)` are workers.
  const initial = new Set<string>([entry, ...preloads])
  const lazy = new Set<string>()
  const workers = new Set<string>()
  const queue = [...initial]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(join(DIST, file), 'utf8')
    const dir = dirname(file)
    const resolve = (spec: string) => (spec.startsWith('/') ? spec.slice(1) : join(dir, spec))
    const isInitial = initial.has(file)
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{},\s]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      const f = resolve(m[1]!)
      if (isInitial) initial.add(f)
      else lazy.add(f)
      queue.push(f)
    }
    for (const m of text.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) {
      const f = resolve(m[1]!)
      if (!initial.has(f)) lazy.add(f)
      queue.push(f)
    }
    for (const m of text.matchAll(/new URL\(\s*["'`]([^"'`]+\.js)["'`]/g)) workers.add(resolve(m[1]!))
  }
  for (const f of initial) lazy.delete(f)
  const initialJs = [...initial].map(sizeOf)
  expect(existsSync(join(DIST, entry))).toBe(true)
  bundle = {
    entry: sizeOf(entry),
    initialJs,
    initialGzip: initialJs.reduce((a, f) => a + f.gzip, 0),
    css: css.map(sizeOf),
    lazy: [...lazy].sort().map(sizeOf),
    workers: [...workers].sort().map(sizeOf),
    budgetGzip: BUDGET_GZIP,
  }
})
