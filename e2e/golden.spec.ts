import { expect, test } from '@playwright/test'
import { paintedFrame } from './stamps'

// The foundation's golden path: the app opens on the embedded demo dataset, lists its episodes, opens one,
// shows its instruction, and a camera shows a decoded video frame whose burned-in stamp is the frame asked for.
test('open the demo, open an episode, see the instruction and the right decoded frame', async ({ page }, testInfo) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })

  await page.goto('/')
  const list = page.getByRole('listbox', { name: 'Episodes' })
  await expect(list.getByRole('option')).not.toHaveCount(0)
  await expect(page.getByTestId('episode-count')).toContainText('episodes')

  await list.getByRole('option').nth(2).click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  await expect(page.getByTestId('episode-task')).not.toBeEmpty()
  await expect(page).toHaveURL(/episode=2/)

  // Step to a frame away from the start, then check every camera shows exactly that frame.
  for (let i = 0; i < 17; i++) await page.keyboard.press('ArrowRight')
  const canvases = page.locator('canvas[data-camera]')
  await expect(canvases).toHaveCount(2)
  for (const canvas of await canvases.all()) {
    await expect(canvas).toHaveAttribute('data-frame', '17')
    expect(await paintedFrame(canvas)).toEqual({ declared: 17, stamp: 17 })
  }

  await page.screenshot({ path: testInfo.outputPath('golden-path.png') })
  await testInfo.attach('golden-path', { path: testInfo.outputPath('golden-path.png'), contentType: 'image/png' })
  expect(errors).toEqual([])
})

test('a deep link opens exactly that episode and frame, and a reload keeps the place', async ({ page }) => {
  await page.goto('/?episode=1&frame=42')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000001')
  const canvas = page.locator('canvas[data-camera]').first()
  await expect(canvas).toHaveAttribute('data-frame', '42')
  expect((await paintedFrame(canvas)).stamp).toBe(42)
  await page.keyboard.press('Shift+ArrowRight')
  await expect(canvas).toHaveAttribute('data-frame', '52')
  await expect(page).toHaveURL(/frame=52/)
  await page.reload()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000001')
  await expect(page.locator('canvas[data-camera]').first()).toHaveAttribute('data-frame', '52')
})
