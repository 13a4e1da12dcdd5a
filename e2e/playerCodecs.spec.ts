/**
 * The player where WebCodecs cannot help: the <video> fallback (WebCodecs missing) must stay frame-exact,
 * and a codec nothing decodes (HEVC in Chromium on Linux) must say so in its tile, with the re-encode command,
 * while the other cameras keep working.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page, Route } from '@playwright/test'
import type { FrameSnapshot, PageGlobals } from './bench/harness'
import { injectHarness, openEpisode, range, wrongFrames } from './bench/harness'

async function sweep(page: Page, frames: number[]): Promise<FrameSnapshot[]> {
  return page.evaluate((fs) => (globalThis as unknown as PageGlobals).__plHarness.sweep(fs), frames)
}

test.describe('without WebCodecs: the <video> fallback', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Reflect.deleteProperty(globalThis, 'VideoDecoder')
    })
  })

  test('episode 0: frames 0-120 forward and back, every camera exact', async ({ page }) => {
    test.setTimeout(180_000)
    await openEpisode(page, 0)
    await expect(page.locator('figcaption').filter({ hasText: '<video> fallback' })).toHaveCount(2)
    const snaps = await sweep(page, [...range(0, 121), ...range(0, 120).reverse()])
    expect(wrongFrames(snaps)).toEqual([])
  })

  test('episode 5 (long GOP, B-frames): across the key frame at 250, both ways', async ({ page }) => {
    test.setTimeout(180_000)
    await openEpisode(page, 5, 230)
    const snaps = await sweep(page, [...range(230, 271), ...range(230, 270).reverse(), 3, 345, 120])
    expect(wrongFrames(snaps)).toEqual([])
  })
})

test.describe('a codec the browser cannot decode', () => {
  let dir = ''
  let hevc: Buffer

  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proclens-hevc-'))
    const file = join(dir, 'hevc.mp4')
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=s=256x192:r=30:d=2',
      '-c:v', 'libx265', '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p', '-x265-params', 'log-level=error', '-movflags', '+faststart', '-y', file])
    hevc = readFileSync(file)
  })

  test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** Serves the HEVC file in place of a demo video, with byte ranges (as a static server would). */
  async function serve(route: Route) {
    const req = route.request()
    if (req.method() === 'HEAD') return route.fulfill({ status: 405 })
    const m = /bytes=(\d+)-(\d*)/.exec((await req.allHeaders()).range ?? '')
    if (m === null) return route.fulfill({ status: 200, body: hevc, contentType: 'video/mp4' })
    const start = Number(m[1])
    const end = m[2] === '' ? hevc.length - 1 : Math.min(hevc.length - 1, Number(m[2]))
    return route.fulfill({
      status: 206,
      body: hevc.subarray(start, end + 1),
      headers: { 'content-type': 'video/mp4', 'content-range': `bytes ${start}-${end}/${hevc.length}`, 'accept-ranges': 'bytes' },
    })
  }

  test('HEVC: the tile names the codec and gives the ffmpeg command; the other camera still steps exactly', async ({ page }) => {
    const path = 'videos/chunk-000/observation.images.top/episode_000001.mp4'
    await page.route(`**/demo/${path}`, serve)
    await injectHarness(page)
    await page.goto('/?episode=1')
    const tile = page.locator('[data-camera-tile="observation.images.top"]')
    await expect(tile.getByRole('alert')).toContainText('HEVC')
    await expect(tile.getByRole('alert')).toContainText('hvc1')
    await expect(tile.locator('code')).toHaveText(new RegExp(`^ffmpeg -i ${path.replaceAll('.', '\\.')} .*libx264`))
    await expect(tile.locator('canvas')).toHaveCount(0)
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__plHarness.frames().every((c) => c.frame === '0'))
    const snaps = await sweep(page, [...range(0, 40), ...range(0, 39).reverse()])
    expect(snaps.every((s) => s.cameras.length === 1 && s.cameras[0]?.camera === 'observation.images.front')).toBe(true)
    expect(wrongFrames(snaps)).toEqual([])
    await page.screenshot({ path: 'test-results/player-hevc.png' })
  })
})
