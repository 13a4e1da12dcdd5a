/**
 * `npm run bench` (first part): step latency, key press to the correct frame painted on every camera, p50 and
 * p95, forward and backward, against a plain <video> seek of the same files in the same run; and playback at
 * 1x with all cameras (frames painted vs. frames the clock passed). Writes test-results/bench/player.json;
 * .ci/bench.js prints it and can copy it into docs/benchmarks.md. Measures; asserts nothing about time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { Band, PageGlobals } from './harness'
import { injectHarness, openEpisode, range, stampOf } from './harness'

const BASELINE = fileURLToPath(new URL('./baseline.js', import.meta.url))
const OUT = fileURLToPath(new URL('../../test-results/bench/player.json', import.meta.url))
const FPS = 30

interface Baseline {
  open(name: string, urls: string[]): Promise<void>
  step(name: string, frame: number, fps: number): Promise<number>
  bands(name: string): Band[]
}
type Globals = PageGlobals & { __plBaseline: Baseline }

interface StepCase {
  name: string
  episode: number
  /** Camera files (for the baseline), in the player's camera order. */
  videos: string[]
  forward: number[]
  backward: number[]
  /** Jumps (a timeline click), each on a freshly loaded page: nothing decoded yet around the target. */
  jumps: number[]
}

function jumps(frames: number, n: number, seed: number): number[] {
  let s = seed
  return Array.from({ length: n }, () => (s = (s * 48271) % 2147483647) % frames)
}

const video = (camera: string, episode: number) =>
  `/demo/videos/chunk-000/observation.images.${camera}/episode_${String(episode).padStart(6, '0')}.mp4`

const CASES: StepCase[] = [
  // Episode 0: front AV1 -g 2, top H.264 -g 2 (LeRobot's encoding).
  { name: 'AV1 + H.264, GOP 2 (episode 0)', episode: 0, videos: [video('front', 0), video('top', 0)], forward: range(101, 251), backward: range(100, 250).reverse(), jumps: jumps(340, 10, 7) },
  // Episode 5: top is H.264 with x264's 250-frame GOP and B-frames (front AV1 -g 2); keys at 0 and 250, so
  // stepping back from 250 crosses into a GOP that must be decoded from frame 0.
  { name: 'long-GOP H.264 (250, B-frames) + AV1 (episode 5)', episode: 5, videos: [video('front', 5), video('top', 5)], forward: range(101, 251), backward: range(100, 250).reverse(), jumps: jumps(346, 10, 7) },
]

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
  return { n: s.length, p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) }
}

async function procLensSteps(page: Page, key: 'ArrowRight' | 'ArrowLeft', frames: number[]) {
  const ms: number[] = []
  let wrong = 0
  for (const frame of frames) {
    await page.evaluate((k) => (globalThis as unknown as Globals).__plHarness.armStep(k), frame)
    await page.keyboard.press(key)
    const r = await page.evaluate(() => (globalThis as unknown as Globals).__plHarness.awaitStep())
    ms.push(r.ms)
    for (const c of r.cameras) if (c.dataFrame !== String(frame) || stampOf(c.band) !== frame) wrong++
  }
  return { ...stats(ms), wrong }
}

/** Cold jumps: for each target, a fresh page on frame 0, then the jump; the baseline likewise, right after. */
async function coldJumps(page: Page, c: StepCase) {
  const ms: number[] = []
  const base: number[] = []
  let wrong = 0
  let baseWrong = 0
  for (const frame of c.jumps) {
    await openEpisode(page, c.episode, 0)
    await page.waitForTimeout(300) // let the prefetch around frame 0 settle, as a person would look first
    const r = await page.evaluate((k) => (globalThis as unknown as Globals).__plHarness.timeSeek(k), frame)
    ms.push(r.ms)
    for (const cam of r.cameras) if (cam.dataFrame !== String(frame) || stampOf(cam.band) !== frame) wrong++
    await page.evaluate(([n, urls]) => (globalThis as unknown as Globals).__plBaseline.open(n, urls), [c.name, c.videos] as const)
    base.push(await page.evaluate(([n, k, fps]) => (globalThis as unknown as Globals).__plBaseline.step(n, k, fps), [c.name, frame, FPS] as const))
    const bands = await page.evaluate((n) => (globalThis as unknown as Globals).__plBaseline.bands(n), c.name)
    for (const b of bands) if (stampOf(b) !== frame) baseWrong++
  }
  return { procLens: { ...stats(ms), wrong }, baseline: { ...stats(base), wrong: baseWrong } }
}

async function baselineSteps(page: Page, name: string, frames: number[]) {
  const ms: number[] = []
  let wrong = 0
  for (const frame of frames) {
    ms.push(await page.evaluate(([n, k, fps]) => (globalThis as unknown as Globals).__plBaseline.step(n, k, fps), [name, frame, FPS] as const))
    const bands = await page.evaluate((n) => (globalThis as unknown as Globals).__plBaseline.bands(n), name)
    for (const b of bands) if (stampOf(b) !== frame) wrong++
  }
  return { ...stats(ms), wrong }
}

const results: Record<string, unknown> = { steps: [], playback: [] }

test.afterAll(() => {
  mkdirSync(dirname(OUT), { recursive: true })
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`)
})

for (const c of CASES) {
  test(`step latency: ${c.name}`, async ({ page, browser }) => {
    await page.addInitScript({ path: BASELINE })
    await openEpisode(page, c.episode, c.forward[0]! - 1)
    const forward = await procLensSteps(page, 'ArrowRight', c.forward)
    await page.evaluate(() => (globalThis as unknown as Globals).__plHarness.waitPainted(250))
    const backward = await procLensSteps(page, 'ArrowLeft', c.backward)
    // The baseline in the same page and browser, after the player is done (it sits idle, paused).
    await page.evaluate(([n, urls]) => (globalThis as unknown as Globals).__plBaseline.open(n, urls), [c.name, c.videos] as const)
    await page.evaluate(([n, k, fps]) => (globalThis as unknown as Globals).__plBaseline.step(n, k, fps), [c.name, c.forward[0]! - 1, FPS] as const)
    const baseForward = await baselineSteps(page, c.name, c.forward)
    const baseBackward = await baselineSteps(page, c.name, c.backward)
    const jump = await coldJumps(page, c)
    ;(results.steps as unknown[]).push({
      name: c.name, episode: c.episode, cameras: c.videos.length,
      procLens: { forward, backward, jump: jump.procLens }, baseline: { forward: baseForward, backward: baseBackward, jump: jump.baseline },
      browser: browser.version(),
    })
  })
}

for (const [episode, seconds] of [[0, 11.3], [5, 11.5], [4, 28.6], [6, 20]] as const) {
  test(`playback 1x, all cameras: episode ${episode}`, async ({ page }) => {
    await injectHarness(page)
    await openEpisode(page, episode, 0)
    if (episode === 6) {
      await page.evaluate((ms) => {
        const h = (globalThis as unknown as { __proclens: { playback: { getState(): { pause(): void } } } }).__proclens
        setTimeout(() => h.playback.getState().pause(), ms)
      }, seconds * 1000)
    }
    const r = await page.evaluate(() => (globalThis as unknown as Globals).__plHarness.play({ from: 0, rate: 1 }))
    // Frame 0 was painted before playback started (the harness waits for it).
    const frames = [0, ...r.paints.map((p) => p.frame)]
    const last = frames.at(-1) ?? 0
    let wrong = 0
    for (const p of r.paints) for (const cam of p.cameras) if (cam.dataFrame !== String(p.frame) || stampOf(cam.band) !== p.frame) wrong++
    ;(results.playback as unknown[]).push({
      episode, cameras: r.paints[0]?.cameras.length ?? 0, seconds: r.elapsedMs / 1000,
      framesPassed: last + 1, painted: new Set(frames).size, dropped: last + 1 - new Set(frames).size, wrong,
      // Ticks where the frame painted was behind the clock because a camera had not decoded it yet.
      decoderLate: r.counters.lateTicks, animationFrames: r.animationFrames, lateAnimationFrames: r.lateAnimationFrames,
      counters: r.counters,
    })
  })
}
