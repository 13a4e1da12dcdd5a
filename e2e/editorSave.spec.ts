/**
 * Nothing shown as saved is ever lost: a reload and a killed tab bring back the corrected document and its undo
 * history; a second tab on the same episode is told, follows the first, cannot overwrite it, and can take over.
 */
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { injectHarness } from './bench/harness'
import { boundaries, goToFrame, historyLines, openEditor, saved } from './editorHelpers'

/** Two edits: the boundary nearest to 200 (the grasp's, at 105) moves there; the grasp splits at 150. */
async function editEpisode2(page: Page): Promise<void> {
  await goToFrame(page, 200)
  await page.keyboard.press('b')
  await goToFrame(page, 150)
  await page.keyboard.press('s')
  await saved(page)
}

test('a reload brings back the corrected document and its undo history', async ({ page }) => {
  await openEditor(page, 2, 0)
  expect(await boundaries(page)).toEqual([105, 465])
  await editEpisode2(page)
  expect(await boundaries(page)).toEqual([150, 200, 465])
  await page.reload()
  await expect(page.locator('[data-boundary]')).toHaveCount(3)
  expect(await boundaries(page)).toEqual([150, 200, 465])
  await expect(page.getByTestId('history').getByRole('button').first()).toHaveText('Opened: saved corrections')
  await expect(historyLines(page)).toHaveText(['Move boundary 1 to frame 200', 'Split "Grasp the blue cube." at frame 150'])
  await page.keyboard.press('Control+z')
  expect(await boundaries(page)).toEqual([200, 465])
  await saved(page)
  await page.reload()
  await expect(page.locator('[data-boundary]')).toHaveCount(2)
  await expect(historyLines(page)).toHaveCount(2)
  await page.keyboard.press('Control+Shift+Z')
  expect(await boundaries(page)).toEqual([150, 200, 465])
})

test('a killed tab loses nothing that was shown as saved', async ({ page, context }) => {
  await openEditor(page, 2, 0)
  await editEpisode2(page)
  // The renderer dies without unload handlers, as a crash or a killed process would.
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()))
  await page.goto('chrome://crash').catch(() => undefined)
  await crashed
  const again = await context.newPage()
  await injectHarness(again)
  await again.goto('/?episode=2')
  await expect(again.locator('[data-boundary]')).toHaveCount(3)
  expect(await boundaries(again)).toEqual([150, 200, 465])
  await expect(historyLines(again)).toHaveCount(2)
})

test('a second tab on the same episode is read-only, follows the first, cannot overwrite it, and can take over', async ({ context }) => {
  const first = await context.newPage()
  await openEditor(first, 2, 0)
  const second = await context.newPage()
  await openEditor(second, 2, 0)
  await expect(second.getByTestId('read-only')).toContainText('open for editing in another tab')
  await expect(first.getByTestId('read-only')).toHaveCount(0)

  await editEpisode2(first)
  await expect.poll(() => boundaries(second)).toEqual([150, 200, 465])
  await second.keyboard.press('s')
  await expect(second.getByTestId('refusal')).toContainText('another tab')
  expect(await boundaries(second)).toEqual([150, 200, 465])
  await second.screenshot({ path: 'test-results/editor-second-tab.png' })

  await second.getByRole('button', { name: 'Edit here instead' }).click()
  await expect(second.getByTestId('read-only')).toHaveCount(0)
  await expect(first.getByTestId('read-only')).toContainText('took over')
  await goToFrame(second, 400)
  await second.keyboard.press('s')
  await saved(second)
  await expect.poll(() => boundaries(first)).toEqual([150, 200, 400, 465])

  // When the editing tab goes, the other one edits by itself, from the latest save.
  await second.close()
  await expect(first.getByTestId('read-only')).toHaveCount(0)
  await goToFrame(first, 420)
  await first.keyboard.press('b')
  await saved(first)
  expect(await boundaries(first)).toEqual([150, 200, 420, 465])
  await expect(historyLines(first)).toHaveCount(4)
})
