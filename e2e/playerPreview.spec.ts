/**
 * A click on the timeline into a long GOP: while the exact frame decodes, each camera shows the nearest frame
 * it has (or the frame itself, while the other camera decodes) on a preview canvas, marked; the camera's own
 * canvas and its `data-frame` go from the old frame straight to the new one, on every camera together.
 */
import { expect, test } from '@playwright/test'
import type { PageGlobals } from './bench/harness'
import { openEpisode } from './bench/harness'

interface Seen {
  frames: Record<string, string[]>
  previews: Record<string, string[]>
}

test('a jump into a long GOP previews the nearest decoded frames, then paints the exact frame on every camera at once', async ({ page }) => {
  // Episode 5: top is H.264 with a 250-frame GOP and B-frames, front AV1 with GOP 2.
  await openEpisode(page, 5, 0)
  await page.evaluate(() => {
    const seen: Seen = { frames: {}, previews: {} }
    ;(globalThis as unknown as { __seen: Seen }).__seen = seen
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLCanvasElement
        if (el.dataset.camera !== undefined && r.attributeName === 'data-frame') (seen.frames[el.dataset.camera] ??= []).push(el.dataset.frame ?? '')
        if (el.dataset.preview !== undefined && !el.hasAttribute('hidden') && el.dataset.approximate !== undefined) {
          const list = (seen.previews[el.dataset.preview] ??= [])
          if (list.at(-1) !== el.dataset.approximate) list.push(el.dataset.approximate)
        }
      }
    })
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-frame', 'data-approximate', 'hidden'] })
  })
  // The demo's 250-frame GOP decodes to 240 in about 40 ms, less than the wait before previews show
  // (PREVIEW_AFTER_MS, 50 ms: a shorter one would only flash); at real sizes it takes hundreds. Previews at once here.
  await page.evaluate(() => (globalThis as unknown as { __proclens: { previewAfter(ms: number): void } }).__proclens.previewAfter(0))
  await page.evaluate((k) => (globalThis as unknown as PageGlobals).__plHarness.timeSeek(k), 240)
  const seen = await page.evaluate(() => (globalThis as unknown as { __seen: Seen }).__seen)
  // The cameras' own canvases: frame 0, then 240, nothing between.
  for (const frames of Object.values(seen.frames)) expect(frames).toEqual(['240'])
  const top = seen.previews['observation.images.top'] ?? []
  const front = seen.previews['observation.images.front'] ?? []
  // The long-GOP camera previewed frames on the way, nearer each time; the last may be 240 itself when its
  // decoder got there before the other camera's (under load the GOP-2 camera can be the slower one).
  // (Frames on the way are drawn again at most every PREVIEW_REFRESH_MS; a machine slow enough to miss the
  // first animation frames may show only 240: the unit test of playerEngine checks the approximation itself.)
  expect(top.length).toBeGreaterThan(0)
  const onTheWay = top.map(Number).filter((f) => f !== 240)
  expect(top.slice(0, onTheWay.length).map(Number)).toEqual(onTheWay)
  expect(onTheWay.every((f, i) => f > 0 && f < 240 && (i === 0 || f > onTheWay[i - 1]!))).toBe(true)
  // The GOP-2 camera has no frame on the way: it showed 240 itself, or nothing when it painted first.
  expect(['240', ''].includes(front.join())).toBe(true)
  // Once painted, no preview is left on screen.
  await expect(page.locator('canvas[data-preview]:not([hidden])')).toHaveCount(0)
  await expect(page.locator('[data-preview-note]:not([hidden])')).toHaveCount(0)
  await expect(page.locator('[data-frame-label]').first()).toHaveText('240')
})
