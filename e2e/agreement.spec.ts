/**
 * Agreement between annotators from the top bar: two people's records of the demo, one boundary apart on one
 * episode; the table, the overall numbers and the CSV.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

test('two annotators\' records: per-episode table, overall agreement, CSV', async ({ page }, info) => {
  const dir = mkdtempSync(join(tmpdir(), 'proclens-agree-'))
  execFileSync(process.execPath, ['src/cli/proclens.js', 'export', 'public/demo', '--format', 'records', '--out', dir], { stdio: 'ignore' })
  const lines = readFileSync(join(dir, 'records', 'demo.records.jsonl'), 'utf8').split('\n').filter((l) => l !== '')
  const as = (reviewer: string, move: number) => lines.map((line, i) => {
    const record = JSON.parse(line) as { doc: { segments: { start: number; end: number }[] }; review?: unknown }
    record.review = { status: 'accepted', reviewer }
    // On episode 3 the second annotator puts the first boundary `move` frames later.
    if (i === 3 && move !== 0) {
      record.doc.segments[0]!.end += move
      record.doc.segments[1]!.start += move
    }
    return JSON.stringify(record)
  }).join('\n') + '\n'
  writeFileSync(join(dir, 'ana.records.jsonl'), as('Ana', 0))
  writeFileSync(join(dir, 'ben.records.jsonl'), as('Ben', 30))

  await page.goto('/')
  await page.getByRole('button', { name: 'Agreement' }).click()
  const dialog = page.getByRole('dialog', { name: 'Agreement between annotators' })
  await dialog.getByLabel('Records files').setInputFiles([join(dir, 'ana.records.jsonl'), join(dir, 'ben.records.jsonl')])
  const table = dialog.getByRole('table', { name: 'Agreement per episode' })
  await expect(table.locator('tbody tr')).toHaveCount(7)
  // Worst first: the episode where they differ.
  await expect(table.locator('tbody tr').first()).toContainText('episode_000003')
  await expect(dialog.getByLabel('Overall agreement')).toContainText('Boundary F1')
  await page.screenshot({ path: info.outputPath('agreement.png') })
  const download = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Download CSV' }).click()
  const csv = readFileSync(await (await download).path(), 'utf8')
  expect(csv.split('\r\n').filter((l) => l !== '')).toHaveLength(8)
  expect(csv).toContain('episode_000003')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
