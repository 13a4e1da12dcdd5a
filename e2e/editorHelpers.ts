/**
 * Driving the timeline editor as a user does: open an episode of the demo, move the playhead with the frame
 * field, read what the timeline and the inspector show.
 */
import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { openEpisode } from './bench/harness'

/**
 * Opens a demo episode at a frame and waits until its document is open in the editor and its visual change is
 * drawn (until then the target spreads budgets by time alone, and its values would change under the test).
 */
export async function openEditor(page: Page, episode: number, frame = 0): Promise<void> {
  await openEpisode(page, episode, frame)
  await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible()
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'loading')
  await expect(page.getByTestId('waveform').locator('div')).not.toHaveCount(0, { timeout: 30_000 })
}

/** Types a frame into the "Go to frame" field, as a user does, and waits for the readout. */
export async function goToFrame(page: Page, frame: number): Promise<void> {
  const field = page.getByLabel('Go to frame')
  await field.fill(String(frame))
  await field.press('Enter')
  await expect(page.getByTestId('frame-number')).toHaveText(new RegExp(`^\\s*${frame}$`))
}

/** Each segment's end frame, in order (the track's boundary handles, plus the last frame). */
export async function boundaries(page: Page): Promise<number[]> {
  return page.locator('[data-boundary]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-valuenow'))))
}

/** The segment blocks' names as the timeline shows them (their tooltips' first part). */
export async function segmentNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="segment-track"] [data-segment]').evaluateAll((els) => els.map((e) => (e.getAttribute('title') ?? '').split(' · ')[0] ?? ''))
}

/** The history panel's changes (without its first line, the opened document). */
export function historyLines(page: Page): Locator {
  return page.getByTestId('history').locator('li:not(:first-child) button')
}

/** Waits until the last change is in IndexedDB (the indicator says so only then). */
export async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
}

/** The x of boundary `frame` on the segment track (the handle's centre). */
export async function boundaryX(page: Page, index: number): Promise<{ x: number; y: number }> {
  const box = await page.locator(`[data-boundary="${index}"]`).boundingBox()
  if (box === null) throw new Error(`boundary ${index} is not visible`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** The x on the segment track of the left edge of `frame` (the track spans the timeline's window). */
export async function frameX(page: Page, frame: number, frameCount: number): Promise<number> {
  const box = await page.getByTestId('segment-track').boundingBox()
  if (box === null) throw new Error('no segment track')
  return box.x + (frame / frameCount) * box.width
}
