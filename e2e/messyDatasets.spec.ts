/**
 * Real datasets as they come, on generated copies: partly downloaded LeRobot v2.1 (over HTTP without
 * directory listings) and v3.0 (a local folder) land on a playable episode, mark and count what is missing,
 * step over it with N and P, and say why when a deep link opens it anyway; the dataset's own outcome sits
 * beside the VLM's; the pane uses the window at three common sizes (screenshots in test-results/ to look at).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { FixtureFiles } from '../src/test/lerobotFixture'
import { lerobotV21Fixture, lerobotV30Fixture } from '../src/test/lerobotFixture'
import { startStaticServer } from './staticServer'
import type { StaticServer } from './staticServer'
import { openDatasetLink } from './datasetLink'

const FRONT = 'observation.images.front'
const WRIST = 'observation.images.wrist'
const CAMERAS = [{ key: FRONT, codec: 'h264' }, { key: WRIST, codec: 'h264' }]

let root = ''
let server: StaticServer

function writeFiles(dir: string, files: FixtureFiles): void {
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), bytes)
  }
}

function video(dir: string, path: string, frames: number): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=s=160x120:r=30', '-frames:v', String(frames),
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '2', '-movflags', '+faststart', '-y', join(dir, path)])
}

const v2Video = (key: string, i: number): string => `videos/chunk-000/${key}/episode_${String(i).padStart(6, '0')}.mp4`

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'proclens-messy-e2e-'))
  // v2.1, ten episodes: 3 and 7 downloaded whole, 5 only its data file, the rest nothing.
  const v21 = join(root, 'partial_v21')
  const episodes = Array.from({ length: 10 }, (_, index) => ({ index, length: 30, task: `task ${index}`, ...([3, 5, 7].includes(index) ? {} : { noData: true }) }))
  writeFiles(v21, lerobotV21Fixture({ fps: 30, episodes, cameras: CAMERAS }))
  for (const i of [3, 7]) for (const { key } of CAMERAS) video(v21, v2Video(key, i), 30)
  // v3.0, six episodes two per file: only file-001 (episodes 2 and 3) was downloaded.
  const v30 = join(root, 'partial_v30')
  const files = lerobotV30Fixture({ fps: 30, lengths: [20, 20, 20, 20, 20, 20], cameras: [{ key: FRONT, codec: 'h264' }], episodesPerFile: 2 })
  files.delete('data/chunk-000/file-000.parquet')
  files.delete('data/chunk-000/file-002.parquet')
  writeFiles(v30, files)
  video(v30, `videos/${FRONT}/chunk-000/file-001.mp4`, 40)
  server = await startStaticServer({ '/messy': root })
})

test.afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

function row(page: Page, index: number) {
  return page.getByRole('listbox', { name: 'Episodes' }).getByRole('option').filter({ hasText: `#${index}` }).first()
}

test('a partly downloaded v2.1 dataset over HTTP opens on a playable episode, marks the missing ones, and N/P pass over them', async ({ page }) => {
  await openDatasetLink(page, `${server.url}/messy/partial_v21`)
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')
  await expect(page.locator('canvas[data-camera]')).toHaveCount(2)
  await expect(page.getByTestId('files-count')).toHaveText('· 2 playable · 7 missing')
  await expect(row(page, 0)).toContainText('missing')
  await expect(row(page, 0)).toHaveAttribute('title', 'episode_000000')
  await expect(row(page, 0).getByText('missing')).toHaveAttribute('title', `Absent: data/chunk-000/episode_000000.parquet, ${v2Video(FRONT, 0)}, ${v2Video(WRIST, 0)}`)
  await expect(row(page, 5)).toContainText('no video')
  await expect(row(page, 3)).not.toContainText('missing')

  // N: the data-only episode 5 (its timeline still works), then 7; P back; nothing playable before 3.
  await page.keyboard.press('n')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000005')
  await expect(page.getByTestId('absent-media')).toContainText('has no video that can be shown')
  await page.keyboard.press('n')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000007')
  await page.keyboard.press('p')
  await page.keyboard.press('p')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')
  await page.keyboard.press('p')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')

  await page.getByRole('combobox', { name: 'Files' }).selectOption('playable')
  await expect(page.getByTestId('episode-count')).toContainText('2 shown')
  await page.getByRole('combobox', { name: 'Files' }).selectOption('missing')
  await expect(page.getByTestId('episode-count')).toContainText('7 shown')
})

test('a deep link into a missing episode opens it, says why, and offers the neighbours with files; its timeline still scrubs', async ({ page }) => {
  await openDatasetLink(page, `${server.url}/messy/partial_v21`, `&episode=1`)
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000001')
  const absent = page.getByTestId('absent-media')
  await expect(absent).toContainText('episode_000001 is not in this copy of the dataset')
  await expect(absent).toContainText('data/chunk-000/episode_000001.parquet')
  await expect(absent.getByRole('button', { name: /Previous with files/ })).toHaveCount(0)
  // The timeline is there without a camera: a click on the ruler moves the playhead.
  const box = (await page.getByTestId('ruler').boundingBox())!
  await expect(page.getByTestId('frame-number')).toHaveText(/^\s*0$/)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  // The middle of a 30-frame ruler.
  await expect(page.getByTestId('frame-number')).toHaveText(/^\s*1[4-6]$/)
  await absent.getByRole('button', { name: 'Next with files: #3' }).click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')
  await expect(page.locator('canvas[data-camera]')).toHaveCount(2)
})

test('a partly downloaded v3.0 dataset from a local folder opens on the episodes whose shared files are here', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Dataset folder').setInputFiles(join(root, 'partial_v30'))
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  await expect(page.locator('canvas[data-camera]')).toHaveCount(1)
  await expect(page.getByTestId('files-count')).toHaveText('· 2 playable · 4 missing')
  await page.keyboard.press('n')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')
  await page.keyboard.press('n')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')
})

test('the outcome the dataset records sits beside the VLM\'s, and the list finds where they disagree', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000000')
  await expect(row(page, 1)).toContainText('✗ failure')
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('disagree')
  await expect(page.getByTestId('episode-count')).toContainText('1 shown')
  await row(page, 1).click()
  await expect(page.getByTestId('recorded-outcome')).toContainText('The dataset records failure but this episode is marked done')
  await page.getByRole('radio', { name: 'Not done' }).click()
  await expect(page.getByTestId('recorded-outcome')).not.toContainText('but this episode is marked')
})

for (const [width, height] of [[1280, 720], [1440, 900], [2560, 1440]] as const) {
  test(`at ${width}×${height} the cameras fill their area and the header keeps every fact whole`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await page.goto('/?episode=6')
    await expect(page.locator('canvas[data-camera]')).toHaveCount(2)
    await expect(page.getByTestId('editor-timeline')).toBeVisible()
    // The grid's area is as tall as the grid (the editor took the rest), give or take the padding.
    const grid = (await page.locator('[data-layout="grid"] > div').boundingBox())!
    const area = (await page.locator('[data-layout="grid"]').boundingBox())!
    expect(area.height - grid.height).toBeLessThanOrEqual(40)
    // One line of facts, none of them cut.
    const facts = page.getByTestId('episode-facts')
    expect((await facts.boundingBox())!.height).toBeLessThanOrEqual(20)
    await expect(facts.locator('span').first()).toHaveText('· 5,065 frames')
    await page.screenshot({ path: `test-results/layout-${width}x${height}.png` })
  })
}
