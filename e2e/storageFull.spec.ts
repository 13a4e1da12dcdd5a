/**
 * When IndexedDB is full, a save fails: the user is told what happened, that the change is kept in the tab and
 * what to do; "Save again" saves once there is space; and nothing stored is damaged meanwhile (a reload shows the
 * last saved document).
 */
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { invalidity, killPage, readShown, reopen } from './durabilityHelpers'
import { boundaries, goToFrame, historyLines, openEditor, saved } from './editorHelpers'

/**
 * From `full(page, true)` on, every write to IndexedDB fails as a full disk makes it fail: with a
 * `QuotaExceededError`, which aborts the transaction it was in. (Chromium's quota override in the DevTools protocol
 * did not make this build refuse small writes, so the refusal is made in the page, where the app meets it.)
 */
const DISK = `(() => {
  const refuse = (original) => function (...args) {
    if (globalThis.__diskFull === true) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    return original.apply(this, args)
  }
  IDBObjectStore.prototype.put = refuse(IDBObjectStore.prototype.put)
  IDBObjectStore.prototype.add = refuse(IDBObjectStore.prototype.add)
})()`

async function full(page: Page, on: boolean): Promise<void> {
  await page.evaluate((v) => { (globalThis as { __diskFull?: boolean }).__diskFull = v }, on)
}

/** Episode 2's grasp boundary moves to 200 and is saved: the last document saved before the disk fills. */
async function savedEdit(page: Page): Promise<void> {
  await page.context().addInitScript(DISK)
  await openEditor(page, 2, 0)
  await goToFrame(page, 200)
  await page.keyboard.press('b')
  await saved(page)
  expect(await boundaries(page)).toEqual([200, 465])
}

async function failedSplit(page: Page): Promise<void> {
  await goToFrame(page, 150)
  await page.keyboard.press('s')
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'failed')
  // The change stays on screen: the tab keeps it until it can be saved.
  expect(await boundaries(page)).toEqual([150, 200, 465])
}

test('a full disk: the user is told what happened and what to do, and "Save again" saves once there is space', async ({ page }) => {
  await savedEdit(page)
  await full(page, true)
  await failedSplit(page)
  const message = page.getByTestId('save-failed')
  await expect(message).toContainText('storage for this site is full')
  await expect(message).toContainText('Your changes are kept in this tab')
  await expect(message).toContainText('do not close or reload it')
  await expect(message).toContainText('Free some space')
  await expect(message).toContainText('export the records')
  await expect(page.getByTestId('save-status')).toHaveText('Not saved')
  await page.screenshot({ path: 'test-results/editor-storage-full.png' })

  await full(page, false)
  await page.getByRole('button', { name: 'Save again' }).click()
  await saved(page)
  await expect(message).toHaveCount(0)
  await page.reload()
  await expect(page.locator('[data-boundary]')).toHaveCount(3)
  expect(await boundaries(page)).toEqual([150, 200, 465])
  await expect(historyLines(page)).toHaveText(['Move boundary 1 to frame 200', 'Split "Grasp the blue cube." at frame 150'])
})

test('a full disk damages nothing stored: after a kill the last saved document comes back, valid, with its history', async ({ page, context }) => {
  await savedEdit(page)
  await full(page, true)
  await failedSplit(page)
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'failed')
  await killPage(page)
  const again = await reopen(context, 2)
  const shown = await readShown(again)
  // Episode 2 has 565 frames.
  expect(invalidity(shown, 565)).toBeUndefined()
  expect(await boundaries(again)).toEqual([200, 465])
  await expect(historyLines(again)).toHaveText(['Move boundary 1 to frame 200'])
})
