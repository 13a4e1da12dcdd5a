/**
 * Ephemeral, hot playback state: the one clock every camera, the timeline and the readouts follow.
 * Components that show the frame subscribe with a selector; per-frame painting subscribes imperatively
 * (`store.subscribe`) so playback does not re-render the React tree.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { clampFrame } from '../core/time'
import type { Frame } from '../core/time'

/** Who moved the playhead: the ticker, a key, a click, the URL. Lets listeners ignore their own echoes. */
export type SeekSource = 'playback' | 'step' | 'user' | 'url' | 'boundary'

export const MIN_RATE = 0.1
export const MAX_RATE = 4
/** The speeds J/L and the speed keys cycle through. */
export const RATES = [0.1, 0.25, 0.5, 1, 2, 4] as const

/** The speed after (`+1`) or before (`-1`) `rate` in {@link RATES}, by magnitude, keeping the sign. */
export function nextRate(rate: number, towards: 1 | -1): number {
  const sign = rate < 0 ? -1 : 1
  const speed = Math.abs(rate)
  const faster = RATES.find((r) => r > speed + 1e-9) ?? MAX_RATE
  const slower = [...RATES].reverse().find((r) => r < speed - 1e-9) ?? MIN_RATE
  return sign * (towards > 0 ? faster : slower)
}

export interface PlaybackState {
  frame: Frame
  frameCount: number
  fps: number
  playing: boolean
  /** Speed multiple of the dataset fps; negative plays backwards. */
  rate: number
  lastSource: SeekSource
  /**
   * The frame every camera shows (the player sets it when it paints); `frame` is the frame asked for. They
   * differ only while a jump's frame decodes; the frame readout shows this one.
   */
  painted: Frame | undefined
  setPainted(frame: Frame | undefined): void
  /** The frame asked for has been decoding for longer than a moment (the player sets it; a paint or seek clears it). */
  slow: boolean
  setSlow(): void
  /** Reset for a newly opened episode. */
  load(frameCount: number, fps: number, frame?: Frame): void
  seek(frame: number, source?: SeekSource): void
  /** Pauses and moves by `delta` frames (arrows: ±1, Shift+arrows: ±10). */
  step(delta: number): void
  /** Pauses on the first / last frame (Home / End). */
  first(): void
  last(): void
  /** Plays at `rate` (default: the current one); from the last frame forward (first backward) starts over. */
  play(rate?: number): void
  pause(): void
  /** Space: pauses, or plays forward at the current speed. */
  toggle(): void
  /**
   * J / L: plays in that direction at 1x; pressed again while already playing that way, doubles the speed
   * along {@link RATES} (up to 4x).
   */
  shuttle(direction: 'forward' | 'reverse'): void
  /** Speed keys: the next / previous speed in {@link RATES}, keeping the direction; `resetRate` is 1x. */
  faster(): void
  slower(): void
  resetRate(): void
  setRate(rate: number): void
}

export function clampRate(rate: number): number {
  const sign = rate < 0 ? -1 : 1
  return sign * Math.min(MAX_RATE, Math.max(MIN_RATE, Math.abs(rate)))
}

export function createPlaybackStore() {
  return createStore<PlaybackState>()((set, get) => ({
    frame: 0,
    frameCount: 0,
    fps: 30,
    playing: false,
    rate: 1,
    lastSource: 'user',
    painted: undefined,
    setPainted(frame) {
      if (frame !== get().painted || get().slow) set({ painted: frame, slow: false })
    },
    slow: false,
    setSlow() {
      if (!get().slow) set({ slow: true })
    },
    load(frameCount, fps, frame = 0) {
      set({ frameCount, fps, frame: clampFrame(frame, frameCount), playing: false, lastSource: 'url', painted: undefined, slow: false })
    },
    seek(frame, source = 'user') {
      const next = clampFrame(frame, get().frameCount)
      if (next !== get().frame || source !== get().lastSource) set({ frame: next, lastSource: source, slow: false })
    },
    step(delta) {
      set({ playing: false })
      get().seek(get().frame + delta, 'step')
    },
    first() {
      set({ playing: false })
      get().seek(0, 'step')
    },
    last() {
      set({ playing: false })
      get().seek(get().frameCount - 1, 'step')
    },
    play(rate) {
      const { frame, frameCount } = get()
      const r = clampRate(rate ?? get().rate)
      // Playing forward from the last frame starts over, as every player does.
      const start = r > 0 && frame >= frameCount - 1 ? 0 : r < 0 && frame <= 0 ? frameCount - 1 : frame
      set({ playing: frameCount > 1, rate: r, frame: start })
    },
    pause() {
      set({ playing: false })
    },
    toggle() {
      if (get().playing) get().pause()
      else get().play(Math.abs(get().rate))
    },
    shuttle(direction) {
      const sign = direction === 'forward' ? 1 : -1
      const { playing, rate } = get()
      if (playing && Math.sign(rate) === sign) get().setRate(nextRate(rate, 1))
      else get().play(sign)
    },
    faster() {
      get().setRate(nextRate(get().rate, 1))
    },
    slower() {
      get().setRate(nextRate(get().rate, -1))
    },
    resetRate() {
      get().setRate(get().rate < 0 ? -1 : 1)
    },
    setRate(rate) {
      set({ rate: clampRate(rate) })
    },
  }))
}

export type PlaybackStore = ReturnType<typeof createPlaybackStore>

/** The app's playback store. Tests build their own with `createPlaybackStore()`. */
export const playbackStore = createPlaybackStore()

export function usePlayback<T>(selector: (s: PlaybackState) => T): T {
  return useStore(playbackStore, selector)
}

export function selectFrame(s: PlaybackState): Frame {
  return s.frame
}
/** The frame on screen, or the one asked for before anything is painted. */
export function selectShownFrame(s: PlaybackState): Frame {
  return s.painted ?? s.frame
}
/**
 * The frame the playhead marks (the timeline's playhead, the overview's, the frame box): the frame on screen,
 * or the one asked for once it has been decoding for longer than a moment. A click moves them together with
 * the frame it shows, so the page has nothing to lay out and draw while the cameras decode (they share two
 * cores with it: a GOP-2 click at 640×480 took a third less; docs/player.md), and a long wait (a long GOP) still
 * moves them at once to the eye.
 */
export function selectMarkedFrame(s: PlaybackState): Frame {
  return s.painted === undefined || s.slow ? s.frame : s.painted
}
export function selectPlaying(s: PlaybackState): boolean {
  return s.playing
}
export function selectRate(s: PlaybackState): number {
  return s.rate
}
