/**
 * The session: which dataset and episode are open, the episode list's current order, and which overlay is
 * up. Ephemeral (the URL keeps the place across reloads; nothing here is undone or saved), and the one place
 * keys and views read "where am I" from, so nothing is passed up through callbacks.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { DatasetRoot } from '@/data/browser/queries'

export type Overlay = 'help' | 'export' | 'import' | 'agreement' | 'predictions' | 'metrics' | 'team' | 'admin'

/** The dataset a fresh page opens: the embedded demo, served by the app itself. */
export const DEMO_DATASET = '/demo'

export interface SessionState {
  root: DatasetRoot
  /** The open episode, or undefined before one is chosen. */
  episode: number | undefined
  /** The frame to open the episode at (a deep link); read once when the episode opens. */
  startFrame: number | undefined
  /**
   * The episode list's display order (episode indices), or undefined for the natural order `0..listCount-1`.
   * "Next episode" follows it, so it walks the filtered, sorted list the user sees.
   */
  listOrder: readonly number[] | undefined
  listCount: number
  /** Episodes known to have none of their files (a partly downloaded dataset): "next episode" skips them. */
  isMissing: (index: number) => boolean
  overlay: Overlay | undefined
  openDataset(root: DatasetRoot): void
  openEpisode(index: number, frame?: number): void
  /** The episode `delta` places away in the list order; nothing at either end. */
  openRelative(delta: number): void
  setListOrder(order: readonly number[] | undefined, count: number, isMissing?: (index: number) => boolean): void
  toggleOverlay(overlay: Overlay): void
  closeOverlays(): void
}

const NEVER_MISSING = (): boolean => false

/**
 * The episode `delta` places from `current` in a list order, passing over missing episodes (a step of 10 moves
 * ten present episodes); the last present one short of either end, undefined when there is none.
 */
export function relativeEpisode(
  s: Pick<SessionState, 'listOrder' | 'listCount'> & { isMissing?: (index: number) => boolean },
  current: number,
  delta: number,
): number | undefined {
  const { listOrder: order, listCount: count, isMissing = NEVER_MISSING } = s
  const length = order?.length ?? count
  const at = (p: number): number => (order === undefined ? p : order[p]!)
  let position = order === undefined ? current : order.indexOf(current)
  if (position < 0) position = delta > 0 ? -1 : length
  const step = Math.sign(delta)
  let found: number | undefined
  for (let moved = 0, p = position + step; step !== 0 && p >= 0 && p < length; p += step) {
    if (isMissing(at(p))) continue
    found = at(p)
    if (++moved === Math.abs(delta)) break
  }
  return found
}

export function createSessionStore(initial: { root: DatasetRoot; episode?: number | undefined; frame?: number | undefined }) {
  return createStore<SessionState>()((set, get) => ({
    root: initial.root,
    episode: initial.episode,
    startFrame: initial.frame,
    listOrder: undefined,
    listCount: 0,
    isMissing: NEVER_MISSING,
    overlay: undefined,
    openDataset(root) {
      set({ root, episode: undefined, startFrame: undefined, listOrder: undefined, listCount: 0, isMissing: NEVER_MISSING })
    },
    openEpisode(index, frame) {
      set({ episode: index, startFrame: frame })
    },
    openRelative(delta) {
      const { episode } = get()
      if (episode === undefined) return
      const next = relativeEpisode(get(), episode, delta)
      if (next !== undefined) get().openEpisode(next)
    },
    setListOrder(order, count, isMissing = NEVER_MISSING) {
      set({ listOrder: order, listCount: count, isMissing })
    },
    toggleOverlay(overlay) {
      set({ overlay: get().overlay === overlay ? undefined : overlay })
    },
    closeOverlays() {
      set({ overlay: undefined })
    },
  }))
}

export type SessionStore = ReturnType<typeof createSessionStore>

/** The app's session. The app seeds it from the URL before the first render; tests build their own. */
export const sessionStore = createSessionStore({ root: DEMO_DATASET })

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector)
}
