import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_DIR, HAVE_SHARED, SHARED_DATASETS } from './paths'
import { paintedFrame } from './stamps'
import { startStaticServer } from './staticServer'
import type { StaticServer } from './staticServer'
import { openDatasetLink } from './datasetLink'

let server: StaticServer
let bigDataset: string

const COLORS = ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'purple', 'white', 'black']

/** A LeRobot v2.1 index of 100,000 episodes (metadata only: the list must not need the episode files). */
function writeBigIndex(dir: string): void {
  mkdirSync(join(dir, 'meta'), { recursive: true })
  const info = {
    codebase_version: 'v2.1', robot_type: 'sim', fps: 30, total_episodes: 100_000, total_frames: 100_000 * 200,
    total_tasks: 10, total_videos: 100_000, total_chunks: 100, chunks_size: 1000, splits: { train: '0:100000' },
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4',
    features: {
      'observation.images.front': { dtype: 'video', shape: [192, 256, 3], names: ['height', 'width', 'channels'], info: { 'video.codec': 'av1', 'video.fps': 30 } },
      timestamp: { dtype: 'float32', shape: [1], names: null },
      frame_index: { dtype: 'int64', shape: [1], names: null },
      episode_index: { dtype: 'int64', shape: [1], names: null },
      index: { dtype: 'int64', shape: [1], names: null },
      task_index: { dtype: 'int64', shape: [1], names: null },
    },
  }
  writeFileSync(join(dir, 'meta/info.json'), JSON.stringify(info))
  const tasks = COLORS.map((c, i) => JSON.stringify({ task_index: i, task: `stack the ${c} block` }))
  writeFileSync(join(dir, 'meta/tasks.jsonl'), `${tasks.join('\n')}\n`)
  const lines: string[] = []
  for (let i = 0; i < 100_000; i++) lines.push(JSON.stringify({ episode_index: i, tasks: [`stack the ${COLORS[i % 10]!} block`], length: 150 + (i * 7919) % 700 }))
  writeFileSync(join(dir, 'meta/episodes.jsonl'), `${lines.join('\n')}\n`)
}

test.beforeAll(async () => {
  bigDataset = mkdtempSync(join(tmpdir(), 'proclens-big-'))
  writeBigIndex(join(bigDataset, 'big'))
  server = await startStaticServer({ '/demo': DEMO_DIR, '/shared': SHARED_DATASETS, '/big': join(bigDataset, 'big') })
})

test.afterAll(async () => {
  await server.close()
  rmSync(bigDataset, { recursive: true, force: true })
})

test('open a local folder: the demo dataset chosen from disk', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: 'Episodes' }).getByRole('option')).toHaveCount(7)
  await page.getByLabel('Dataset folder').setInputFiles(DEMO_DIR)
  await expect(page).toHaveURL(/dataset=local/)
  await page.getByRole('listbox', { name: 'Episodes' }).getByRole('option').filter({ hasText: '#5' }).click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000005')
  await page.keyboard.press('End')
  const last = 345
  for (const canvas of await page.locator('canvas[data-camera]').all()) {
    await expect(canvas).toHaveAttribute('data-frame', String(last))
    expect(await paintedFrame(canvas)).toEqual({ declared: last, stamp: last })
  }
})

test('open by URL: the demo from another origin, by deep link, at an exact frame', async ({ page }) => {
  await openDatasetLink(page, `${server.url}/demo`, `&episode=3&frame=211`)
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000003')
  for (const canvas of await page.locator('canvas[data-camera]').all()) {
    await expect(canvas).toHaveAttribute('data-frame', '211')
    expect((await paintedFrame(canvas)).stamp).toBe(211)
  }
})

test('a 100,000-episode index opens at once, scrolls, filters, and names missing episode files', async ({ page }) => {
  await openDatasetLink(page, `${server.url}/big`)
  const list = page.getByRole('listbox', { name: 'Episodes' })
  await expect(page.getByTestId('episode-count')).toContainText('100,000 episodes')
  // Virtualized: a screenful of rows in the DOM, not 100,000.
  expect(await list.getByRole('option').count()).toBeLessThan(80)
  await list.evaluate((el) => { el.scrollTop = el.scrollHeight })
  await expect(list.getByRole('option').filter({ hasText: '#99999' })).toBeVisible()
  await expect(list.getByRole('option').filter({ hasText: '#99999' })).toContainText('stack the black block')
  await page.getByLabel('Filter episodes by task or name').fill('purple')
  await expect(page.getByTestId('episode-count')).toContainText('10,000 shown', { timeout: 30_000 })
  await list.getByRole('option').first().click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000007')
  await expect(page.getByText(/problem/).first()).toBeVisible()
})

test.describe('real datasets', () => {
  test.skip(!HAVE_SHARED, 'shared datasets are not beside the repository')

  test('open by URL: a real LeRobot v2.1 episode (AV1) over HTTP', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel('Dataset URL').fill(`${server.url}/shared/g1-policy-train_lerobot-v2.1`)
    await page.getByRole('button', { name: 'Open URL' }).click()
    await expect(page.getByTestId('dataset-label')).toHaveText('g1-policy-train_lerobot-v2.1')
    await page.getByLabel('Filter episodes by task or name').fill('#29')
    await page.getByRole('listbox', { name: 'Episodes' }).getByRole('option').filter({ hasText: '#29' }).click()
    await expect(page.getByTestId('episode-task')).toHaveText('Pick up the yellow bottle on the table.')
    const canvas = page.locator('canvas[data-camera]')
    await expect(canvas).toHaveCount(1)
    await page.keyboard.press('Shift+ArrowRight')
    await expect(canvas).toHaveAttribute('data-frame', '10')
  })

  test('open a local folder of image sequences (DROID export, three cameras)', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel('Dataset folder').setInputFiles(join(SHARED_DATASETS, 'crowndata-droid_image-sequences'))
    await expect(page.getByRole('listbox', { name: 'Episodes' }).getByRole('option')).toHaveCount(2)
    await page.getByRole('listbox', { name: 'Episodes' }).getByRole('option').nth(1).click()
    await expect(page.getByTestId('episode-task')).toHaveText('pick up an item')
    const views = page.locator('[data-camera]')
    await expect(views).toHaveCount(3)
    await page.keyboard.press('ArrowRight')
    for (const v of await views.all()) await expect(v).toHaveAttribute('data-frame', '1')
  })
})

test.describe('every shared dataset opens, or says why not', () => {
  test.skip(!HAVE_SHARED, 'shared datasets are not beside the repository')

  for (const [folder, episodes, first] of [
    ['so101-record-test_lerobot-v3.0', '4 episodes', 'Pick the orange cube and place it in the box'],
    ['robocoin-g1edu-schema-only', '38 episodes', undefined],
  ] as const) {
    test(`${folder}: ${episodes}, problems named`, async ({ page }) => {
      await openDatasetLink(page, `${server.url}/shared/${folder}`)
      await expect(page.getByTestId('episode-count')).toContainText(episodes)
      if (first !== undefined) await expect(page.getByTestId('episode-task')).toHaveText(first)
      // Missing videos, an unknown fps or absent episode files are shown as problems, not a crash.
      await expect(page.getByText(/problems?/).first()).toBeVisible()
    })
  }

  test('a plain folder of frames (ECoT Bridge JPEGs) opens from disk, with its unknown fps named', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel('Dataset folder').setInputFiles(join(SHARED_DATASETS, 'ecot-bridge-intermediate'))
    await expect(page.getByTestId('episode-count')).toContainText('1 episodes')
    await expect(page.getByTestId('episode-name')).toHaveText('episode_1')
    await expect(page.locator('[data-camera]')).toHaveCount(1)
    await page.getByText(/problems?/).first().click()
    await expect(page.getByText(/fps-unknown/)).toBeVisible()
  })

  test('over plain HTTP, a folder without metadata cannot be listed, and the app says so', async ({ page }) => {
    await openDatasetLink(page, `${server.url}/shared/ecot-bridge-intermediate`)
    await expect(page.getByRole('alert')).toContainText('cannot list its folders')
  })

  test('a folder of predictions is not a dataset, and the app says what it holds', async ({ page }) => {
    await openDatasetLink(page, `${server.url}/shared/opengvl-predictions`)
    await expect(page.getByRole('alert')).toContainText('Could not open this dataset')
  })
})
