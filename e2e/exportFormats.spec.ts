/**
 * The app's ProcVQA export against the CLI's on the same episode and seed: the same files, the same records
 * (sampling, windows, image paths, remaining actions, every word), and a JPEG for every image a record names.
 * The progress numbers may differ in the last digit: the app hashes the frames its decoder gives (WebCodecs),
 * the CLI those ffmpeg gives, and a pHash bit apart on a few frames moves a budget's spread a little
 * (docs/exports.md says how much).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { unzipSync } from 'fflate'
import { expect, test } from '@playwright/test'
import { openEditor } from './editorHelpers'

test('ProcVQA from the app equals the CLI\'s for the same episode and seed', async ({ page }) => {
  test.setTimeout(180_000)
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showSaveFilePicker', {
      configurable: true,
      value: async (options: { suggestedName: string }) => (await navigator.storage.getDirectory()).getFileHandle(options.suggestedName, { create: true }),
    })
  })
  await openEditor(page, 0, 0)
  await page.getByPlaceholder(/Filter/).fill('episode_000000')
  await expect(page.getByTestId('episode-count')).toContainText('1 shown')
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByLabel(/episodes the list shows/).check()
  for (const f of [/ProcCorpus/, /ProcLens records/, /Selection lists/]) await dialog.getByLabel(f).uncheck()
  await dialog.getByLabel(/ProcVQA/).check()
  await dialog.getByLabel('Sampling seed').fill('3')
  await dialog.getByRole('button', { name: 'Export zip…' }).click()
  await expect(dialog.getByTestId('export-summary')).toContainText('Exported 1 episode', { timeout: 150_000 })
  const zip = await page.evaluate(async () => {
    const file = await (await (await navigator.storage.getDirectory()).getFileHandle('demo-export.zip')).getFile()
    return Array.from(new Uint8Array(await file.arrayBuffer()))
  })
  const app = unzipSync(new Uint8Array(zip))

  const out = mkdtempSync(join(tmpdir(), 'proclens-vqa-'))
  execFileSync(process.execPath, ['src/cli/proclens.js', 'export', 'public/demo', '--format', 'procvqa', '--episodes', '0', '--seed', '3', '--out', out], { stdio: 'ignore' })
  const cli = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(out, join(e.parentPath, e.name)).split('\\').join('/')).sort()

  expect(Object.keys(app).sort()).toEqual(cli)
  const records = cli.filter((p) => p.endsWith('.jsonl'))
  expect(records).toEqual(['a/demo/episode_000000.jsonl', 'b/demo/episode_000000.jsonl', 'c/demo/episode_000000.jsonl'])
  const TAG = /<progress>(\d+(?:\.\d+)?)%<\/progress>/g
  let worst = 0
  for (const p of records) {
    const mine = new TextDecoder().decode(app[p])
    const theirs = readFileSync(join(out, p), 'utf8')
    expect(mine.replace(TAG, '<progress>#</progress>'), p).toBe(theirs.replace(TAG, '<progress>#</progress>'))
    const a = [...mine.matchAll(TAG)].map((m) => Number(m[1]))
    const b = [...theirs.matchAll(TAG)].map((m) => Number(m[1]))
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
  }
  console.log(`largest progress difference between the app's and the CLI's ProcVQA answers: ${worst.toFixed(2)} points`)
  expect(worst).toBeLessThan(1)
  for (const p of cli.filter((q) => q.endsWith('.jpg'))) expect([app[p]![0], app[p]![1]], p).toEqual([0xff, 0xd8])
})
