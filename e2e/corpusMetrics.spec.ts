/**
 * The corpus metrics from the top bar: every demo episode scored per model, means on top, and a row opens its
 * episode at the frame where the model is furthest off.
 */
import { expect, test } from '@playwright/test'

test('corpus metrics: rows per episode and model, means per model, a row opens its worst frame', async ({ page }, info) => {
  await page.goto('/')
  await expect(page.getByTestId('episode-name')).toBeVisible()
  await page.getByRole('button', { name: 'Metrics', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Corpus metrics' })
  const rows = dialog.getByRole('table', { name: 'Metrics per episode and model' }).locator('tbody tr')
  await expect(rows.first()).toBeVisible({ timeout: 30_000 })
  expect(await rows.count()).toBeGreaterThanOrEqual(14)
  await expect(dialog.getByRole('table', { name: 'Corpus means per model' })).toContainText('procvlm-2b')
  await page.screenshot({ path: info.outputPath('corpus-metrics.png') })
  const title = await rows.first().getAttribute('title')
  const frame = Number(/Open at frame (\d+)/.exec(title ?? '')?.[1])
  expect(Number.isInteger(frame)).toBe(true)
  await rows.first().click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('frame-number')).toHaveText(new RegExp(`^\\s*${frame}$`))
})
