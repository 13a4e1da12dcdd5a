/**
 * The fallback where WebCodecs (or the codec in it) is missing but a `<video>` element plays the file: seek
 * to the middle of the frame's interval (the half-frame rule, docs/platform-notes §12), wait for `seeked` and
 * the `requestVideoFrameCallback` of the new frame, confirm from its `mediaTime` that the frame shown is the
 * one asked for, and keep a copy (ImageBitmap) so stepping back over it needs no seek.
 */
import { QueuedFrameSource } from './queuedFrameSource'
import type { Motion, WindowSize } from './prefetchWindow'
import { frameDuration, frameToSeconds, ptsToFrame } from '@/core/time'

export interface VideoElementSourceOptions {
  camera: string
  url: string
  fps: number
  frameCount: number
  /** Presentation time (s) of each episode frame, from the sample table when there is one. */
  frameTimes?: Float64Array
  /** Where the episode starts in the file (LeRobot v3.0 shared files), used without `frameTimes`. */
  spanStart?: number
  width: number
  height: number
  aspect: number
  budgetBytes: number
}

/** Seeks are expensive: keep a small window (a few frames each way while paused). */
function fallbackWindow(motion: Motion, fps: number): WindowSize {
  if (!motion.playing) return { ahead: 3, behind: 3 }
  return { ahead: Math.ceil(Math.abs(motion.rate) * fps * 0.25) + 1, behind: 0 }
}

const SEEK_TIMEOUT_MS = 5000

export class VideoElementFrameSource extends QueuedFrameSource {
  readonly kind = 'video-element' as const
  readonly width: number
  readonly height: number
  readonly aspect: number
  private readonly video: HTMLVideoElement
  private readonly ready: Promise<void>
  private readonly fps: number
  private readonly frameTimes: Float64Array | undefined
  private readonly spanStart: number
  /** Presentation time of the frame on screen, as the last video frame callback reported it. */
  private shownTime = 0

  constructor(options: VideoElementSourceOptions) {
    super({
      camera: options.camera,
      frameCount: options.frameCount,
      budgetBytes: options.budgetBytes,
      // One element seeks one frame at a time.
      concurrency: 1,
      window: (motion) => fallbackWindow(motion, options.fps),
    })
    this.width = options.width
    this.height = options.height
    this.aspect = options.aspect
    this.fps = options.fps
    this.frameTimes = options.frameTimes
    this.spanStart = options.spanStart ?? 0
    const video = document.createElement('video')
    video.muted = true
    video.playsInline = true
    video.preload = 'auto'
    video.crossOrigin = 'anonymous'
    // rVFC fires only for a rendered element: keep it in the page, one pixel, invisible, out of the way.
    video.setAttribute('aria-hidden', 'true')
    video.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none;z-index:-1'
    this.video = video
    this.ready = new Promise<void>((resolve, reject) => {
      // Loaded, the element shows the file's first frame (time 0).
      video.addEventListener('loadeddata', () => resolve(), { once: true })
      video.addEventListener('error', () => reject(new Error(`${options.camera}: the browser cannot play this video (${video.error?.message ?? 'media error'})`)), { once: true })
    })
    this.ready.catch(() => undefined)
    document.body.appendChild(video)
    video.src = options.url
  }

  override dispose(): void {
    super.dispose()
    this.video.removeAttribute('src')
    this.video.load()
    this.video.remove()
  }

  /** Presentation time of episode frame k in the file. */
  private timeOf(frame: number): number {
    return this.frameTimes?.[frame] ?? this.spanStart + frameToSeconds(frame, this.fps)
  }

  /** The episode frame whose presentation time is nearest to a frame's `mediaTime`. */
  private frameAt(mediaTime: number): number {
    const times = this.frameTimes
    if (times === undefined) return ptsToFrame(mediaTime - this.spanStart, this.fps)
    let lo = 0
    let hi = times.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((times[mid] ?? 0) < mediaTime) lo = mid + 1
      else hi = mid
    }
    const before = Math.max(0, lo - 1)
    return Math.abs((times[before] ?? 0) - mediaTime) < Math.abs((times[lo] ?? 0) - mediaTime) ? before : lo
  }

  /**
   * Seeks to `seconds`; resolves with the `mediaTime` of the frame then presented (its PTS, from the video
   * frame callback), or `currentTime` where requestVideoFrameCallback is missing. Only called for a frame
   * other than the one on screen, so a new frame is always presented.
   */
  private seek(seconds: number): Promise<number> {
    const video = this.video
    return new Promise<number>((resolve, reject) => {
      let presented: number | undefined
      let seeked = false
      const hasRvfc = typeof video.requestVideoFrameCallback === 'function'
      const timer = setTimeout(() => reject(new Error(`${this.camera}: seeking to ${seconds.toFixed(3)} s showed no new frame`)), SEEK_TIMEOUT_MS)
      const finish = () => {
        if (!seeked || (hasRvfc && presented === undefined)) return
        clearTimeout(timer)
        resolve(presented ?? video.currentTime)
      }
      if (hasRvfc) {
        video.requestVideoFrameCallback((_now, meta) => {
          presented = meta.mediaTime
          finish()
        })
      }
      video.addEventListener('seeked', () => {
        seeked = true
        finish()
      }, { once: true })
      video.currentTime = seconds
    })
  }

  protected async fetchFrame(frame: number): Promise<ImageBitmap> {
    await this.ready
    const half = frameDuration(this.fps) / 2
    const time = this.timeOf(frame)
    if (Math.abs(this.shownTime - time) >= half) {
      try {
        // The half-frame rule: aim at the middle of the frame's interval, never at its edge.
        let shown = this.frameAt((this.shownTime = await this.seek(time + half)))
        if (shown !== frame) {
          // The file's timestamps are off the frame grid: aim again from where the seek landed.
          shown = this.frameAt((this.shownTime = await this.seek(time + half + frameToSeconds(frame - shown, this.fps))))
        }
        if (shown !== frame) throw new Error(`${this.camera}: the video shows frame ${shown} when asked for ${frame}`)
      } catch (e) {
        // What the element shows is unknown now: the next request seeks whatever it asks for.
        this.shownTime = -Infinity
        throw e
      }
    }
    return createImageBitmap(this.video)
  }
}
