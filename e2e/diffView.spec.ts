/**
 * The diff against the VLM proposal (docs/review.md, "Diff"): move a boundary of demo episode 0, show the diff with
 * D, and find the move everywhere it should be: the Changes list (`+3 f`), the proposal track's mark, the target's
 * change in the summary and the max-Δ mark on the chart. Screenshots go to test-results/.
 */
import { expect, test } from '@playwright/test'
import { boundaries, openEditor, saved } from './editorHelpers'

test('a boundary moved by 3 frames: the diff lists +3 f, marks it on the proposal track and says how far the target moved', async ({ page }) => {
  await openEditor(page, 0, 100)
  expect(await boundaries(page)).toEqual([165, 240])
  const count = page.getByTestId('changes-count')
  await expect(count).toHaveText('None: the proposal as it was')
  await expect(page.getByTestId('target-change')).toHaveText('Target: the target is the proposal\'s')

  // A focused boundary moves by a frame per arrow press; the three presses are one change.
  const handle = page.locator('[data-boundary="0"]')
  await handle.focus()
  for (let i = 0; i < 3; i++) await handle.press('ArrowRight')
  expect(await boundaries(page)).toEqual([168, 240])
  await saved(page)

  await expect(page.getByTestId('changes-list')).toHaveCount(0)
  await page.keyboard.press('d')
  const list = page.getByTestId('changes-list')
  await expect(list.locator('[data-kind="boundary"]')).toHaveCount(1)
  await expect(list.locator('[data-kind="boundary"]')).toContainText('“Grasp the red cube.” | “Place the red cube into the bin.”: 165 → 168')
  await expect(list.getByTestId('diff-shift')).toHaveText('+3 f')
  await expect(page.getByTestId('proposal-track').locator('[data-shift="3"]')).toHaveCount(1)

  // The target moved: a largest difference somewhere near the boundary, and a smaller mean.
  const change = await page.getByTestId('target-change').textContent()
  const m = /max \|Δ\| ([\d.]+) pts at frame (\d+) · mean ([\d.]+) pts/.exec(change ?? '')
  expect(m, change ?? '').not.toBeNull()
  const [max, frame, mean] = [Number(m![1]), Number(m![2]), Number(m![3])]
  expect(max).toBeGreaterThan(0)
  expect(mean).toBeGreaterThan(0)
  expect(mean).toBeLessThan(max)
  expect(frame).toBeGreaterThan(100)
  expect(frame).toBeLessThan(240)
  await expect(page.getByTestId('diff-chart-marks')).toHaveAttribute('data-max-frame', String(frame))
  await expect(count).toHaveText('1 change')
  await page.getByTestId('changes').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/diff-view.png' })

  // Clicking the change goes there: the playhead on the boundary's new frame.
  await list.locator('[data-kind="boundary"]').click()
  await expect(page.getByTestId('frame-number')).toHaveText(/^\s*168$/)

  // D again hides the diff: the proposal track and the list go, the count stays.
  await page.keyboard.press('d')
  await expect(page.getByTestId('proposal-track')).toHaveCount(0)
  await expect(page.getByTestId('changes-list')).toHaveCount(0)
  await expect(count).toHaveText('1 change')
})
