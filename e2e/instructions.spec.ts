/**
 * Zero-shot reward editing on the demo: episode 0 was run by both models under the task and under a longer
 * instruction whose extra step never happens; the inspector says where each model's two curves part, the chart
 * marks those frames, and a click goes there.
 */
import { expect, test } from '@playwright/test'
import { openEditor } from './editorHelpers'

test('one episode under two instructions: where the curves part is listed, marked, and a click away', async ({ page }, info) => {
  await openEditor(page, 0, 0)
  const panel = page.getByTestId('instructions-panel')
  await expect(panel).toContainText('procvlm-2b')
  await expect(panel).toContainText('timebase-7b')
  await expect(panel).toContainText('put the red cube into the bin')
  const part = panel.getByRole('button', { name: /part at frame \d+/ }).first()
  await expect(part).toBeVisible()
  const frame = Number(/part at frame (\d+)/.exec(await part.innerText())?.[1])
  await expect(page.getByTestId('instruction-marks').locator('rect').first()).toBeVisible()
  await part.click()
  await expect(page.getByTestId('frame-number')).toHaveText(new RegExp(`^\\s*${frame}$`))
  await page.screenshot({ path: info.outputPath('instructions.png') })
})
