/**
 * A reviewer's pass through the demo, as a user makes it: accept with A, move on with Q, correct and flag one,
 * export a zip (streamed into a file the save picker gave), then import the records into a fresh browser
 * profile and export again: the same zip, byte for byte.
 */
import { readFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { boundaries, goToFrame, openEditor, saved } from './editorHelpers'

/** The save picker answers with a file in the origin's private file system, which the test reads back. */
async function saveIntoPrivateFiles(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showSaveFilePicker', {
      configurable: true,
      value: async (options: { suggestedName: string }) => {
        const root = await navigator.storage.getDirectory()
        return root.getFileHandle(options.suggestedName, { create: true })
      },
    })
  })
}

async function privateFile(page: Page, name: string): Promise<Uint8Array> {
  const bytes = await page.evaluate(async (n) => {
    const root = await navigator.storage.getDirectory()
    const file = await (await root.getFileHandle(n)).getFile()
    return Array.from(new Uint8Array(await file.arrayBuffer()))
  }, name)
  return new Uint8Array(bytes)
}

async function exportZip(page: Page): Promise<{ zip: Uint8Array; files: Record<string, Uint8Array> }> {
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByLabel(/ProcCorpus/).check()
  await dialog.getByLabel(/ProcLens records/).check()
  await dialog.getByLabel(/Selection lists/).check()
  await dialog.getByRole('button', { name: 'Export zip…' }).click()
  await expect(dialog.getByTestId('export-summary')).toContainText('Exported 7 episodes to demo-export.zip')
  await page.screenshot({ path: test.info().outputPath('export-dialog.png') })
  const zip = await privateFile(page, 'demo-export.zip')
  await dialog.getByRole('button', { name: 'Close' }).click()
  return { zip, files: unzipSync(zip) }
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

test('review with the keys, export, import into a fresh profile: the same state and the same zip', async ({ page, browser }, info) => {
  await saveIntoPrivateFiles(page)
  await openEditor(page, 0, 0)
  // A accepts as proposed: the name is asked once.
  await page.keyboard.press('a')
  await page.getByTestId('review-prompt-input').fill('Ana')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('review-status')).toContainText('accepted')
  // The list as a review queue: work left first, the verdict at the end.
  const options = page.getByRole('listbox', { name: 'Episodes' }).getByRole('option')
  await page.getByLabel('Sort', { exact: true }).selectOption('queue:index')
  await expect(options.first()).toContainText('#1')
  await expect(options.last()).toContainText('#0')
  // Q: the next episode without a verdict (round from the end of the queue to its start).
  await page.keyboard.press('q')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000001')
  await expect(page.getByTestId('review-status')).toContainText('unreviewed')
  await expect(page.locator('[data-boundary]').first()).toBeVisible()
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'loading')
  // An edit puts it in progress; F flags it, with a reason (the name is not asked again).
  const before = await boundaries(page)
  await goToFrame(page, before[0]! + 12)
  await page.keyboard.press('b')
  await saved(page)
  await expect(page.getByTestId('review-status')).toContainText('in progress')
  await page.keyboard.press('f')
  await page.getByTestId('review-prompt-input').fill('gripper hidden behind the bin')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('review-status')).toContainText('flagged')
  await expect(options.filter({ hasText: '#0' })).toContainText('accepted')
  // Flagged goes after the work left, before the verdicts.
  await expect(options.nth(5)).toContainText('#1')
  await expect(options.nth(6)).toContainText('#0')
  await page.screenshot({ path: info.outputPath('queue.png') })

  const { zip: firstZip, files: first } = await exportZip(page)
  expect(Object.keys(first).filter((p) => p.startsWith('v2/sub_task/demo/'))).toHaveLength(7)
  expect(text(first['selection/accepted.jsonl'])).toBe('{"dataset_name":"demo","episode_name":"episode_000000"}\n')
  expect(text(first['selection/flagged.jsonl'])).toBe('{"dataset_name":"demo","episode_name":"episode_000001"}\n')
  expect(text(first['selection/rejected.jsonl'])).toBe('')
  // The untouched episode exports exactly the labels it came from; the corrected one does not.
  const demoFlat = async (e: string) => readFile(`public/demo/annotation/v2/sub_task/demo/${e}.sub_task.jsonl`, 'utf8')
  expect(text(first['v2/sub_task/demo/episode_000002.sub_task.jsonl'])).toBe(await demoFlat('episode_000002'))
  expect(text(first['v2/sub_task/demo/episode_000001.sub_task.jsonl'])).not.toBe(await demoFlat('episode_000001'))
  const records = first['records/demo.records.jsonl']!
  const recordsFile = info.outputPath('demo.records.jsonl')
  const { writeFile } = await import('node:fs/promises')
  await writeFile(recordsFile, records)

  // A fresh profile: nothing saved, nothing reviewed, until the records are imported.
  const fresh = await browser.newContext()
  const other = await fresh.newPage()
  await saveIntoPrivateFiles(other)
  await openEditor(other, 1, 0)
  expect(await boundaries(other)).toEqual(before)
  await other.getByRole('button', { name: 'Import…' }).click()
  await other.getByLabel('Records file').setInputFiles(recordsFile)
  await expect(other.getByTestId('import-review')).toContainText('7 records')
  await other.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(other.getByTestId('import-summary')).toContainText('Imported 7 episodes')
  await other.getByRole('button', { name: 'Reload to see them' }).click()
  await expect(other.getByTestId('review-status')).toContainText('flagged')
  const corrected = await boundaries(page)
  expect(corrected).not.toEqual(before)
  await expect.poll(() => boundaries(other)).toEqual(corrected)
  await expect(other.getByRole('button', { name: 'Undo' })).toBeEnabled()

  await other.screenshot({ path: info.outputPath('imported.png') })
  const { zip: secondZip, files: second } = await exportZip(other)
  expect(Object.keys(second)).toEqual(Object.keys(first))
  for (const path of Object.keys(first)) expect(text(second[path]), path).toBe(text(first[path]))
  // The zip itself is deterministic (fixed dates, entries in order): the same bytes from both profiles.
  expect(Buffer.from(secondZip).equals(Buffer.from(firstZip))).toBe(true)
  await fresh.close()
})
