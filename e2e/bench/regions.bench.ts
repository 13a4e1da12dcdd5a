/**
 * `npm run bench` (second part): how should the timeline editor draw subtask segments, with wavesurfer.js's
 * Regions plugin or with a layer of our own inside wavesurfer's scroll wrapper? While a person drags the
 * boundary between two adjacent segments, how long does one update take until the next painted frame, at 200
 * segments on a 20,000-frame episode (30 fps) whose waveform is drawn from 20,000 peaks? Budget: one display
 * frame (16.7 ms).
 *
 * Self-contained: a blank page, wavesurfer's UMD builds from node_modules, and regionsInPage.js, which times
 * everything in the page (performance.now, requestAnimationFrame). Each variant runs 5 times, alternating
 * which goes first, each on a fresh page; each run measures the creation, then 240 one-frame boundary moves
 * (programmatic, then by pointer events on the handle) with the whole episode in view, then the same zoomed to
 * ~1,000 frames scrolled to the middle. Writes test-results/bench/regions.json; .ci/bench.js prints it and can
 * copy it into docs/benchmarks.md. Measures; asserts nothing about time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'

// The package's exports map has no `require` entry for dist/*.js (and maps dist/plugins/*.js to the ESM
// builds), so resolve its main CommonJS entry (dist/wavesurfer.cjs) and take the UMD files next to it.
const DIST = dirname(createRequire(import.meta.url).resolve('wavesurfer.js'))
const WAVESURFER = join(DIST, 'wavesurfer.min.js')
const REGIONS = join(DIST, 'plugins', 'regions.min.js')
const WAVESURFER_VERSION = (JSON.parse(readFileSync(join(DIST, '..', 'package.json'), 'utf8')) as { version: string }).version
const IN_PAGE = fileURLToPath(new URL('./regionsInPage.js', import.meta.url))
const FRAME_LOOP = fileURLToPath(new URL('./frameLoop.js', import.meta.url))
const OUT = fileURLToPath(new URL('../../test-results/bench/regions.json', import.meta.url))

const FRAMES = 20_000
const FPS = 30
const SEGMENTS = 200
const WIDTH = 1100
const HEIGHT = 128
/** The boundary dragged: between segment 99 and segment 100 (0-based), frame 10,000, the middle. */
const BOUNDARY = 100
const STEPS = 240
const AMPLITUDE = 60
const IDLE_STEPS = 60
const RUNS = 5
const ZOOMED_FRAMES = 1000

type Variant = 'regions' | 'own'
type Zoom = 'whole' | 'zoomed'
type Driver = 'programmatic' | 'pointer'
const METRICS = ['script', 'work', 'frame', 'frame2'] as const
type Metric = (typeof METRICS)[number]
type Series = Record<Metric, number[]>

interface Layout {
  wrapperWidth: number
  viewportWidth: number
  scrollLeft: number
  visibleFrames: [number, number]
  segmentsInDom: number
  elementsInShadowRoot: number
}
interface Setup extends Layout { readyMs: number; addMs: number; timersMs: number; totalMs: number; duration: number }
interface Zoomed extends Layout { zoomMs: number; pxPerSec: number }
interface Drag extends Series { wrong: number; maxEdgeErrorPx: number }
interface PointerDrag extends Drag {
  primedAt: number
  finalFrame: number
  expectedFinal: number
  end: { upScriptMs: number; upTimersMs: number; upPaintedMs: number }
}
interface InPage {
  setup(o: { variant: Variant; frames: number; fps: number; segments: number; width: number; height: number }): Promise<Setup>
  zoomTo(o: { visibleFrames: number; k: number }): Promise<Zoomed>
  idle(o: { n: number }): Promise<Series>
  dragProgrammatic(o: { k: number; n: number; amplitude: number }): Promise<Drag>
  dragPointer(o: { k: number; n: number; amplitude: number }): Promise<PointerDrag>
}
type Globals = { __plRegionsBench: InPage }

interface Stats { n: number; p50: number; p95: number; max: number }
interface ZoomResult {
  layout: Layout | Zoomed
  idle: Record<Metric, Stats>
  programmatic: Record<Metric, Stats> & { wrong: number; maxEdgeErrorPx: number }
  pointer: Record<Metric, Stats> & { wrong: number; maxEdgeErrorPx: number; primedAt: number; finalFrame: number; expectedFinal: number; end: PointerDrag['end'] }
  /** Every sample, for re-analysis. */
  samples: Record<'idle' | Driver, Series>
}
interface Run {
  variant: Variant
  run: number
  loadAverage: { before: number[]; after: number[] }
  create: Setup
  zooms: Record<Zoom, ZoomResult>
}

function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN }
}

const statsOf = (series: Series) =>
  Object.fromEntries(METRICS.map((m) => [m, stats(series[m])])) as Record<Metric, Stats>

const pick = (series: Series): Series =>
  Object.fromEntries(METRICS.map((m) => [m, series[m].map((v) => Math.round(v * 100) / 100)])) as Series

async function openBlank(page: Page): Promise<void> {
  await page.goto('about:blank')
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"><title>regions bench</title></head>'
    + '<body style="margin:0;padding:24px;font:12px sans-serif"></body></html>')
  await page.addScriptTag({ path: WAVESURFER })
  await page.addScriptTag({ path: REGIONS })
  await page.addScriptTag({ path: FRAME_LOOP })
  await page.addScriptTag({ path: IN_PAGE })
}

const runs: Run[] = []
let browserVersion = ''

async function measureZoom(page: Page, layout: Layout | Zoomed): Promise<ZoomResult> {
  const idle = await page.evaluate((n) => (globalThis as unknown as Globals).__plRegionsBench.idle({ n }), IDLE_STEPS)
  const drag = { k: BOUNDARY, n: STEPS, amplitude: AMPLITUDE }
  const prog = await page.evaluate((o) => (globalThis as unknown as Globals).__plRegionsBench.dragProgrammatic(o), drag)
  const ptr = await page.evaluate((o) => (globalThis as unknown as Globals).__plRegionsBench.dragPointer(o), drag)
  for (const series of [prog, ptr]) for (const m of METRICS) expect(series[m]).toHaveLength(STEPS)
  for (const m of METRICS) expect(idle[m]).toHaveLength(IDLE_STEPS)
  for (const v of [...prog.frame, ...ptr.frame, ...prog.work, ...ptr.work]) expect(Number.isFinite(v)).toBe(true)
  return {
    layout,
    idle: statsOf(idle),
    programmatic: { ...statsOf(prog), wrong: prog.wrong, maxEdgeErrorPx: prog.maxEdgeErrorPx },
    pointer: {
      ...statsOf(ptr), wrong: ptr.wrong, maxEdgeErrorPx: ptr.maxEdgeErrorPx, primedAt: ptr.primedAt,
      finalFrame: ptr.finalFrame, expectedFinal: ptr.expectedFinal, end: ptr.end,
    },
    samples: { idle: pick(idle), programmatic: pick(prog), pointer: pick(ptr) },
  }
}

// ---- Summary over the runs (what .ci/bench.js prints) ----

interface Pooled extends Stats { p50Range: [number, number]; p95Range: [number, number]; maxRange: [number, number] }

function pooled(values: number[][]): Pooled {
  const per = values.map(stats)
  const range = (f: (s: Stats) => number): [number, number] => [Math.min(...per.map(f)), Math.max(...per.map(f))]
  return { ...stats(values.flat()), p50Range: range((s) => s.p50), p95Range: range((s) => s.p95), maxRange: range((s) => s.max) }
}

function rangeOf(values: number[]): { min: number; median: number; max: number } {
  const s = [...values].sort((a, b) => a - b)
  return { min: s[0] ?? NaN, median: s[Math.floor(s.length / 2)] ?? NaN, max: s.at(-1) ?? NaN }
}

function summary() {
  const of = (v: Variant) => runs.filter((r) => r.variant === v)
  const drags: Record<string, unknown> = {}
  for (const zoom of ['whole', 'zoomed'] as const) {
    for (const driver of ['idle', 'programmatic', 'pointer'] as const) {
      for (const metric of METRICS) {
        const per = (v: Variant) => pooled(of(v).map((r) => r.zooms[zoom].samples[driver][metric]))
        drags[`${zoom}/${driver}/${metric}`] = { regions: per('regions'), own: per('own') }
      }
    }
  }
  const perVariant = (v: Variant) => {
    const rs = of(v)
    return {
      runs: rs.length,
      create: {
        readyMs: rangeOf(rs.map((r) => r.create.readyMs)),
        addMs: rangeOf(rs.map((r) => r.create.addMs)),
        timersMs: rangeOf(rs.map((r) => r.create.timersMs)),
        totalMs: rangeOf(rs.map((r) => r.create.totalMs)),
      },
      zoomMs: rangeOf(rs.map((r) => (r.zooms.zoomed.layout as Zoomed).zoomMs)),
      dragEnd: Object.fromEntries((['whole', 'zoomed'] as const).map((z) => [z, {
        upTimersMs: rangeOf(rs.map((r) => r.zooms[z].pointer.end.upTimersMs)),
        upPaintedMs: rangeOf(rs.map((r) => r.zooms[z].pointer.end.upPaintedMs)),
      }])),
      wrong: rs.reduce((a, r) => a + r.zooms.whole.programmatic.wrong + r.zooms.whole.pointer.wrong
        + r.zooms.zoomed.programmatic.wrong + r.zooms.zoomed.pointer.wrong, 0),
      maxEdgeErrorPx: Math.max(0, ...rs.flatMap((r) => [r.zooms.whole, r.zooms.zoomed].flatMap((z) => [z.programmatic.maxEdgeErrorPx, z.pointer.maxEdgeErrorPx]))),
      segmentsInDom: Object.fromEntries((['whole', 'zoomed'] as const).map((z) => [z, rs[0]?.zooms[z].layout.segmentsInDom])),
      visibleFrames: Object.fromEntries((['whole', 'zoomed'] as const).map((z) => [z, rs[0]?.zooms[z].layout.visibleFrames])),
    }
  }
  const loads = runs.flatMap((r) => [r.loadAverage.before[0] ?? NaN, r.loadAverage.after[0] ?? NaN])
  return {
    drags, regions: perVariant('regions'), own: perVariant('own'),
    loadAverage1m: { min: Math.min(...loads), max: Math.max(...loads) },
  }
}

test.afterAll(() => {
  if (runs.length === 0) return
  mkdirSync(dirname(OUT), { recursive: true })
  const results = {
    setup: {
      frames: FRAMES, fps: FPS, durationS: FRAMES / FPS, segments: SEGMENTS, peaks: FRAMES, width: WIDTH, height: HEIGHT,
      boundary: BOUNDARY, steps: STEPS, amplitude: AMPLITUDE, idleSteps: IDLE_STEPS, runs: RUNS, zoomedFrames: ZOOMED_FRAMES,
      ownLayer: 'inside wavesurfer\'s scroll wrapper (ws.getWrapper()), left/width in % of the full scroll width',
      wavesurfer: WAVESURFER_VERSION,
      browser: browserVersion, cpus: os.cpus().length, date: new Date().toISOString(),
    },
    summary: summary(),
    runs,
  }
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`)
})

const ORDER: Variant[][] = Array.from({ length: RUNS }, (_, i) => (i % 2 === 0 ? ['regions', 'own'] : ['own', 'regions']))

for (const [i, variants] of ORDER.entries()) {
  for (const variant of variants) {
    test(`segments drag: ${variant === 'regions' ? 'Regions plugin' : 'own layer'}, run ${i + 1}`, async ({ page, browser }) => {
      browserVersion = browser.version()
      const before = os.loadavg()
      await openBlank(page)
      const create = await page.evaluate((o) => (globalThis as unknown as Globals).__plRegionsBench.setup(o),
        { variant, frames: FRAMES, fps: FPS, segments: SEGMENTS, width: WIDTH, height: HEIGHT })
      expect(create.duration).toBeCloseTo(FRAMES / FPS, 6)
      const whole = await measureZoom(page, create)
      const zoomedLayout = await page.evaluate((o) => (globalThis as unknown as Globals).__plRegionsBench.zoomTo(o),
        { visibleFrames: ZOOMED_FRAMES, k: BOUNDARY })
      const zoomed = await measureZoom(page, zoomedLayout)
      runs.push({ variant, run: i + 1, loadAverage: { before, after: os.loadavg() }, create, zooms: { whole, zoomed } })
    })
  }
}
