/**
 * Loading a model's predictions into the app: a CSV for two demo episodes, tagged with a model and the
 * instruction it was given; the chart draws it on both episodes, its unparsed sample as a gap, and it stays
 * after a reload until removed.
 */
import { writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { openEditor } from './editorHelpers'

test('a loaded prediction file is drawn on its episodes, kept across reloads, and removed', async ({ page }, info) => {
  const csv = info.outputPath('my-model.csv')
  writeFileSync(csv, 'episode,frame_index,progress\nepisode_000000,0,0.0\nepisode_000000,100,0.3\nepisode_000000,200,0.7\nepisode_000000,300,1.0\nepisode_000001,0,0.1\n')
  await openEditor(page, 0, 0)
  const legend = page.getByRole('group', { name: 'Curves' })
  await expect(legend).toContainText('procvlm-2b')
  await page.getByRole('button', { name: 'Predictions…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Model predictions' })
  await dialog.getByLabel('Prediction files').setInputFiles(csv)
  await expect(dialog.getByLabel('Model of my-model.csv')).toHaveValue('my-model')
  await dialog.getByLabel('Instruction of my-model.csv').fill('put the red cube into the bin quickly')
  await dialog.getByRole('button', { name: 'Add 1 file' }).click()
  await expect(dialog.getByRole('list', { name: 'Loaded prediction files' })).toContainText('2 episodes')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(legend).toContainText('my-model · put the red cube into the bin quickly')
  await page.screenshot({ path: info.outputPath('loaded-predictions.png') })

  await page.reload()
  await expect(legend).toContainText('my-model · put the red cube into the bin quickly')
  await page.keyboard.press('n')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000001')
  await expect(legend).toContainText('my-model')

  await page.getByRole('button', { name: 'Predictions…' }).click()
  await dialog.getByRole('button', { name: 'Remove my-model.csv' }).click()
  await expect(dialog.getByRole('list', { name: 'Loaded prediction files' })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(legend).not.toContainText('my-model')
})
