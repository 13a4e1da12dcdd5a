/**
 * The imperative heart of the player: follows the playback store, asks every camera's frame source for the
 * frame, and paints all cameras in one task once each has it. Nothing here goes through React rendering:
 * tiles hand over their canvases, and the store's `frame` changes at most once per painted frame.
 *
 * `data-frame` contract: a camera's canvas holds only that camera's pixels, and `data-frame` is set right
 * after `drawImage`, in the same task. A canvas's drawing buffer is what the next rendering update
 * composites, and no rendering update runs in the middle of a task, so the attribute and the pixels reach
 * the screen together; anything that reads the attribute and then the canvas (getImageData, a screenshot)
 * sees the pixels of that frame.
 *
 * While a paused jump waits for its frame (a long GOP decodes from its key frame), each camera may show the
 * nearest frame it has decoded (or the frame itself, while other cameras decode theirs) on a preview canvas
 * over its own, marked; the canvas, its `data-frame` and the frame readout change only when the exact frame
 * is painted on every camera, and the previews go then.
 */
import type { FrameImage, FrameSource } from '@/data/browser/frames/frameSource'
import { isAbortError } from '@/data/browser/frames/frameSource'
import type { Motion } from '@/data/browser/frames/prefetchWindow'
import type { PlaybackState, PlaybackStore } from '@/stores/playbackStore'
import type { ClockAnchor } from './playbackClock'
import { chooseFrame, frameAtPosition, positionAt } from './playbackClock'

/** A paused jump shows previews only once it has waited this long for the exact frame. */
export const PREVIEW_AFTER_MS = 50
/**
 * A camera's approximate preview is drawn again, nearer, at most this often. Each draw converts a frame on the
 * main thread and commits a canvas (10–40 ms for three cameras at 720×480, traced), taken from the two cores
 * that decode the GOP: redrawn every animation frame, the previews made a long-GOP jump slower (docs/player.md).
 */
export const PREVIEW_REFRESH_MS = 250

export interface EngineClock {
  now(): number
  requestFrame(callback: () => void): number
  cancelFrame(handle: number): void
}

const browserClock: EngineClock = {
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(() => cb()),
  cancelFrame: (h) => cancelAnimationFrame(h),
}

export interface PlaybackCounters {
  /** Paints (all cameras at once) since the last play started. */
  paints: number
  /** Frames the clock passed that were never painted (not decoded in time, or faster than the display). */
  skipped: number
  /** Ticks where the painted frame was behind the clock's frame. */
  lateTicks: number
  ticks: number
}

type PaintListener = (frame: number, cameras: readonly string[]) => void
type StatusListener = () => void

/** Where a camera shows an approximate frame while the exact one decodes: a canvas over its own, and a note. */
export interface PreviewTarget {
  canvas: HTMLCanvasElement
  note?: HTMLElement | undefined
}

function imageSize(image: FrameImage): { width: number; height: number } {
  if ('visibleRect' in image && image.visibleRect !== null) return { width: image.visibleRect.width, height: image.visibleRect.height }
  if ('codedWidth' in image) return { width: image.codedWidth, height: image.codedHeight }
  return { width: image.width, height: image.height }
}

export class PlayerEngine {
  private sources = new Map<string, FrameSource>()
  private readonly canvases = new Map<string, HTMLCanvasElement>()
  private readonly labels = new Map<string, HTMLElement>()
  private readonly previews = new Map<string, PreviewTarget>()
  /** The frame each camera's preview shows, the jump's target it was drawn for, and when. */
  private readonly previewed = new Map<string, { frame: number; target: number; at: number }>()
  private readonly statuses = new Map<string, string>()
  private readonly statusListeners = new Set<StatusListener>()
  private readonly paintListeners = new Set<PaintListener>()
  private unsubscribe: (() => void) | undefined
  private pending: AbortController | undefined
  /** The frame on screen (the same on every camera), or undefined before the first paint. */
  private shown: number | undefined
  private anchor: ClockAnchor | undefined
  private raf: number | undefined
  private lastDirection: 1 | -1 = 1
  private counters: PlaybackCounters = { paints: 0, skipped: 0, lateTicks: 0, ticks: 0 }
  /** How long a paused jump waits before it shows previews (tests set 0 to see them on short waits). */
  previewAfterMs = PREVIEW_AFTER_MS

  constructor(
    private readonly store: PlaybackStore,
    private readonly clock: EngineClock = browserClock,
  ) {}

  start(): void {
    if (this.unsubscribe !== undefined) return
    this.unsubscribe = this.store.subscribe((state, prev) => this.onStore(state, prev))
    this.sync()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.stopLoop()
    this.pending?.abort()
    this.pending = undefined
    // Nothing is painted any more: the playhead and the readouts follow the frame asked for.
    this.store.getState().setPainted(undefined)
  }

  /** The frame sources of the open episode (the engine does not own them: the caller disposes them). */
  setSources(sources: ReadonlyMap<string, FrameSource>): void {
    this.pending?.abort()
    this.sources = new Map(sources)
    this.shown = undefined
    this.statuses.clear()
    this.emitStatus()
    for (const canvas of this.canvases.values()) delete canvas.dataset.frame
    for (const label of this.labels.values()) label.textContent = ''
    for (const camera of this.previews.keys()) this.hidePreview(camera)
    this.sync()
  }

  /**
   * A tile's canvas for `camera`, and optionally the element that shows the painted frame's number (written
   * together with `data-frame`); returns the detach function.
   */
  attach(camera: string, canvas: HTMLCanvasElement, label?: HTMLElement, preview?: PreviewTarget): () => void {
    this.canvases.set(camera, canvas)
    if (label !== undefined) this.labels.set(camera, label)
    if (preview !== undefined) this.previews.set(camera, preview)
    const frame = this.shown
    const image = frame === undefined ? undefined : this.sources.get(camera)?.peek(frame)
    if (frame !== undefined && image !== undefined) this.draw(camera, frame, image)
    else this.sync()
    return () => {
      if (this.canvases.get(camera) === canvas) this.canvases.delete(camera)
      if (label !== undefined && this.labels.get(camera) === label) this.labels.delete(camera)
      if (preview !== undefined && this.previews.get(camera) === preview) {
        this.previews.delete(camera)
        this.previewed.delete(camera)
      }
    }
  }

  /** A message for a camera's tile (decode error, frame out of range), or undefined. */
  status(camera: string): string | undefined {
    return this.statuses.get(camera)
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** Called after every paint with the frame and the cameras painted (tests, benchmarks). */
  onPaint(listener: PaintListener): () => void {
    this.paintListeners.add(listener)
    return () => this.paintListeners.delete(listener)
  }

  playbackCounters(): PlaybackCounters {
    return { ...this.counters }
  }

  sourceStats(): Record<string, ReturnType<FrameSource['stats']> & { kind: string }> {
    const out: Record<string, ReturnType<FrameSource['stats']> & { kind: string }> = {}
    for (const [camera, s] of this.sources) out[camera] = { kind: s.kind, ...s.stats() }
    return out
  }

  private onStore(state: PlaybackState, prev: PlaybackState): void {
    if (state.playing && !prev.playing) {
      this.counters = { paints: 0, skipped: 0, lateTicks: 0, ticks: 0 }
      this.anchorAt(state.frame, state.rate)
      this.startLoop()
      return
    }
    if (!state.playing && prev.playing) {
      this.stopLoop()
      this.sync()
      return
    }
    if (state.playing) {
      if (state.rate !== prev.rate) this.anchorAt(this.anchor === undefined ? state.frame : positionAt(this.anchor, this.clock.now()), state.rate)
      else if (state.frame !== prev.frame && state.lastSource !== 'playback') {
        this.shown = undefined
        this.anchorAt(state.frame, state.rate)
      }
      return
    }
    if (state.frame !== prev.frame || state.frameCount !== prev.frameCount) {
      if (state.frame !== prev.frame) this.lastDirection = state.frame < prev.frame ? -1 : 1
      this.sync()
    }
  }

  private anchorAt(frame: number, rate: number): void {
    this.anchor = { frame, time: this.clock.now(), rate, fps: this.store.getState().fps }
  }

  /** Cameras that have frame k at all (a camera with fewer frames than the episode sits out past its end). */
  private camerasFor(frame: number): [string, FrameSource][] {
    return [...this.sources].filter(([, s]) => frame < s.frameCount)
  }

  private ready(frame: number): boolean {
    return this.camerasFor(frame).every(([, s]) => s.peek(frame) !== undefined)
  }

  /** Paused: show the store's frame on every camera, as soon as every camera has it. */
  private sync(): void {
    const { frame, playing } = this.store.getState()
    if (playing || this.sources.size === 0) return
    this.pending?.abort()
    this.pending = undefined
    const motion: Motion = { playing: false, direction: this.lastDirection, rate: 1 }
    for (const s of this.sources.values()) s.setPlayhead(Math.min(frame, s.frameCount - 1), motion)
    if (this.ready(frame)) {
      // Already on every canvas (e.g. playback just ended here): painting again would only add a paint event.
      if (this.shown !== frame || !this.allShow(frame)) this.paint(frame)
      return
    }
    const controller = new AbortController()
    this.pending = controller
    const cameras = this.camerasFor(frame)
    this.watchPreviews(frame, controller.signal)
    void Promise.allSettled(cameras.map(([, s]) => s.load(frame, controller.signal))).then((results) => {
      if (controller.signal.aborted) return
      this.pending = undefined
      results.forEach((r, i) => {
        const camera = cameras[i]?.[0]
        if (camera !== undefined && r.status === 'rejected' && !isAbortError(r.reason)) {
          this.setStatus(camera, r.reason instanceof Error ? r.reason.message : String(r.reason))
        }
      })
      this.paint(frame)
    })
  }

  /**
   * A wait longer than a moment is told to the store (`slow`: the playhead marks the frame asked for from then
   * on), and until the exact frame is painted (or the wait is superseded), each animation frame shows on each
   * camera the frame its source offers while the target decodes (`FrameSource.nearest`: the latest decoded on
   * the way to it; drawn again at most every PREVIEW_REFRESH_MS), or the target itself once that camera has it,
   * when nearer than what the camera's canvas shows.
   */
  private watchPreviews(frame: number, signal: AbortSignal): void {
    const since = this.clock.now()
    // A preview left from a superseded jump names another target: it goes now, not when this one is painted.
    for (const [camera, shown] of this.previewed) if (shown.target !== frame) this.hidePreview(camera)
    const check = () => {
      if (signal.aborted || this.pending?.signal !== signal) return
      // A wait shorter than this (a short GOP) would only flash a preview, and drawing it takes the main
      // thread when the frames arrive: about a third of a cold jump's time at 640×480 (docs/player.md).
      if (this.clock.now() - since < this.previewAfterMs) {
        this.clock.requestFrame(check)
        return
      }
      this.store.getState().setSlow()
      if (this.previews.size === 0) return
      for (const [camera, source] of this.camerasFor(frame)) {
        // A camera that has the frame shows it here while the others decode theirs.
        const exact = source.peek(frame)
        // The exact frame is drawn when it comes; a nearer approximation only after PREVIEW_REFRESH_MS.
        const last = this.previewed.get(camera)
        if (exact === undefined && last !== undefined && this.clock.now() - last.at < PREVIEW_REFRESH_MS) continue
        const near = exact === undefined ? source.nearest?.(frame) : { frame, image: exact }
        if (near === undefined || near.frame === last?.frame) continue
        const onCanvas = Number(this.canvases.get(camera)?.dataset.frame ?? NaN)
        if (Number.isFinite(onCanvas) && Math.abs(onCanvas - frame) <= Math.abs(near.frame - frame)) continue
        this.showPreview(camera, frame, near.frame, near.image)
      }
      this.clock.requestFrame(check)
    }
    this.clock.requestFrame(check)
  }

  private showPreview(camera: string, target: number, frame: number, image: FrameImage): void {
    const preview = this.previews.get(camera)
    if (preview === undefined) return
    const { canvas, note } = preview
    const { width, height } = imageSize(image)
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
    }
    canvas.getContext('2d', { alpha: false })?.drawImage(image, 0, 0, width, height)
    canvas.dataset.approximate = String(frame)
    canvas.hidden = false
    if (note !== undefined) {
      note.textContent = frame === target ? `${frame} · other cameras decoding` : `≈ ${frame} · decoding ${target}`
      note.hidden = false
    }
    this.previewed.set(camera, { frame, target, at: this.clock.now() })
  }

  private hidePreview(camera: string): void {
    if (!this.previewed.has(camera)) return
    this.previewed.delete(camera)
    const preview = this.previews.get(camera)
    if (preview === undefined) return
    preview.canvas.hidden = true
    delete preview.canvas.dataset.approximate
    if (preview.note !== undefined) preview.note.hidden = true
  }

  private allShow(frame: number): boolean {
    for (const [camera, canvas] of this.canvases) {
      const source = this.sources.get(camera)
      if (source !== undefined && frame < source.frameCount && canvas.dataset.frame !== String(frame)) return false
    }
    return true
  }

  /** Draws frame k on every camera that has it decoded, all in this task. */
  private paint(frame: number): void {
    const painted: string[] = []
    for (const [camera, source] of this.sources) {
      if (frame >= source.frameCount) {
        this.blank(camera, `No frame ${frame}: this camera has ${source.frameCount} frames`)
        continue
      }
      const image = source.peek(frame)
      if (image === undefined) {
        // This camera failed on this frame: an empty tile with the reason, never a stale frame beside the others.
        this.blank(camera, this.statuses.get(camera) ?? `Frame ${frame} could not be decoded`)
        continue
      }
      if (this.draw(camera, frame, image)) painted.push(camera)
    }
    this.shown = frame
    this.store.getState().setPainted(frame)
    for (const l of this.paintListeners) l(frame, painted)
  }

  private draw(camera: string, frame: number, image: FrameImage): boolean {
    const canvas = this.canvases.get(camera)
    if (canvas === undefined) return false
    const { width, height } = imageSize(image)
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
    }
    const ctx = canvas.getContext('2d', { alpha: false })
    if (ctx === null) return false
    ctx.drawImage(image, 0, 0, width, height)
    canvas.dataset.frame = String(frame)
    this.hidePreview(camera)
    const label = this.labels.get(camera)
    if (label !== undefined) label.textContent = String(frame)
    if (this.statuses.has(camera)) this.setStatus(camera, undefined)
    return true
  }

  private blank(camera: string, message: string): void {
    const canvas = this.canvases.get(camera)
    if (canvas !== undefined) {
      canvas.getContext('2d', { alpha: false })?.clearRect(0, 0, canvas.width, canvas.height)
      delete canvas.dataset.frame
    }
    this.hidePreview(camera)
    const label = this.labels.get(camera)
    if (label !== undefined) label.textContent = '–'
    if (this.statuses.get(camera) !== message) this.setStatus(camera, message)
  }

  private setStatus(camera: string, message: string | undefined): void {
    if (message === undefined) this.statuses.delete(camera)
    else this.statuses.set(camera, message)
    this.emitStatus()
  }

  private emitStatus(): void {
    for (const l of this.statusListeners) l()
  }

  private startLoop(): void {
    if (this.raf !== undefined) return
    const loop = () => {
      this.raf = undefined
      if (!this.store.getState().playing) return
      this.tick()
      if (this.store.getState().playing) this.raf = this.clock.requestFrame(loop)
    }
    this.raf = this.clock.requestFrame(loop)
    this.tick()
  }

  private stopLoop(): void {
    if (this.raf !== undefined) this.clock.cancelFrame(this.raf)
    this.raf = undefined
  }

  /** One animation frame of playback: move the clock, prefetch ahead of it, paint what every camera has. */
  private tick(): void {
    const state = this.store.getState()
    if (this.anchor === undefined) this.anchorAt(state.frame, state.rate)
    const anchor = this.anchor
    if (anchor === undefined) return
    const direction: 1 | -1 = state.rate < 0 ? -1 : 1
    const { frame: target, ended } = frameAtPosition(positionAt(anchor, this.clock.now()), state.rate, state.frameCount)
    const motion: Motion = { playing: true, direction, rate: Math.abs(state.rate) }
    for (const s of this.sources.values()) s.setPlayhead(Math.min(target, s.frameCount - 1), motion)
    this.counters.ticks += 1
    const chosen = chooseFrame(target, this.shown, direction, (f) => this.ready(f))
    if (chosen !== undefined) {
      if (this.shown !== undefined) this.counters.skipped += Math.max(0, Math.abs(chosen - this.shown) - 1)
      this.counters.paints += 1
      this.paint(chosen)
      this.store.getState().seek(chosen, 'playback')
    }
    if (this.shown !== target) this.counters.lateTicks += 1
    if (ended && this.shown === target) this.store.getState().pause()
  }
}
