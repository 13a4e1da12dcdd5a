/**
 * The app reads the pHash sidecar (`proclens phash DATASET --sidecar`, src/data/phashSidecar.ts): a copy of the
 * demo served with a sidecar for episode 0's reference camera whose hashes are made up (every other frame all
 * zeros, the rest all ones, so no decoder could produce them). Opening the episode, the visual change the app
 * keeps is those hashes, and it never hashes a frame. A sidecar made from another video is not used.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { encodePhashSidecar } from '../src/cli/media/episodeHashes'
import { phashSidecarPath } from '../src/data/phashSidecar'
import { openDatasetLink } from './datasetLink'
import { DEMO_DIR } from './paths'
import { startStaticServer } from './staticServer'
import type { StaticServer } from './staticServer'

const CAMERA = 'observation.images.front'
const VIDEO = `videos/chunk-000/${CAMERA}/episode_000000.mp4`
const FRAMES = 340
const made = Array.from({ length: FRAMES }, (_, k) => (k % 2 === 0 ? '0000000000000000' : 'ffffffffffffffff'))

let server: StaticServer
let dir: string

function sidecarFolder(name: string, media: string): string {
  const root = join(dir, name)
  const file = join(root, ...phashSidecarPath(CAMERA, 0).split('/'))
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, encodePhashSidecar(0, CAMERA, media, made.map((phash) => ({ phash, width: 640, height: 480 }))))
  return join(root, '.proclens')
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proclens-sidecar-e2e-'))
  const media = `${VIDEO}@${statSync(join(DEMO_DIR, ...VIDEO.split('/'))).size}`
  // The first mount that matches a path serves it: the sidecar folders before the demo they sit in.
  server = await startStaticServer({
    '/fresh/.proclens': sidecarFolder('fresh', media),
    '/stale/.proclens': sidecarFolder('stale', `${VIDEO}@1`),
    '/fresh': DEMO_DIR,
    '/stale': DEMO_DIR,
  })
})

test.afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

async function storedHashes(page: Page): Promise<string[]> {
  return page.evaluate(async (camera) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('proclens')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error ?? new Error('cannot open'))
    })
    const records = await new Promise<{ episode: number; camera: string; hashes: string }[]>((resolve, reject) => {
      const all = db.transaction('visualChange').objectStore('visualChange').getAll()
      all.onsuccess = () => resolve(all.result as { episode: number; camera: string; hashes: string }[])
      all.onerror = () => reject(all.error ?? new Error('cannot read'))
    })
    db.close()
    const record = records.find((r) => r.episode === 0 && r.camera === camera)
    return (record?.hashes ?? '').match(/.{16}/g) ?? []
  }, CAMERA)
}

test('a dataset with a pHash sidecar: the visual change comes from it, nothing is hashed', async ({ page }) => {
  test.setTimeout(90_000)
  await openDatasetLink(page, `${server.url}/fresh/`, '&episode=0')
  await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('waveform').locator('div')).not.toHaveCount(0, { timeout: 30_000 })
  await expect.poll(() => storedHashes(page)).toEqual(made)
})

test('a sidecar made from another video is not used: the frames are hashed', async ({ page }) => {
  test.setTimeout(120_000)
  await openDatasetLink(page, `${server.url}/stale/`, '&episode=0')
  await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('hashing')).toHaveCount(0, { timeout: 60_000 })
  await expect.poll(async () => (await storedHashes(page)).length, { timeout: 60_000 }).toBe(FRAMES)
  const hashes = await storedHashes(page)
  expect(hashes.filter((h, k) => h === made[k]).length).toBeLessThan(FRAMES / 4)
})
