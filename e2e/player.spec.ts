/**
 * The frame-exact player on the demo: every frame of every camera, stepped forward and backward, and the
 * frames actually shown during fast playback, read back through the frame stamp burned into each frame.
 * `data-frame` must always equal the stamp, and all cameras must show the same frame at every paint.
 */
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { FrameSnapshot, PageGlobals, PlayResult } from './bench/harness'
import { openEpisode, range, stampOf, wrongFrames } from './bench/harness'

async function sweep(page: Page, frames: number[]): Promise<FrameSnapshot[]> {
  const out: FrameSnapshot[] = []
  // In chunks: each snapshot carries the stamp rows of every camera.
  for (let i = 0; i < frames.length; i += 200) {
    const chunk = frames.slice(i, i + 200)
    out.push(...await page.evaluate((fs) => (globalThis as unknown as PageGlobals).__plHarness.sweep(fs), chunk))
  }
  return out
}

async function disagreements(page: Page) {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__plHarness.disagreements())
}

/** Steps with the arrow key and snapshots each frame once every camera shows it. */
async function keySweep(page: Page, key: 'ArrowRight' | 'ArrowLeft', frames: number[]): Promise<FrameSnapshot[]> {
  const out: FrameSnapshot[] = []
  for (const frame of frames) {
    await page.keyboard.press(key)
    const cameras = await page.evaluate(async (k) => {
      const h = (globalThis as unknown as PageGlobals).__plHarness
      await h.waitPainted(k)
      return h.snapshot()
    }, frame)
    out.push({ frame, cameras })
  }
  return out
}

async function play(page: Page, from: number, rate: number): Promise<PlayResult> {
  return page.evaluate((o) => (globalThis as unknown as PageGlobals).__plHarness.play(o), { from, rate })
}

function checkPaints(result: PlayResult, cameras: number) {
  const wrong: unknown[] = []
  for (const p of result.paints) {
    expect(p.cameras).toHaveLength(cameras)
    for (const c of p.cameras) {
      const stamp = stampOf(c.band)
      if (c.dataFrame !== String(p.frame) || stamp !== p.frame) wrong.push({ frame: p.frame, camera: c.camera, dataFrame: c.dataFrame, stamp })
    }
  }
  return wrong
}

test.describe('frame-exact stepping', () => {
  test('episode 0 (AV1 GOP 2 + H.264 GOP 2): every frame by keyboard, forward then backward', async ({ page }) => {
    test.setTimeout(180_000)
    await openEpisode(page, 0)
    const first = { frame: 0, cameras: await page.evaluate(() => (globalThis as unknown as PageGlobals).__plHarness.snapshot()) }
    expect(first.cameras.map((c) => c.camera).sort()).toEqual(['observation.images.front', 'observation.images.top'])
    const forward = await keySweep(page, 'ArrowRight', range(1, 340))
    const backward = await keySweep(page, 'ArrowLeft', range(0, 339).reverse())
    const all = [first, ...forward, ...backward]
    expect(all).toHaveLength(340 + 339)
    expect(wrongFrames(all)).toEqual([])
    expect(await disagreements(page)).toEqual([])
    // One more Right at the end would stay on the last frame: clamped, still exact.
  })

  test('episode 5 (long-GOP H.264 with B-frames): every frame, forward then backward', async ({ page }) => {
    test.setTimeout(180_000)
    await openEpisode(page, 5)
    const snaps = await sweep(page, [...range(0, 346), ...range(0, 346).reverse()])
    expect(wrongFrames(snaps)).toEqual([])
    expect(await disagreements(page)).toEqual([])
  })

  test('episode 6 (5,065 frames): every frame forward, a long stretch backward, and jumps across it', async ({ page }) => {
    test.setTimeout(300_000)
    await openEpisode(page, 6, 0)
    let seed = 11
    const jumps = Array.from({ length: 60 }, () => (seed = (seed * 48271) % 2147483647) % 5065)
    const snaps = await sweep(page, [...range(0, 5065), ...range(2400, 3400).reverse(), ...jumps, 5064, 0])
    expect(wrongFrames(snaps)).toEqual([])
    expect(await disagreements(page)).toEqual([])
  })

  test('every camera shows the deep-linked frame on load', async ({ page }) => {
    await openEpisode(page, 2, 137)
    const cameras = await page.evaluate(() => (globalThis as unknown as PageGlobals).__plHarness.snapshot())
    expect(wrongFrames([{ frame: 137, cameras }])).toEqual([])
  })
})

test.describe('frame-exact playback', () => {
  test('4x forward on episode 0: every frame shown is the frame it says, on both cameras at once', async ({ page }) => {
    test.setTimeout(120_000)
    await openEpisode(page, 0)
    const result = await play(page, 0, 4)
    expect(checkPaints(result, 2)).toEqual([])
    expect(await disagreements(page)).toEqual([])
    const frames = result.paints.map((p) => p.frame)
    // Monotonic, ends on the last frame, and shows a good share of the frames at 4x on a 60 Hz display.
    expect(frames.every((f, i) => i === 0 || f > frames[i - 1]!)).toBe(true)
    expect(frames.at(-1)).toBe(339)
    expect(frames.length).toBeGreaterThan(339 / 4)
  })

  test('4x backward (J J J) on the long-GOP episode 5', async ({ page }) => {
    test.setTimeout(120_000)
    await openEpisode(page, 5)
    const result = await play(page, 345, -4)
    expect(checkPaints(result, 2)).toEqual([])
    expect(await disagreements(page)).toEqual([])
    const frames = result.paints.map((p) => p.frame)
    expect(frames.every((f, i) => i === 0 || f < frames[i - 1]!)).toBe(true)
    expect(frames.at(-1)).toBe(0)
  })

  test('1x forward on episode 6 from frame 1000 for two seconds', async ({ page }) => {
    test.setTimeout(60_000)
    await openEpisode(page, 6, 1000)
    await page.evaluate(() => {
      const h = (globalThis as unknown as { __proclens: { playback: { getState(): { play(rate: number): void; pause(): void } } } }).__proclens
      setTimeout(() => h.playback.getState().pause(), 2000)
    })
    const result = await play(page, 1000, 1)
    expect(checkPaints(result, 2)).toEqual([])
    expect(result.paints.length).toBeGreaterThan(40)
  })
})
