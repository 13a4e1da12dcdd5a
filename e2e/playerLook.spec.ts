/**
 * How the player looks and holds still: screenshots of the layouts (saved in test-results/ for a person to
 * look at), no layout shift while stepping or playing, camera names and the frame readout always visible.
 */
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { PageGlobals } from './bench/harness'
import { openEpisode } from './bench/harness'

async function boxes(page: Page) {
  return page.locator('canvas[data-camera]').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect()
    return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10)
  }))
}

async function waitFrame(page: Page, frame: number) {
  await page.evaluate((k) => (globalThis as unknown as PageGlobals).__plHarness.waitPainted(k), frame)
}

test('grid layout: names, painted frame numbers and the readout stay put while stepping and playing', async ({ page }) => {
  await openEpisode(page, 4, 120)
  await expect(page.locator('figcaption').first()).toContainText('front')
  await expect(page.locator('[data-frame-label="observation.images.front"]')).toHaveText('120')
  await expect(page.getByTestId('frame-readout')).toContainText('120')
  await expect(page.getByTestId('frame-readout')).toContainText('/ 858')
  await expect(page.getByTestId('frame-readout')).toContainText('00:04.000')
  const before = await boxes(page)
  await page.screenshot({ path: 'test-results/player-grid.png' })
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight')
  await waitFrame(page, 132)
  await page.keyboard.press('Shift+ArrowLeft')
  await waitFrame(page, 122)
  expect(await boxes(page)).toEqual(before)
  await page.keyboard.press('l')
  await page.waitForTimeout(700)
  expect(await boxes(page)).toEqual(before)
  await page.keyboard.press('k')
  expect(await boxes(page)).toEqual(before)
})

test('focus layout by clicking a camera, then zoom and pan', async ({ page }) => {
  await openEpisode(page, 0, 200)
  await page.locator('[data-camera-tile="observation.images.top"] canvas[data-camera]').click()
  await expect(page.locator('[data-layout="focus"]')).toBeVisible()
  await page.screenshot({ path: 'test-results/player-focus.png' })
  const [big, small] = await boxes(page)
  // The focused camera (top) is large; the other is small, at the side.
  const top = await page.locator('canvas[data-camera="observation.images.top"]').boundingBox()
  expect(top!.width).toBeGreaterThan(2 * Math.min(big![2]!, small![2]!))
  await page.screenshot({ path: 'test-results/player-focus.png' })

  const canvas = page.locator('canvas[data-camera="observation.images.top"]')
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  await expect(canvas).toHaveAttribute('style', /scale\(1\.95/)
  const box = (await canvas.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 4 })
  await page.mouse.up()
  await expect(canvas).toHaveAttribute('style', /translate\(80px, 40px\)/)
  await page.screenshot({ path: 'test-results/player-zoom.png' })
  // Zoom is a transform on the canvas: its pixels (and data-frame) are still the frame's own.
  await page.keyboard.press('ArrowRight')
  await waitFrame(page, 201)
  for (let i = 0; i < 8; i++) await page.keyboard.press('-')
  await expect(canvas).not.toHaveAttribute('style', /scale/)
  await page.keyboard.press('g')
  await expect(page.locator('[data-layout="grid"]')).toBeVisible()
})
