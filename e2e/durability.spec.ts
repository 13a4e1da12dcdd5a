/**
 * Durability, measured: the tab is killed at random moments while editing (mid-save included), again and again,
 * and after each reload the document shown must be the last one that was shown as saved or one the edits made
 * after it (never older), valid, with its undo history. Seeded: the seed is printed, and
 * `PROCLENS_DURABILITY_SEED` replays a run; `PROCLENS_DURABILITY_ROUNDS` sets the rounds (50 by default, sized for
 * CI; docs/reliability.md gives the full-size figures).
 */
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import type { Shown } from './durabilityHelpers'
import { invalidity, prepareKill, readShown, reopen, sameDocument, seeded } from './durabilityHelpers'

const ROUNDS = Number(process.env.PROCLENS_DURABILITY_ROUNDS ?? 50)
const SEED = Number(process.env.PROCLENS_DURABILITY_SEED ?? Date.now() % 2 ** 31)
/** Each tab edits its own episode: one tab per episode is what the app allows (a Web Lock per episode). */
const EPISODES = (process.env.PROCLENS_DURABILITY_EPISODES ?? '1,2').split(',').map(Number)

/** Lets the page render what a key did: React's sync and scheduled work both run before a message posted after it. */
async function settled(page: Page): Promise<Shown> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve()
    channel.port2.postMessage(0)
  }))
  return readShown(page)
}

/** One random edit, as the keymap offers them: move the nearest boundary, split, merge, undo, redo. */
async function randomEdit(page: Page, random: () => number, frameCount: number): Promise<void> {
  const r = random()
  // The playhead moves as a user types a frame; the check reads what the edit did, so it need not wait for the
  // picture (which keeps rounds short).
  if (r < 0.7) {
    const field = page.getByLabel('Go to frame')
    await field.fill(String(1 + Math.floor(random() * (frameCount - 1))))
    await field.press('Enter')
  }
  if (r < 0.35) await page.keyboard.press('b')
  else if (r < 0.55) await page.keyboard.press('s')
  else if (r < 0.7) await page.keyboard.press('Delete')
  else if (r < 0.88) await page.keyboard.press('Control+z')
  else await page.keyboard.press('Control+Shift+Z')
}

interface Figures {
  kills: number
  edits: number
  /** Kills while the indicator still said "Saving…" for the last edit. */
  killedWhileSaving: number
  /** Reloads that brought back a document newer than the last one shown as saved (its save landed unseen). */
  cameBackNewer: number
}

/** Rounds of edit, kill, reopen and check on one episode, in a tab of its own. */
async function lane(context: BrowserContext, episode: number, rounds: number, random: () => number, figures: Figures): Promise<void> {
  let page = await reopen(context, episode)
  let kill = await prepareKill(page)
  let shown = await readShown(page)
  const frameCount = shown.segments.at(-1)!.end
  for (let round = 0; round < rounds; round++) {
    // Every document this round showed, in order; the first is the one the reload opened (saved, or never edited).
    const produced: Shown[] = [shown]
    let lastSaved = 0
    const edits = 1 + Math.floor(random() * 8)
    for (let i = 0; i < edits; i++) {
      await randomEdit(page, random, frameCount)
      const now = await settled(page)
      produced.push(now)
      figures.edits++
      if (now.state === 'saved') lastSaved = produced.length - 1
      // Half the time the kill follows the last edit at once (mid-save when its save is still running); else after
      // up to 60 ms, by when the save may have finished. Edits before it get the same waits, so saves overlap edits.
      const last = i === edits - 1
      if (last && random() < 0.5) break
      await page.waitForTimeout(Math.floor(random() * 60))
      const later = await readShown(page)
      if (later.state === 'saved' && sameDocument(later, now)) lastSaved = produced.length - 1
      if (last) produced[produced.length - 1] = later
    }
    if (produced.at(-1)!.state === 'saving') figures.killedWhileSaving++
    await kill()
    figures.kills++
    page = await reopen(context, episode)
    kill = await prepareKill(page)
    shown = await readShown(page)
    const where = `episode ${episode}, round ${round} (seed ${SEED})`
    expect(invalidity(shown, frameCount), `${where}: the reloaded document is invalid`).toBeUndefined()
    const at = produced.findLastIndex((p) => sameDocument(p, shown))
    expect(at, `${where}: the reloaded document (${JSON.stringify(shown)}) is not among those shown since the last save (${JSON.stringify(produced.slice(lastSaved))})`).toBeGreaterThanOrEqual(lastSaved)
    if (at > lastSaved) figures.cameBackNewer++
    expect(['saved', 'unchanged'], where).toContain(shown.state)
  }
  await page.close()
}

test(`killed ${ROUNDS} times at random moments while editing, nothing shown as saved is lost`, async ({ context }) => {
  test.setTimeout(30_000 + ROUNDS * 6_000)
  console.log(`durability: seed ${SEED}, ${ROUNDS} rounds in ${EPISODES.length} tabs (PROCLENS_DURABILITY_SEED=${SEED} replays it)`)
  test.info().annotations.push({ type: 'seed', description: String(SEED) })
  const started = Date.now()
  const figures: Figures = { kills: 0, edits: 0, killedWhileSaving: 0, cameBackNewer: 0 }
  // Tabs on different episodes run side by side (each its own renderer), since most of a round is the app opening.
  await Promise.all(EPISODES.map((episode, i) =>
    lane(context, episode, Math.floor(ROUNDS / EPISODES.length) + (i < ROUNDS % EPISODES.length ? 1 : 0), seeded(SEED + i), figures)))
  const seconds = (Date.now() - started) / 1000
  console.log(`durability: ${figures.kills} kills, ${figures.edits} edits, ${figures.killedWhileSaving} kills while a save was pending, ${figures.cameBackNewer} reloads newer than the last shown as saved, ${seconds.toFixed(1)} s`)
  test.info().annotations.push({ type: 'figures', description: JSON.stringify({ ...figures, seconds }) })
  expect(figures.kills).toBe(ROUNDS)
})
