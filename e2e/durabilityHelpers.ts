/**
 * What the durability checks read from the page and how they end it: the document as the timeline and the history
 * panel show it (so the check sees what the user sees, not the store), its validity, a seeded random source, and a
 * renderer killed without unload handlers.
 */
import { expect } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'

/** The shown document: each segment's name and frames, the history's lines and where the user stands in it. */
export interface Shown {
  segments: { name: string; start: number; end: number }[]
  /** The history panel's change lines (without "Opened: …"), undone ones included. */
  lines: string[]
  /** How many of `lines` are applied (0: at the opened document). */
  position: number
  /** The save indicator's state when this was read. */
  state: string
  /** The boundary handles' frames. */
  handles: number[]
}

/** Reads everything in one evaluate, so the parts belong to the same render. */
export async function readShown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const segments = [...document.querySelectorAll('[data-testid="segment-track"] [data-segment]')].map((e) => {
      const title = e.getAttribute('title') ?? ''
      const m = /frames (\d+)–(\d+) \((\d+)\)/.exec(title)
      return { name: title.split(' · ')[0] ?? '', start: Number(m?.[1] ?? NaN), end: Number(m?.[2] ?? NaN) + 1 }
    })
    const buttons = [...document.querySelectorAll('[data-testid="history"] li button')]
    const lines = buttons.slice(1).map((b) => b.textContent ?? '')
    const current = buttons.findIndex((b) => b.getAttribute('aria-current') === 'step')
    const handles = [...document.querySelectorAll('[data-boundary]')].map((e) => Number(e.getAttribute('aria-valuenow')))
    return { segments, lines, position: Math.max(0, current), state: document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') ?? '', handles }
  })
}

/** The same document and the same place in the same history (the save state aside). */
export function sameDocument(a: Shown, b: Shown): boolean {
  return JSON.stringify([a.segments, a.lines, a.position]) === JSON.stringify([b.segments, b.lines, b.position])
}

/**
 * Why the shown document is invalid, or undefined: segments must be non-empty, contiguous and ascending from frame
 * 0 to the episode's end, each inner boundary's handle at the next segment's start, and the history position
 * within its lines (as `checkInvariants` requires of the document itself).
 */
export function invalidity(shown: Shown, frameCount: number): string | undefined {
  const { segments, handles } = shown
  if (segments.length === 0) return 'no segments'
  if (segments[0]!.start !== 0) return `first segment starts at ${segments[0]!.start}`
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!
    if (!(s.end > s.start)) return `segment ${i} is empty or unreadable (${s.start}–${s.end})`
    if (i > 0 && s.start !== segments[i - 1]!.end) return `segment ${i} starts at ${s.start}, not at ${segments[i - 1]!.end}`
  }
  if (segments.at(-1)!.end !== frameCount) return `the last segment ends at ${segments.at(-1)!.end}, not ${frameCount}`
  const starts = segments.slice(1).map((s) => s.start)
  if (JSON.stringify(handles.slice(0, starts.length)) !== JSON.stringify(starts)) return `handles ${handles.join(',')} are not at ${starts.join(',')}`
  if (shown.position > shown.lines.length) return `history position ${shown.position} past ${shown.lines.length} lines`
  return undefined
}

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Ends the tab the way a crash or a killed process does: the renderer dies without unload handlers or a chance to
 * finish what it was writing. `prepare` opens the DevTools session beforehand, so the kill costs one message and
 * lands within milliseconds of the last key (mid-save), not after a round trip of setup.
 */
export async function prepareKill(page: Page): Promise<() => Promise<void>> {
  const session = await page.context().newCDPSession(page)
  return async () => {
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()))
    // Never answered: the renderer is gone.
    void session.send('Page.crash').catch(() => undefined)
    await crashed
    void page.close().catch(() => undefined)
  }
}

export async function killPage(page: Page): Promise<void> {
  await (await prepareKill(page))()
}

/** A new tab on the episode, once its saved document is shown. */
export async function reopen(context: BrowserContext, episode: number): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`/?episode=${episode}`)
  await expect(page.locator('[data-testid="segment-track"] [data-segment]').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'loading')
  return page
}
