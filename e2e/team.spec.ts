/**
 * Team sync (docs/team-sync.md) as people use it: three browser profiles (three contexts: their own storage)
 * sign in as three annotators to one team server, claim distinct episodes from its queue, edit online and
 * offline, and every edit arrives exactly once; the same annotator on two devices meets a conflict, sees both
 * versions, and resolves it both ways. Runs against the real server when this checkout has it and PostgreSQL
 * is installed, else the in-memory stand-in (e2e/teamServer.ts); the test's annotations say which.
 */
import { expect, test } from '@playwright/test'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { createTeamClient } from '../src/data/team/teamClient'
import type { TeamClient } from '../src/data/team/teamClient'
import { goToFrame, saved } from './editorHelpers'
import { startE2ETeamServer } from './teamServer'
import type { E2ETeamServer } from './teamServer'

let team: E2ETeamServer
test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  team = await startE2ETeamServer()
  console.log(`team.spec.ts runs against the ${team.kind} at ${team.url}`)
})
test.afterAll(async () => {
  await team.close()
})

interface Profile {
  context: BrowserContext
  page: Page
  /** Every edit id this profile's page sent to the server (retries included once). */
  pushed: Set<string>
}

/** A fresh browser profile on the demo, signed in to the team server as `annotator`. */
async function profile(browser: Browser, baseURL: string, annotator: string, path = '/', role = 'annotator'): Promise<Profile> {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  const pushed = new Set<string>()
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/api/edits')) return
    for (const e of (JSON.parse(r.postData() ?? '{}') as { edits: { id: string }[] }).edits) pushed.add(e.id)
  })
  await page.goto(path)
  await expect(page.getByTestId('episode-name')).toBeVisible()
  await page.getByRole('button', { name: 'Team…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Team server' })
  await dialog.getByLabel('Server URL').fill(team.url)
  await dialog.getByLabel('Annotator').fill(annotator)
  await dialog.getByLabel('Role').selectOption(role)
  await dialog.getByRole('button', { name: 'Sign in (development)' }).click()
  await expect(dialog.getByTestId('team-annotator')).toHaveText(annotator)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced')
  return { context, page, pushed }
}

/** Shift+Q: claims the next episode from the team queue; waits until the page shows it. */
async function nextFromQueue(page: Page): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/claims/next')), page.keyboard.press('Shift+Q')])
  const { episode } = await response.json() as { episode: number }
  await expect(page).toHaveURL(new RegExp(`episode=${episode}(&|$)`))
  await expect(page.getByTestId('episode-name')).toHaveText(`episode_${String(episode).padStart(6, '0')}`)
  return episode
}

async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible()
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'loading')
}

/** Splits the segment at `frame` (S at the playhead) and waits until the browser has saved it. */
async function split(page: Page, frame: number): Promise<void> {
  const before = await segmentCount(page)
  await goToFrame(page, frame)
  await page.keyboard.press('s')
  await expect(page.locator('[data-testid="segment-track"] [data-segment]')).toHaveCount(before + 1).catch(async (e: unknown) => {
    await page.screenshot({ path: test.info().outputPath('split-failed.png') })
    throw e
  })
  await saved(page)
}

async function segmentCount(page: Page): Promise<number> {
  return page.locator('[data-testid="segment-track"] [data-segment]').count()
}

async function adminClient(): Promise<TeamClient> {
  const token = await createTeamClient({ baseUrl: team.url }).devToken('e2e-admin', 'admin')
  return createTeamClient({ baseUrl: team.url, token })
}

test('three profiles claim distinct episodes, edit online and offline, and every edit arrives exactly once', async ({ browser, baseURL }, info) => {
  test.setTimeout(180_000)
  info.annotations.push({ type: 'team server', description: team.kind })
  const dataset = `${baseURL!}/demo`
  const names = ['ann1', 'ann2', 'ann3']
  const profiles = await Promise.all(names.map((n) => profile(browser, baseURL!, n)))
  try {
    // All three ask the queue at once: the server hands out distinct episodes.
    const episodes = await Promise.all(profiles.map((p) => nextFromQueue(p.page)))
    expect(new Set(episodes).size).toBe(3)
    for (const p of profiles) await editorReady(p.page)
    await profiles[0]!.page.screenshot({ path: info.outputPath('team-synced.png') })

    for (const p of profiles) {
      await split(p.page, 20)
      await split(p.page, 40)
    }
    const [a, , c] = profiles as [Profile, Profile, Profile]
    // The third goes offline and keeps editing: the edits wait in its browser, the badge says so.
    await c.context.setOffline(true)
    for (const frame of [60, 70, 90]) await split(c.page, frame)
    await expect(c.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'offline')
    await expect(c.page.getByTestId('sync-badge')).toContainText(/Offline · [1-9]/)
    await c.page.screenshot({ path: info.outputPath('team-offline.png') })
    await split(a.page, 30)
    await c.context.setOffline(false)
    for (const p of profiles) await expect(p.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 })

    // The server's edit log holds each pushed edit once: its count per annotator is the number of distinct ids
    // each browser sent, and each head moved once per edit, ending at the browser's document.
    const admin = await adminClient()
    const progress = await admin.progress(dataset)
    const heads = (await admin.heads(dataset)).heads
    for (const [i, p] of profiles.entries()) {
      const name = names[i]!
      expect(p.pushed.size).toBeGreaterThan(0)
      expect(progress.annotators.find((x) => x.annotator === name)?.edits).toBe(p.pushed.size)
      const head = heads.find((h) => h.annotator === name && h.episode === episodes[i])
      expect(head?.version).toBe(p.pushed.size)
      expect(head?.doc.segments).toHaveLength(await segmentCount(p.page))
    }
    // The offline edits are there: the third head has all five splits.
    expect(heads.find((h) => h.annotator === 'ann3')?.doc.segments.length).toBe(await segmentCount(c.page))

    // Every annotator's head feeds the Agreement view.
    await a.page.getByRole('button', { name: 'Agreement' }).click()
    await expect(a.page.getByLabel('From the team server')).toContainText('ann1')
    await expect(a.page.getByLabel('From the team server')).toContainText('ann3')
    await a.page.keyboard.press('Escape')
  } finally {
    for (const p of profiles) await p.context.close()
  }
})

test('the same annotator on two devices: the conflict shows both versions; "Keep mine" and "Take theirs" resolve it, nothing silently lost', async ({ browser, baseURL }, info) => {
  test.setTimeout(180_000)
  info.annotations.push({ type: 'team server', description: team.kind })
  const dataset = `${baseURL!}/demo`
  const laptop = await profile(browser, baseURL!, 'ann4', '/?episode=5')
  const desktop = await profile(browser, baseURL!, 'ann4', '/?episode=5')
  try {
    await editorReady(laptop.page)
    await editorReady(desktop.page)
    await split(laptop.page, 50)
    await expect(laptop.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced')

    // The desktop never saw the laptop's edit: its own edit meets the laptop's head.
    await split(desktop.page, 150)
    await split(desktop.page, 200)
    await expect(desktop.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'conflict')
    const panel = desktop.page.getByRole('alert', { name: 'Sync conflict' })
    await expect(panel.getByTestId('conflict-mine')).toBeVisible()
    await expect(panel.getByTestId('conflict-theirs')).toContainText('version 1')
    await desktop.page.screenshot({ path: info.outputPath('team-conflict.png') })
    const desktopSegments = await segmentCount(desktop.page)
    await panel.getByRole('button', { name: 'Keep mine' }).click()
    await expect(desktop.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced')
    await expect(panel).toHaveCount(0)
    const admin = await adminClient()
    let head = (await admin.heads(dataset)).heads.find((h) => h.annotator === 'ann4' && h.episode === 5)
    // The laptop's edit and both of the desktop's are in the log, in order: versions 1, 2, 3.
    expect(head?.version).toBe(3)
    expect(head?.doc.segments).toHaveLength(desktopSegments)

    // Now the laptop is behind: its next edit conflicts, and it takes the server's version.
    await split(laptop.page, 100)
    await expect(laptop.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'conflict')
    const laptopPanel = laptop.page.getByRole('alert', { name: 'Sync conflict' })
    await expect(laptopPanel.getByTestId('conflict-theirs')).toContainText('version 3')
    const laptopSegments = await segmentCount(laptop.page)
    await laptopPanel.getByRole('button', { name: 'Take theirs' }).click()
    await expect(laptop.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced')
    expect(await segmentCount(laptop.page)).toBe(desktopSegments)
    // Taking theirs is one undo step: the laptop's own version is one Ctrl+Z away.
    await expect(laptop.page.getByTestId('history')).toContainText('Take the server\'s version (v3)')
    head = (await admin.heads(dataset)).heads.find((h) => h.annotator === 'ann4' && h.episode === 5)
    expect(head?.doc.segments).toHaveLength(desktopSegments)
    await laptop.page.keyboard.press('Control+z')
    await saved(laptop.page)
    await expect(laptop.page.locator('[data-testid="segment-track"] [data-segment]')).toHaveCount(laptopSegments)
  } finally {
    await laptop.context.close()
    await desktop.context.close()
  }
})

test('an admin sees progress per annotator and dataset and the episodes annotators disagree on most; a click opens one', async ({ browser, baseURL }, info) => {
  test.setTimeout(120_000)
  info.annotations.push({ type: 'team server', description: team.kind })
  // A second annotator labels episode 5 differently from ann4 (previous test): the two heads disagree.
  const other = await profile(browser, baseURL!, 'ann5', '/?episode=5')
  const admin = await profile(browser, baseURL!, 'lead', '/?episode=1', 'admin')
  try {
    await editorReady(other.page)
    await split(other.page, 30)
    await expect(other.page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced')

    await admin.page.getByTestId('sync-badge').click()
    await admin.page.screenshot({ path: info.outputPath('team-dialog.png') })
    await admin.page.getByRole('button', { name: 'Team progress…' }).click()
    const view = admin.page.getByRole('dialog', { name: 'Team progress' })
    await expect(view.getByRole('table', { name: 'Annotators' })).toContainText('ann5')
    await expect(view.getByRole('table', { name: 'Datasets' })).toContainText(`${baseURL!}/demo`)
    const worst = view.getByRole('table', { name: 'Most disagreement' })
    await expect(worst).toContainText('episode 5')
    await admin.page.screenshot({ path: info.outputPath('team-admin.png') })
    await worst.getByRole('button', { name: 'episode 5' }).click()
    await expect(view).toHaveCount(0)
    await expect(admin.page.getByTestId('episode-name')).toHaveText('episode_000005')
  } finally {
    await other.context.close()
    await admin.context.close()
  }
})
