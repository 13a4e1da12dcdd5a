/**
 * A researcher's loop: `proclens predict` against a served model (a stand-in OpenAI-compatible server here),
 * its file loaded into the app beside the demo's own predictions, and the new model in the corpus metrics.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import { serveChat } from '../src/test/chatServer'
import { openEditor } from './editorHelpers'

test('proclens predict against a served model, its curve in the app and in the corpus metrics', async ({ page }) => {
  test.setTimeout(120_000)
  // The stand-in answers in ProcVLM's format, progress rising with each request.
  const server = await serveChat((_call, calls) => ({ content: `The following actions are required: \n1. Place the red cube into the bin.\nTherefore, the estimated progress is <progress>${Math.min(100, calls.length * 6)}.00%</progress>.` }))
  const out = mkdtempSync(join(tmpdir(), 'proclens-predict-'))
  try {
    await promisify(execFile)(process.execPath, ['src/cli/proclens.js', 'predict', 'public/demo', '--endpoint', `${server.url}/v1`, '--model', 'stand-in-vlm',
      '--out', out, '--episodes', '0', '--stride', '20', '--concurrency', '1'])
  } finally {
    await server.close()
  }
  expect(server.calls.length).toBeGreaterThan(10)
  const [file] = readdirSync(out)
  expect(file).toBe('episode_000000.jsonl')

  await openEditor(page, 0, 0)
  await page.getByRole('button', { name: 'Predictions…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Model predictions' })
  await dialog.getByLabel('Prediction files').setInputFiles(join(out, file!))
  await expect(dialog.getByLabel(`Model of ${file!}`)).toHaveValue('stand-in-vlm')
  await dialog.getByRole('button', { name: 'Add 1 file' }).click()
  await dialog.getByRole('button', { name: 'Close' }).click()
  const legend = page.getByRole('group', { name: 'Curves' })
  await expect(legend).toContainText('stand-in-vlm')
  await expect(legend).toContainText('procvlm-2b')

  await page.getByRole('button', { name: 'Metrics', exact: true }).click()
  const metrics = page.getByRole('dialog', { name: 'Corpus metrics' })
  await expect(metrics.getByRole('table', { name: 'Corpus means per model' })).toContainText('stand-in-vlm', { timeout: 30_000 })
})

test('predict the open episode from the app: the key only in the header, the curve drawn, nothing stored but the file', async ({ page }) => {
  test.setTimeout(120_000)
  const server = await serveChat((call, calls) => {
    const parts = call.body.messages[0]!.content
    const images = parts.filter((p) => p.type === 'image_url').length
    if (images !== 8 || parts[parts.length - 1]!.type !== 'text') throw new Error(`expected 8 images then the prompt, got ${images}`)
    return { content: `Therefore, the estimated progress is <progress>${Math.min(100, calls.length * 9)}%</progress>.` }
  })
  try {
    await openEditor(page, 0, 0)
    await page.getByRole('button', { name: 'Predictions…' }).click()
    const form = page.getByRole('form', { name: 'Predict this episode' })
    await form.getByLabel('Endpoint').fill(`${server.url}/v1`)
    await form.getByLabel('Model').fill('browser-vlm')
    await form.getByLabel('API key').fill('sk-secret-123')
    await form.getByLabel('Every N frames').fill('40')
    await form.getByRole('button', { name: 'Predict' }).click()
    const dialog = page.getByRole('dialog', { name: 'Model predictions' })
    await expect(dialog.getByRole('list', { name: 'Loaded prediction files' })).toContainText('browser-vlm', { timeout: 60_000 })
    expect(server.calls.length).toBe(9)
    expect(server.calls.every((c) => c.headers.authorization === 'Bearer sk-secret-123')).toBe(true)
    expect(server.calls.every((c) => !c.path.includes('sk-secret'))).toBe(true)
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, url: location.href }))
    expect(stored).not.toContain('sk-secret')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(page.getByRole('group', { name: 'Curves' })).toContainText('browser-vlm')
  } finally {
    await server.close()
  }
})
