/**
 * The player on real third-party data (../shared/datasets, skipped when absent): a LeRobot v2.1 AV1 camera
 * (640×480) compared frame by frame with ffmpeg's decode of the same file, and a DROID image-sequence episode
 * (three cameras) compared with the image files themselves. These frames carry no stamp, so "the frame it
 * says" is checked against an independent decoder.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { PageGlobals, Pixels } from './bench/harness'
import { decodePixels, injectHarness, meanAbsDiff } from './bench/harness'
import { serveFolder } from './bench/serveFolder'

const DATASETS = fileURLToPath(new URL('../../shared/datasets', import.meta.url))
const G1 = `${DATASETS}/g1-policy-train_lerobot-v2.1`
const G1_VIDEO = `${G1}/videos/chunk-000/observation.images.cam_high/episode_000029.mp4`
const DROID = `${DATASETS}/crowndata-droid_image-sequences`

async function open(page: Page, query: string, cameras: number) {
  await serveFolder(page, 'real', DATASETS)
  await injectHarness(page)
  await page.goto(`/?${query}`)
  await page.waitForFunction((n) => {
    const shown = (globalThis as unknown as PageGlobals).__plHarness?.frames() ?? []
    return shown.length === n && shown.every((c) => c.frame === '0')
  }, cameras, { timeout: 30_000 })
}

async function show(page: Page, frame: number) {
  await page.evaluate((k) => (globalThis as unknown as PageGlobals).__plHarness.sweep([k]), frame)
}

async function pixels(page: Page, camera: string): Promise<Pixels> {
  return page.evaluate((c) => (globalThis as unknown as PageGlobals).__plHarness.pixels(c), camera)
}

/** RGBA frames of a video decoded by ffmpeg (presentation order), at `size` or the native size. */
function ffmpegFrames(file: string, frames: number[] | 'all', size?: string): Uint8Array[] {
  const filters = [frames === 'all' ? undefined : `select='${frames.map((k) => `eq(n\\,${k})`).join('+')}'`, size === undefined ? undefined : `scale=${size}`]
  const raw = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-vf', filters.filter((f) => f !== undefined).join(','),
    '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 1 << 30 })
  const [w, h] = (size ?? '640:480').split(':').map(Number) as [number, number]
  const n = w * h * 4
  return Array.from({ length: raw.length / n }, (_, i) => new Uint8Array(raw.buffer, raw.byteOffset + i * n, n))
}

test.describe('real LeRobot v2.1 AV1 video (Unitree G1, 640×480)', () => {
  test.skip(!existsSync(G1_VIDEO), 'shared/datasets is absent')

  test('each frame shown matches ffmpeg\'s decode of that frame better than its neighbours', async ({ page }) => {
    test.setTimeout(120_000)
    // Pick frames with motion (both neighbours clearly different), from a small-scale decode of the whole file.
    const small = ffmpegFrames(G1_VIDEO, 'all', '160:120')
    expect(small).toHaveLength(221)
    const motion = small.map((f, k) => (k === 0 || k === small.length - 1 ? 0 : Math.min(meanAbsDiff(small[k - 1]!, f), meanAbsDiff(f, small[k + 1]!))))
    const picks = [...motion.keys()].sort((a, b) => motion[b]! - motion[a]!).slice(0, 8).sort((a, b) => a - b)
    const around = [...new Set(picks.flatMap((k) => [k - 1, k, k + 1]))].sort((a, b) => a - b)
    const full = new Map(ffmpegFrames(G1_VIDEO, around).map((f, i) => [around[i]!, f]))

    await open(page, 'dataset=/real/g1-policy-train_lerobot-v2.1&episode=29', 1)
    for (const k of [...picks, ...[...picks].reverse()]) {
      await show(page, k)
      const shown = await pixels(page, 'observation.images.cam_high')
      expect(shown.frame).toBe(String(k))
      expect([shown.width, shown.height]).toEqual([640, 480])
      const px = decodePixels(shown)
      const diffs = [k - 1, k, k + 1].map((j) => meanAbsDiff(px, full.get(j)!))
      // The same frame differs only by colour conversion; its neighbours differ by the motion.
      expect(diffs[1], `frame ${k}: diffs to k-1, k, k+1 = ${diffs.map((d) => d.toFixed(2)).join(', ')}`).toBeLessThan(Math.min(diffs[0]!, diffs[2]!))
      expect(diffs[1]).toBeLessThan(4)
    }
    await page.screenshot({ path: 'test-results/player-g1.png' })
  })
})

test.describe('real image-sequence episode (DROID export, three cameras)', () => {
  test.skip(!existsSync(DROID), 'shared/datasets is absent')

  test('every camera shows exactly the image file of the frame, stepping both ways', async ({ page }) => {
    test.setTimeout(120_000)
    const files = readdirSync(`${DROID}/droid_00000002/images`).filter((f) => f.endsWith('.webp'))
    const cameras = ['exterior_image_1_left', 'exterior_image_2_left', 'wrist_image_left']
    const fileOf = (camera: string, k: number) =>
      files.filter((f) => f.startsWith(`${camera}__`)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))[k]!
    await open(page, 'dataset=/real/crowndata-droid_image-sequences&episode=0', 3)
    for (const k of [0, 1, 2, 3, 60, 61, 141, 140, 139, 5]) {
      await show(page, k)
      for (const camera of cameras) {
        const shown = await pixels(page, camera)
        const expected = await page.evaluate((u) => (globalThis as unknown as PageGlobals).__plHarness.imagePixels(u),
          `/real/crowndata-droid_image-sequences/droid_00000002/images/${fileOf(camera, k)}`)
        expect(shown.frame).toBe(String(k))
        expect([shown.width, shown.height]).toEqual([expected.width, expected.height])
        expect(shown.data === expected.data, `${camera} frame ${k} is not ${fileOf(camera, k)}`).toBe(true)
      }
    }
    await page.screenshot({ path: 'test-results/player-images.png' })
  })
})
