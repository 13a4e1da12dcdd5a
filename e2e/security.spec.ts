/**
 * Security (docs/reliability.md, Security): dataset text and file names holding HTML or script are shown as
 * text; the built app's CSP reports no violation; every request goes to the app's origin, the dataset's host
 * or the model endpoint the user typed (and the team server, only once the user configured one); a link to a
 * dataset on another host opens only when the user says so.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { serveChat } from '../src/test/chatServer'
import { startFakeTeamServer } from '../src/test/fakeTeamServer'
import { DEMO_DIR } from './paths'
import { startStaticServer } from './staticServer'
import type { StaticServer } from './staticServer'

const IMG = '<img src=x onerror=window.__pwned=1>'
const SCRIPT = '<script>window.__pwned=1</script>'
// Task text, segment labels and notes of the demo all say "red cube": the copy says it with markup in between.
const EVIL = `red ${IMG} cube ${SCRIPT}`

let server: StaticServer
let evilDir: string

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? textFiles(path) : /\.jsonl?$/.test(name) ? [path] : []
  })
}

test.beforeAll(async () => {
  evilDir = mkdtempSync(join(tmpdir(), 'proclens-evil-'))
  cpSync(DEMO_DIR, evilDir, { recursive: true })
  for (const file of [...textFiles(join(evilDir, 'meta')), ...textFiles(join(evilDir, 'annotation'))]) {
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('red cube', EVIL))
  }
  server = await startStaticServer({ '/evil': evilDir, '/demo': DEMO_DIR })
})

test.afterAll(async () => {
  await server.close()
  rmSync(evilDir, { recursive: true, force: true })
})

/** Records CSP violations (from before the app's first script) and every request the page makes. */
async function watch(page: Page): Promise<{ requests: string[]; violations: () => Promise<string[]> }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] }
    w.__violations = []
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`))
  })
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  return { requests, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) }
}

function origins(urls: readonly string[]): Set<string> {
  // data: and blob: URLs are made in the page (the favicon, figure images, local files): no host is asked.
  return new Set(urls.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).origin))
}

async function notPwned(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  await expect(page.locator('img[src="x"], script:not([src])')).toHaveCount(0)
}

test('a link to another host asks first, fetches nothing from it until "Open", and "Open the demo instead" stays home', async ({ page, baseURL }) => {
  const { requests, violations } = await watch(page)
  const url = `${server.url}/demo`
  await page.goto(`/?dataset=${encodeURIComponent(url)}&episode=2`)
  const ask = page.getByRole('dialog', { name: `Open a dataset from ${new URL(url).host}?` })
  await expect(ask).toContainText(url)
  await page.waitForTimeout(500)
  expect(origins(requests)).toEqual(new Set([new URL(baseURL!).origin]))

  await ask.getByRole('button', { name: 'Open the demo instead' }).click()
  await expect(page.getByTestId('episode-name')).toBeVisible()
  await expect(page).toHaveURL((u) => !u.search.includes('dataset='))
  expect(origins(requests)).toEqual(new Set([new URL(baseURL!).origin]))

  // A path on the app's own origin opens without asking.
  await page.goto('/?dataset=%2Fdemo&episode=1')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000001')

  // "Open" opens exactly the linked place, and a reload of this tab keeps it without asking again.
  await page.goto(`/?dataset=${encodeURIComponent(url)}&episode=2`)
  await page.getByRole('button', { name: `Open ${new URL(url).host}` }).click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  await page.reload()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  expect(await violations()).toEqual([])
})

test('markup in task text, labels, notes and file names is shown as text; requests go only to the app, the dataset and the endpoint; no CSP violation', async ({ page, baseURL }, info) => {
  test.setTimeout(120_000)
  const { requests, violations } = await watch(page)
  const chat = await serveChat(() => ({ content: 'Therefore, the estimated progress is <progress>50%</progress>.' }))
  try {
    // Typed into the URL field: the user's own action.
    await page.goto('/')
    await page.getByLabel('Dataset URL').fill(`${server.url}/evil`)
    await page.getByLabel('Dataset URL').press('Enter')
    await expect(page.getByTestId('episode-name')).toHaveText('episode_000000')
    await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible()
    await expect(page.getByText(SCRIPT).first()).toBeVisible()
    await expect(page.getByText(IMG).first()).toBeVisible()
    await page.locator('[data-testid="segment-track"] [data-segment]').first().click()
    await page.keyboard.press('Space')
    await page.waitForTimeout(500)
    await page.keyboard.press('Space')
    await notPwned(page)

    await page.getByRole('button', { name: 'Export…' }).click()
    await expect(page.getByRole('dialog').first()).toBeVisible()
    await notPwned(page)
    await page.keyboard.press('Escape')

    // A prediction file whose name is markup, then a run against the endpoint the user typed.
    const csv = info.outputPath(`${IMG}.csv`)
    writeFileSync(csv, 'episode,frame_index,progress\nepisode_000000,0,0.0\nepisode_000000,100,0.5\n')
    await page.getByRole('button', { name: 'Predictions…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Model predictions' })
    await dialog.getByLabel('Prediction files').setInputFiles(csv)
    await expect(dialog.getByText(`${IMG}.csv`).first()).toBeVisible()
    await dialog.getByRole('button', { name: 'Add 1 file' }).click()
    const form = page.getByRole('form', { name: 'Predict this episode' })
    await form.getByLabel('Endpoint').fill(`${chat.url}/v1`)
    await form.getByLabel('Model').fill('stand-in')
    await form.getByLabel('Every N frames').fill('100')
    await form.getByRole('button', { name: 'Predict' }).click()
    await expect(dialog.getByRole('list', { name: 'Loaded prediction files' })).toContainText('stand-in', { timeout: 60_000 })
    expect(chat.calls.length).toBeGreaterThan(0)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await notPwned(page)

    const allowed = new Set([new URL(baseURL!).origin, server.url, chat.url])
    expect([...origins(requests)].filter((o) => !allowed.has(o))).toEqual([])
    expect(origins(requests)).toContain(server.url)
    expect(await violations()).toEqual([])
  } finally {
    await chat.close()
  }
})

test('the team server is asked only once the user configured it: before, edits stay in the browser and nothing goes out; no CSP violation', async ({ page, baseURL }) => {
  const { requests, violations } = await watch(page)
  const team = await startFakeTeamServer()
  try {
    await page.goto('/?episode=0')
    await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible()
    const split = async (frame: string) => {
      await page.getByLabel('Go to frame').fill(frame)
      await page.getByLabel('Go to frame').press('Enter')
      await page.keyboard.press('s')
      await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
    }
    await split('20')
    await page.waitForTimeout(500)
    expect(origins(requests)).toEqual(new Set([new URL(baseURL!).origin]))
    expect(team.requests).toEqual([])
    await expect(page.getByTestId('sync-badge')).toHaveCount(0)

    await page.getByRole('button', { name: 'Team…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Team server' })
    await dialog.getByLabel('Server URL').fill(team.url)
    await dialog.getByLabel('Annotator').fill('ann1')
    await dialog.getByRole('button', { name: 'Sign in (development)' }).click()
    await expect(dialog.getByTestId('team-annotator')).toHaveText('ann1')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await split('40')
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced')
    expect(team.log).toHaveLength(1)
    expect(origins(requests)).toEqual(new Set([new URL(baseURL!).origin, team.url]))
    expect(await violations()).toEqual([])
  } finally {
    await team.close()
  }
})
