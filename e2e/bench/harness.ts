/**
 * Node side of the player checks (e2e/player*.spec.ts) and of the benchmark: opens an episode with the
 * browser harness (inPage.js) injected, and decodes the frame stamps of the bands it returns.
 */
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { readStamp } from '../../src/core/frameStamp'

export const IN_PAGE = fileURLToPath(new URL('./inPage.js', import.meta.url))

export interface Band {
  width: number
  height: number
  data: string
}

export interface CameraSnapshot {
  camera: string
  dataFrame: string | null
  band: Band
}

export interface FrameSnapshot {
  frame: number
  cameras: CameraSnapshot[]
}

export interface Paint extends FrameSnapshot {
  at: number
}

export interface PlayResult {
  paints: Paint[]
  counters: { paints: number; skipped: number; lateTicks: number; ticks: number }
  elapsedMs: number
  /** Animation frames the page got while playing, and those more than 50 ms after the previous one. */
  animationFrames: number
  lateAnimationFrames: number
}

/** What inPage.js puts on `window.__plHarness`. */
export interface Harness {
  sweep(frames: number[]): Promise<FrameSnapshot[]>
  waitPainted(frame: number, timeoutMs?: number): Promise<number>
  snapshot(): CameraSnapshot[]
  play(options: { from: number; rate: number; maxMs?: number }): Promise<PlayResult>
  armStep(frame: number): void
  awaitStep(): Promise<{ ms: number; cameras: CameraSnapshot[] }>
  timeSeek(frame: number): Promise<{ ms: number; cameras: CameraSnapshot[] }>
  disagreements(): { frame: number; shown: (string | undefined)[] }[]
  frames(): { camera: string; frame: string | null }[]
  pixels(camera: string): Promise<Pixels> | Pixels
  imagePixels(url: string): Promise<Pixels>
}

export interface Pixels {
  frame?: string | null
  width: number
  height: number
  data: string
}

/** Mean absolute difference per channel value between two RGBA images of the same size (alpha ignored). */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (i % 4 === 3) continue
    sum += Math.abs(a[i]! - b[i]!)
    n++
  }
  return n === 0 ? Infinity : sum / n
}

export function decodePixels(p: Pixels): Uint8Array {
  return new Uint8Array(Buffer.from(p.data, 'base64'))
}

/** Inside `page.evaluate` callbacks only (they run in the page). */
export type PageGlobals = { __plHarness: Harness }

/** The frame stamped into a band, or undefined when unreadable. */
export function stampOf(band: Band): number | undefined {
  const data = new Uint8Array(Buffer.from(band.data, 'base64'))
  return readStamp({ data, width: band.width, height: band.height, channels: 4 })
}

const injected = new WeakSet<Page>()

/** Injects the browser harness into every document the page loads from now on (once per page). */
export async function injectHarness(page: Page): Promise<void> {
  if (injected.has(page)) return
  injected.add(page)
  await page.addInitScript({ path: IN_PAGE })
}

/** Opens the demo at an episode and frame and waits until every camera shows that frame. */
export async function openEpisode(page: Page, episode: number, frame = 0, query = ''): Promise<void> {
  await injectHarness(page)
  await page.goto(`/?episode=${episode}${frame > 0 ? `&frame=${frame}` : ''}${query}`)
  // Serialized into the page: only page globals here (the harness), nothing from this module.
  await page.waitForFunction((k) => {
    const h = (globalThis as unknown as { __plHarness?: Harness }).__plHarness
    const shown = h?.frames() ?? []
    return shown.length > 0 && shown.every((c) => c.frame === String(k))
  }, frame, { timeout: 30_000 })
}

export interface WrongFrame {
  frame: number
  camera: string
  dataFrame: string | null
  stamp: number | undefined
}

/** Every camera of every snapshot whose data-frame or stamp differs from the frame asked for. */
export function wrongFrames(snapshots: readonly FrameSnapshot[]): WrongFrame[] {
  const wrong: WrongFrame[] = []
  for (const s of snapshots) {
    for (const c of s.cameras) {
      const stamp = stampOf(c.band)
      if (c.dataFrame !== String(s.frame) || stamp !== s.frame) wrong.push({ frame: s.frame, camera: c.camera, dataFrame: c.dataFrame, stamp })
    }
  }
  return wrong
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i)
}
