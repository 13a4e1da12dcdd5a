/**
 * Problem rows carry their remedy: a generated dataset (served over HTTP, no directory listings) whose videos the
 * browser cannot use. The episode's problems name the codec or container as read from the file, and "What to do"
 * gives the exact ffmpeg command, selectable, with a copy button.
 */
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { startStaticServer } from './staticServer'
import type { StaticServer } from './staticServer'
import { CAMERA, videoPath, writeUndecodableDataset } from './undecodableDataset'
import { openDatasetLink } from './datasetLink'

let server: StaticServer
let root = ''

test.beforeAll(async () => {
  root = writeUndecodableDataset()
  server = await startStaticServer({ '/undecodable': root })
})

test.afterAll(async () => {
  await server.close()
  rmSync(dirname(root), { recursive: true, force: true })
})

async function openProblems(page: Page, episode: number) {
  await openDatasetLink(page, `${server.url}/undecodable`, `&episode=${episode}`)
  await expect(page.getByTestId('episode-name')).toHaveText(`episode_00000${episode}`)
  await page.getByRole('button', { name: /problems? ▾/ }).click()
  return page.getByTestId('episode-problems')
}

const reencode = (path: string): string =>
  `ffmpeg -i ${path} -map 0:v:0 -c:v libx264 -pix_fmt yuv420p -crf 18 -g 2 -fps_mode passthrough -an -movflags +faststart ${path.replace(/\.mp4$/, '.h264.mp4')}`

test('an MPEG-4 Part 2 video: the row names the codec, and "What to do" gives the command to copy', async ({ page }) => {
  const problems = await openProblems(page, 1)
  const row = problems.getByRole('listitem').filter({ hasText: 'codec-unsupported' })
  await expect(row).toContainText(`codec-unsupported: ${CAMERA}: the video is MPEG-4 Part 2 (mp4v), which browsers do not decode`)
  const remedy = row.getByTestId('remedy')
  await expect(remedy).toContainText('What to do: re-encode it to H.264, keeping every frame, and replace the file:')
  await expect(remedy.locator('code').filter({ hasText: /^ffmpeg / })).toHaveText(reencode(videoPath(1)))
  await expect(remedy.getByRole('button', { name: 'Copy' })).toBeVisible()
  // The other problem of the episode has its own, general remedy.
  await expect(problems.getByRole('listitem').filter({ hasText: 'codec-mismatch' }).getByTestId('remedy'))
    .toHaveText('What to do: fix video.codec in info.json')
})

test('HEVC in a Matroska file named .mp4: container and codec as probed, and the command', async ({ page }) => {
  const problems = await openProblems(page, 2)
  const row = problems.getByRole('listitem').filter({ hasText: 'video-container-unsupported' })
  await expect(row).toContainText(`${videoPath(2)} is a Matroska file, not an MP4: it holds HEVC (H.265) video (V_MPEGH/ISO/HEVC), which browsers do not decode`)
  const remedy = row.getByTestId('remedy')
  await expect(remedy).toContainText('What to do: re-encode it to an H.264 MP4, keeping every frame, and replace the file with it:')
  await expect(remedy.locator('code').filter({ hasText: /^ffmpeg / })).toHaveText(reencode(videoPath(2)))
  await expect(page.locator(`[data-camera-tile="${CAMERA}"]`)).toHaveCount(0)
})
