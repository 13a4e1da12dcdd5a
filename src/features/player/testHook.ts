/**
 * The test hook: end-to-end tests and `npm run bench` set `window.__PROCLENS_TEST__ = true` before the app
 * loads (Playwright `addInitScript`); only then does the player expose `window.__proclens`:
 *
 * - `playback`: the playback store (getState().seek/step/play/...),
 * - `onPaint(fn)`: called after each paint with the frame and the cameras painted; returns the unsubscribe,
 * - `counters()`: playback counters since the last play (paints, skipped frames, late ticks),
 * - `sources()`: per-camera decoder kind and cache statistics.
 *
 * Nothing else; the app never reads it.
 */
import type { PlaybackStore } from '@/stores/playbackStore'
import type { PlayerEngine } from './playerEngine'

export interface ProcLensTestHook {
  playback: PlaybackStore
  onPaint: PlayerEngine['onPaint']
  counters: PlayerEngine['playbackCounters']
  sources: PlayerEngine['sourceStats']
  /** Sets how long a paused jump waits before it shows previews (PREVIEW_AFTER_MS). */
  previewAfter(ms: number): void
}

interface HookGlobals {
  __PROCLENS_TEST__?: boolean
  __proclens?: ProcLensTestHook
}

/** Installs the hook when the page asked for it; returns the uninstaller. */
export function installTestHook(store: PlaybackStore, engine: PlayerEngine): () => void {
  const g = globalThis as HookGlobals
  if (g.__PROCLENS_TEST__ !== true) return () => undefined
  const hook: ProcLensTestHook = {
    playback: store,
    onPaint: (l) => engine.onPaint(l),
    counters: () => engine.playbackCounters(),
    sources: () => engine.sourceStats(),
    previewAfter: (ms) => {
      engine.previewAfterMs = ms
    },
  }
  g.__proclens = hook
  return () => {
    if (g.__proclens === hook) delete g.__proclens
  }
}
