/**
 * `npm run bench` (first part): the player at the sizes robot datasets have. Generated episodes (realSizeData.ts)
 * at 640×480, 720×480 and 1280×720, three cameras each, short-GOP AV1 (episode 0) and long-GOP H.264 with
 * B-frames (episode 1), served over HTTP as a dataset would be. For each, in several runs:
 *
 * - steps at a person's pace (a key every 125 ms: 60 forward, 30 back, 12 jumps of 10), key press to the
 *   correct frame painted on every camera, against a plain <video> seek per camera of the same frames;
 * - cold jumps (a timeline click on a page that has decoded nothing near the target), against a fresh plain
 *   seek in a page of its own (nothing of the app running beside it), and the decoding floor there
 *   (decodeFloor.ts: WebCodecs decoding just the target's samples, nothing else): clicked 300 ms after the
 *   episode opened (its first frames and the visual change's hashing still decoding), and 2 s after (long GOPs:
 *   the spare decoders parked while idle, parkedDecoder.ts);
 * - playback at 1x, 2x and 4x: frames passed, painted, dropped, and ticks where a camera's frame was not decoded
 *   in time.
 *
 * Every frame shown is checked against its stamp. Writes test-results/bench/player.json; .ci/bench.js prints
 * it. Measures; asserts nothing about time. PROCLENS_BENCH_RUNS (default 5) sets the runs; PROCLENS_BENCH_SIZES
 * (e.g. `1280x720`) a subset of the sizes; PROCLENS_BENCH_PARTS (e.g. `jumps`; default `steps,jumps,playback`)
 * the measures; PROCLENS_BENCH_EPISODES (e.g. `0`: AV1 only) the episodes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { Band, PageGlobals } from './harness'
import { injectHarness, stampOf } from './harness'
import type { RealSizeDataset } from './realSizeData'
import { CAMERAS, makeRealSizeDataset, REAL_FPS } from './realSizeData'
import { startStaticServer } from '../staticServer'
import type { StaticServer } from '../staticServer'
import { openDatasetLink } from '../datasetLink'
import type { FloorPlan } from './decodeFloor'
import { floorCamera, floorPlan } from './decodeFloor'

const BASELINE = fileURLToPath(new URL('./baseline.js', import.meta.url))
const DECODE_FLOOR = fileURLToPath(new URL('./decodeFloorInPage.js', import.meta.url))
const OUT = fileURLToPath(new URL('../../test-results/bench/player.json', import.meta.url))
const RUNS = Number(process.env.PROCLENS_BENCH_RUNS ?? 5)
const SIZES = (process.env.PROCLENS_BENCH_SIZES ?? '640x480,720x480,1280x720').split(',').map((s) => s.split('x').map(Number) as [number, number])
const PARTS = new Set((process.env.PROCLENS_BENCH_PARTS ?? 'steps,jumps,playback').split(','))
const EPISODES = process.env.PROCLENS_BENCH_EPISODES?.split(',').map(Number)
/** A person stepping: about eight keys a second. */
const PACE_MS = 125
const START = 20
const COLD_JUMPS = 6
/** When a cold jump's click comes, after the episode's first frame is on every camera: right away, and settled. */
const CLICK_AFTER_MS = 300
const SETTLED_CLICK_AFTER_MS = 2000
const RATES = [1, 2, 4] as const

interface Baseline {
  open(name: string, urls: string[]): Promise<void>
  step(name: string, frame: number, fps: number): Promise<number>
  bands(name: string): Band[]
}
type Globals = PageGlobals & { __plBaseline: Baseline; __plFloor: { time(plans: FloorPlan[]): Promise<number> } }

type Key = 'ArrowRight' | 'ArrowLeft' | 'Shift+ArrowRight'
type Action = 'forward' | 'backward' | 'jump'
const ACTION: Record<Key, Action> = { ArrowRight: 'forward', ArrowLeft: 'backward', 'Shift+ArrowRight': 'jump' }

/** The keys of one run and the frame each should show: 60 forward, 30 back, 12 jumps of 10. */
function stepPlan(): [Key, number][] {
  const plan: [Key, number][] = []
  let f = START
  for (let i = 0; i < 60; i++) plan.push(['ArrowRight', ++f])
  for (let i = 0; i < 30; i++) plan.push(['ArrowLeft', --f])
  for (let i = 0; i < 12; i++) plan.push(['Shift+ArrowRight', (f += 10)])
  return plan
}

function jumpTargets(frames: number, n: number, seed: number): number[] {
  let s = seed
  // Away from frame 0, where the page opens: a jump there would find its frames decoded.
  return Array.from({ length: n }, () => 40 + ((s = (s * 48271) % 2147483647) % (frames - 40)))
}

interface Stats { n: number; p50: number; p95: number; max: number }

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? 0 }
}

function videoPath(camera: string, episode: number): string {
  return `videos/chunk-000/${camera}/episode_${String(episode).padStart(6, '0')}.mp4`
}

function videoUrls(server: StaticServer, episode: number): string[] {
  return CAMERAS.map((c) => `${server.url}/real/${videoPath(c, episode)}`)
}

const opened = new WeakSet<Page>()

/** Opens the dataset at an episode and frame, and waits until every camera shows it and a second has passed. */
async function open(page: Page, server: StaticServer, episode: number, frame: number, settleMs: number): Promise<void> {
  if (opened.has(page)) {
    // The tab remembers a host it opened (sessionStorage): only the first link asks before opening it.
    await page.goto(`/?dataset=${encodeURIComponent(`${server.url}/real`)}&episode=${episode}&frame=${frame}`)
  } else {
    await openDatasetLink(page, `${server.url}/real`, `&episode=${episode}&frame=${frame}`)
    opened.add(page)
  }
  await page.waitForFunction((k) => {
    const shown = (globalThis as unknown as PageGlobals).__plHarness?.frames() ?? []
    return shown.length === 3 && shown.every((c) => c.frame === String(k))
  }, frame, { timeout: 60_000 })
  await page.waitForTimeout(settleMs)
}

const isWrong = (dataFrame: string | null, band: Band, frame: number) => dataFrame !== String(frame) || stampOf(band) !== frame

/** One run of steps at a person's pace: ProcLens, then the plain seek on the same frames in the same page. */
async function stepRun(page: Page, server: StaticServer, ds: RealSizeDataset, episode: number) {
  await open(page, server, episode, START, 1500)
  const plan = stepPlan()
  const ms: Record<Action | 'all', number[]> = { forward: [], backward: [], jump: [], all: [] }
  let wrong = 0
  for (const [key, frame] of plan) {
    await page.evaluate((k) => (globalThis as unknown as Globals).__plHarness.armStep(k), frame)
    await page.keyboard.press(key)
    const r = await page.evaluate(() => (globalThis as unknown as Globals).__plHarness.awaitStep())
    ms[ACTION[key]].push(r.ms)
    ms.all.push(r.ms)
    for (const c of r.cameras) if (isWrong(c.dataFrame, c.band, frame)) wrong++
    await page.waitForTimeout(PACE_MS)
  }
  const name = `${ds.name}-${episode}`
  await page.evaluate(([n, urls]) => (globalThis as unknown as Globals).__plBaseline.open(n, urls), [name, videoUrls(server, episode)] as const)
  await page.evaluate(([n, k, fps]) => (globalThis as unknown as Globals).__plBaseline.step(n, k, fps), [name, START, REAL_FPS] as const)
  const base: Record<Action | 'all', number[]> = { forward: [], backward: [], jump: [], all: [] }
  let baseWrong = 0
  for (const [key, frame] of plan) {
    const t = await page.evaluate(([n, k, fps]) => (globalThis as unknown as Globals).__plBaseline.step(n, k, fps), [name, frame, REAL_FPS] as const)
    base[ACTION[key]].push(t)
    base.all.push(t)
    for (const b of await page.evaluate((n) => (globalThis as unknown as Globals).__plBaseline.bands(n), name)) if (stampOf(b) !== frame) baseWrong++
  }
  const summary = (m: typeof ms) => ({ all: stats(m.all), forward: stats(m.forward), backward: stats(m.backward), jump: stats(m.jump) })
  return { procLens: { ...summary(ms), wrong }, baseline: { ...summary(base), wrong: baseWrong } }
}

/**
 * Cold jumps: each on a freshly opened page at frame 0, clicked `afterMs` after it shows; the plain seek on freshly
 * opened videos likewise.
 */
async function jumpRun(page: Page, server: StaticServer, ds: RealSizeDataset, episode: number, seed: number, afterMs: number) {
  const ms: number[] = []
  const base: number[] = []
  const floor: number[] = []
  const cameras = await Promise.all(CAMERAS.map((c) => floorCamera(ds.root, videoPath(c, episode))))
  let wrong = 0
  let baseWrong = 0
  for (const [i, frame] of jumpTargets(ds.frames, COLD_JUMPS, seed).entries()) {
    await open(page, server, episode, 0, afterMs)
    const r = await page.evaluate((k) => (globalThis as unknown as Globals).__plHarness.timeSeek(k), frame)
    ms.push(r.ms)
    for (const c of r.cameras) if (isWrong(c.dataFrame, c.band, frame)) wrong++
    const name = `${ds.name}-${episode}-cold-${seed}-${i}`
    // The plain seek in a page of its own (a file of the dataset server, its origin): the app's background work (the
    // window around the target, the visual change) must not slow the baseline down.
    await page.goto(`${server.url}/real/meta/info.json`)
    await page.evaluate(([n, urls]) => (globalThis as unknown as Globals).__plBaseline.open(n, urls), [name, videoUrls(server, episode)] as const)
    base.push(await page.evaluate(([n, k, fps]) => (globalThis as unknown as Globals).__plBaseline.step(n, k, fps), [name, frame, REAL_FPS] as const))
    for (const b of await page.evaluate((n) => (globalThis as unknown as Globals).__plBaseline.bands(n), name)) if (stampOf(b) !== frame) baseWrong++
    floor.push(await page.evaluate((plans) => (globalThis as unknown as Globals).__plFloor.time(plans), cameras.map((c) => floorPlan(c, frame))))
  }
  return { afterMs, procLens: { ...stats(ms), wrong }, baseline: { ...stats(base), wrong: baseWrong }, floor: stats(floor) }
}

async function playRun(page: Page, server: StaticServer, episode: number, rate: number) {
  await open(page, server, episode, 0, 1000)
  const r = await page.evaluate((x) => (globalThis as unknown as Globals).__plHarness.play({ from: 0, rate: x }), rate)
  // Frame 0 was painted before playback started (the harness waits for it).
  const frames = [0, ...r.paints.map((p) => p.frame)]
  const last = frames.at(-1) ?? 0
  const painted = new Set(frames).size
  let wrong = 0
  for (const p of r.paints) for (const c of p.cameras) if (isWrong(c.dataFrame, c.band, p.frame)) wrong++
  return {
    rate, seconds: r.elapsedMs / 1000, framesPassed: last + 1, painted, dropped: last + 1 - painted, wrong,
    // Ticks where the frame painted was behind the clock because a camera had not decoded it yet.
    decoderLate: r.counters.lateTicks, ticks: r.counters.ticks, animationFrames: r.animationFrames, lateAnimationFrames: r.lateAnimationFrames,
  }
}

const results: { runs: number; pace: number; sizes: unknown[] } = { runs: RUNS, pace: PACE_MS, sizes: [] }

test.afterAll(() => {
  mkdirSync(dirname(OUT), { recursive: true })
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`)
})

for (const [width, height] of SIZES) {
  test(`player at ${width}×${height}, three cameras`, async ({ page, browser }) => {
    test.setTimeout(40 * 60_000)
    const ds = makeRealSizeDataset(width, height)
    const server = await startStaticServer({ '/real': ds.root.replace(/\/$/, '') })
    try {
      await injectHarness(page)
      await page.addInitScript({ path: BASELINE })
      await page.addInitScript({ path: DECODE_FLOOR })
      const episodes = []
      for (const ep of ds.episodes.filter((e) => EPISODES === undefined || EPISODES.includes(e.index))) {
        const steps = []
        const jumps = []
        const settledJumps = []
        for (let run = 0; run < RUNS; run++) {
          if (PARTS.has('steps')) steps.push(await stepRun(page, server, ds, ep.index))
          if (PARTS.has('jumps')) jumps.push(await jumpRun(page, server, ds, ep.index, 7 + run, CLICK_AFTER_MS))
          if (PARTS.has('jumps')) settledJumps.push(await jumpRun(page, server, ds, ep.index, 7 + run, SETTLED_CLICK_AFTER_MS))
        }
        const playback = []
        for (const rate of PARTS.has('playback') ? RATES : []) {
          for (let run = 0; run < Math.min(RUNS, 3); run++) playback.push(await playRun(page, server, ep.index, rate))
        }
        episodes.push({ index: ep.index, label: ep.label, gop: ep.gop, steps, jumps, settledJumps, playback })
      }
      results.sizes.push({ width, height, cameras: CAMERAS.length, frames: ds.frames, episodes, browser: browser.version() })
    } finally {
      await server.close()
    }
  })
}
