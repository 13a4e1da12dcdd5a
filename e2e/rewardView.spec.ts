/**
 * The reward view (docs/reward.md): open demo episode 0, show the reward with W, read the target's return and
 * check it against the CSV download and the rule (the target's per-frame deltas never reach the clip, so its
 * return telescopes to its last progress); export the progress and reward charts as SVG and PNG figures and check
 * the files. Screenshots go to test-results/.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { openEditor } from './editorHelpers'

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const event = page.waitForEvent('download')
  await click()
  const d = await event
  const bytes = readFileSync(await d.path())
  // Kept beside the screenshots, to look at.
  writeFileSync(`test-results/${d.suggestedFilename()}`, bytes)
  return { name: d.suggestedFilename(), bytes }
}

async function figure(page: Page, menu: Locator, kind: 'svg' | 'png') {
  if (await menu.getAttribute('open') === null) await menu.locator('summary').click()
  return download(page, () => menu.getByTestId(`figure-${kind}`).click())
}

/** An SVG that parses (no parsererror) in the browser, with the number of elements matching `selector`. */
async function parsedSvg(page: Page, text: string, selector: string): Promise<{ ok: boolean; count: number; width: string | null }> {
  return page.evaluate(([t, s]) => {
    const doc = new DOMParser().parseFromString(t!, 'image/svg+xml')
    return { ok: doc.querySelector('parsererror') === null && doc.documentElement.tagName === 'svg', count: doc.querySelectorAll(s!).length, width: doc.documentElement.getAttribute('width') }
  }, [text, selector])
}

function pngSize(bytes: Buffer): { signature: boolean; width: number; height: number } {
  const signature = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  // The first chunk is IHDR: width and height are its first two big-endian words.
  return { signature, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

test('the reward view: the target\'s return equals the CSV\'s and its last progress; figures as SVG and PNG at 2100 × 900', async ({ page }) => {
  await openEditor(page, 0, 100)
  await expect(page.getByTestId('reward-track')).toHaveCount(0)
  await page.keyboard.press('w')
  const track = page.getByTestId('reward-track')
  await expect(track).toBeVisible()
  await expect(track).toHaveAttribute('data-curve', 'target')
  const panel = page.getByTestId('reward-panel')
  const targetRow = panel.locator('tr[data-curve="target"]')
  await expect(targetRow).toBeVisible()
  // The demo has a model's predictions: a row for it too.
  await expect(panel.locator('tr[data-curve^="model:"]')).not.toHaveCount(0)

  const shown = Number(await targetRow.getByTestId('reward-total').textContent())
  const total = Number(await track.getAttribute('data-total'))
  expect(shown).toBeCloseTo(total, 3)

  const csv = await download(page, () => panel.getByTestId('reward-csv').click())
  expect(csv.name).toMatch(/\.target\.reward\.csv$/)
  const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n')
  expect(lines[0]).toBe('frame,progress,reward,return,return_h,advantage,kept')
  const rows = lines.slice(1).map((l) => l.split(',').map(Number))
  const sum = rows.reduce((a, r) => a + r[2]!, 0)
  const last = rows[rows.length - 1]!
  expect(sum).toBeCloseTo(total, 4)
  expect(last[3]).toBeCloseTo(total, 4)
  // No per-frame delta of the target reaches c = 0.2: the return is the last progress.
  expect(Math.max(...rows.map((r) => Math.abs(r[2]!)))).toBeLessThan(0.2)
  expect(total).toBeCloseTo(last[1]!, 4)
  const kept = rows.filter((r) => r[6] === 1).length / rows.length
  expect(Number(await track.getAttribute('data-kept'))).toBeCloseTo(kept, 6)
  await expect(targetRow.getByTestId('reward-kept')).toHaveText(`${(kept * 100).toFixed(1)}%`)

  // A baseline at the mean keeps fewer frames of a curve that never goes down.
  await panel.getByRole('radio', { name: 'A > mean' }).click()
  await expect.poll(async () => Number(await track.getAttribute('data-kept'))).toBeLessThan(kept)
  await expect(track.locator('rect[data-keep="0"]')).not.toHaveCount(0)
  await expect(track.locator('rect[data-keep="1"]')).not.toHaveCount(0)

  await panel.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/reward-view.png' })

  // A model's curve: its calls' rewards, sparser and clipped; the row follows the choice.
  const model = panel.locator('tr[data-curve^="model:"]').first()
  await model.click()
  await expect(track).toHaveAttribute('data-curve', (await model.getAttribute('data-curve'))!)
  expect(Number(await track.getAttribute('data-total'))).toBeCloseTo(Number(await model.getByTestId('reward-total').textContent()), 3)
  await page.screenshot({ path: 'test-results/reward-view-model.png' })
  await targetRow.click()
  await expect(track).toHaveAttribute('data-curve', 'target')

  const progressMenu = page.getByTestId('figure-progress')
  const svg = await figure(page, progressMenu, 'svg')
  expect(svg.name).toMatch(/\.progress\.svg$/)
  const parsed = await parsedSvg(page, svg.bytes.toString('utf8'), 'path[data-curve="target"]')
  expect(parsed).toEqual({ ok: true, count: 1, width: '7in' })
  const png = await figure(page, progressMenu, 'png')
  expect(png.name).toMatch(/\.progress\.png$/)
  expect(pngSize(png.bytes)).toEqual({ signature: true, width: 2100, height: 900 })

  const rewardMenu = page.getByTestId('figure-reward')
  const rewardSvg = await figure(page, rewardMenu, 'svg')
  expect(await parsedSvg(page, rewardSvg.bytes.toString('utf8'), 'path[data-layer="rewards"]')).toEqual({ ok: true, count: 1, width: '7in' })
  expect(pngSize((await figure(page, rewardMenu, 'png')).bytes)).toEqual({ signature: true, width: 2100, height: 900 })

  // W again hides the row; the panel keeps its header.
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('w')
  await expect(track).toHaveCount(0)
  await expect(panel.getByRole('button', { name: /Show reward/ })).toBeVisible()
})
