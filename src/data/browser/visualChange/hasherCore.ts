/**
 * The hashing side of hashProtocol.ts: decode, take each frame's pixels at its own size, and hash them with the
 * core's port of `imagehash.phash`. Runs in hash.worker.ts.
 *
 * A 4:2:0 video frame (I420, NV12) is converted from its own planes as ffmpeg converts untagged SD video
 * (`core/image/yuvToGray.ts`), so the hashes are close to the CLI's and ProcVLM's (which decode with ffmpeg);
 * anything else (other formats, image files) is drawn into a canvas and read back, the browser's conversion.
 * docs/editor.md measures how often a hash differs from the CLI's, and by how many bits.
 */
import { yuv420ToGrayL } from '@/core/image/yuvToGray'
import { phashHex, phashHexOfGray } from '@/core/phash'
import type { FromHasher, ToHasher } from './hashProtocol'
import { NO_HASH } from './hashProtocol'
import { FeedGate } from './feedGate'

type Post = (message: FromHasher) => void

const BATCH = 32
/** Samples the decoder may have queued (decoded even while paused), and frames waiting to be hashed. */
const QUEUED_SAMPLES = 4
const UNHASHED_FRAMES = 16

/** Resolves in a task of its own (a message to ourselves: no timer clamping), after messages already queued. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

export function createHasherCore(post: Post): (message: ToHasher) => void {
  let decoder: VideoDecoder | undefined
  let canvas: OffscreenCanvas | undefined
  let context: OffscreenCanvasRenderingContext2D | null = null
  let pending: { frames: number[]; hashes: string[]; widths: number[]; heights: number[] } = { frames: [], hashes: [], widths: [], heights: [] }
  let failed = false
  // Every chunk's work, in order: a chunk is acknowledged only after the ones before it.
  let queue: Promise<void> = Promise.resolve()
  const gate = new FeedGate()

  function flushBatch(): void {
    if (pending.frames.length === 0) return
    post({ type: 'hashed', ...pending })
    pending = { frames: [], hashes: [], widths: [], heights: [] }
  }

  function hash(image: CanvasImageSource, width: number, height: number): string {
    if (canvas === undefined) {
      canvas = new OffscreenCanvas(width, height)
      context = canvas.getContext('2d', { willReadFrequently: true })
    }
    if (context === null || width < 1 || height < 1) return NO_HASH
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
    }
    context.drawImage(image, 0, 0, width, height)
    const pixels = context.getImageData(0, 0, width, height)
    return phashHex({ data: pixels.data, width, height, channels: 4 })
  }

  function record(frame: number, image: CanvasImageSource | undefined, width: number, height: number): void {
    let h = NO_HASH
    try {
      if (image !== undefined) h = hash(image, width, height)
    } catch {
      // Kept as "no hash": its similarities count as 1.0 (no visual change), as the progress engine reads them.
    }
    push(frame, h, width, height)
  }

  function push(frame: number, h: string, width: number, height: number): void {
    pending.frames.push(frame)
    pending.hashes.push(h)
    pending.widths.push(width)
    pending.heights.push(height)
    if (pending.frames.length >= BATCH) flushBatch()
  }

  let bytes: Uint8Array<ArrayBuffer> = new Uint8Array(0)
  let gray: Uint8Array = new Uint8Array(0)

  /** Hashes a decoded video frame (then closes it): from its planes when 4:2:0, else through the canvas. */
  async function hashVideoFrame(frame: VideoFrame): Promise<void> {
    const rect = frame.visibleRect
    const width = rect?.width ?? frame.displayWidth
    const height = rect?.height ?? frame.displayHeight
    try {
      if ((frame.format === 'I420' || frame.format === 'NV12') && rect !== null) {
        const size = frame.allocationSize({ rect })
        if (bytes.length < size) bytes = new Uint8Array(size)
        const layout = await frame.copyTo(bytes, { rect })
        const [y, a, b] = layout
        if (y === undefined || a === undefined) throw new Error('no planes')
        const planes = frame.format === 'NV12'
          ? { uv: bytes.subarray(a.offset), uvStride: a.stride }
          : { u: bytes.subarray(a.offset), v: bytes.subarray(b?.offset ?? 0), uvStride: a.stride }
        gray = yuv420ToGrayL({ width, height, y: bytes.subarray(y.offset), yStride: y.stride, ...planes }, gray)
        push(frame.timestamp, phashHexOfGray({ data: gray, width, height }), width, height)
      } else {
        record(frame.timestamp, frame, width, height)
      }
    } catch {
      push(frame.timestamp, NO_HASH, width, height)
    } finally {
      frame.close()
    }
  }

  // Plane copies finish asynchronously; a chunk is done only once its frames are hashed. Frames are hashed one
  // after another (they share `bytes` and `gray`), each once the gate is open (not while a camera waits for a
  // frame); `unhashed` counts those not done yet.
  let hashing: Promise<void>[] = []
  let lastHash: Promise<void> = Promise.resolve()
  let unhashed = 0

  function hashInTurn(frame: VideoFrame): void {
    unhashed += 1
    // Each frame in a task of its own: frames decoded while paused would otherwise all be hashed in one
    // microtask run when the pause ends (tens of ms at 720×480), and a 'pause' arriving meanwhile would wait.
    lastHash = lastHash.then(nextTask).then(() => gate.running()).then(() => hashVideoFrame(frame)).finally(() => {
      unhashed -= 1
      gate.changed()
    })
    hashing.push(lastHash)
  }

  function fail(message: string): void {
    if (failed) return
    failed = true
    flushBatch()
    post({ type: 'error', message })
  }

  function then(step: () => Promise<void>, chunk: number): void {
    queue = queue.then(() => (failed ? undefined : step())).then(() => {
      flushBatch()
      post({ type: 'chunk', chunk })
    }, (e: unknown) => fail(e instanceof Error ? e.message : String(e)))
  }

  return (message) => {
    switch (message.type) {
      case 'video':
        decoder = new VideoDecoder({
          output(frame) {
            if (frame.timestamp >= 0) hashInTurn(frame)
            else frame.close()
          },
          error(e) {
            fail(`decoding failed: ${e.message}`)
          },
        })
        decoder.addEventListener('dequeue', () => gate.changed())
        decoder.configure(message.config)
        return
      case 'pause':
        gate.setPaused(message.paused)
        return
      case 'samples': {
        const d = decoder
        if (d === undefined || failed) return
        // Each chunk starts at a key frame and ends with a flush, so its frames are all out (B-frames included)
        // before it is acknowledged.
        then(async () => {
          for (const s of message.samples) {
            await gate.ready(() => d.decodeQueueSize >= QUEUED_SAMPLES || unhashed >= UNHASHED_FRAMES)
            if (failed || d.state !== 'configured') return
            d.decode(new EncodedVideoChunk({ type: s.key ? 'key' : 'delta', timestamp: s.timestamp, data: new Uint8Array(message.buffer, s.start, s.size) }))
          }
          await d.flush()
          const done = hashing
          hashing = []
          await Promise.all(done)
        }, message.chunk)
        return
      }
      case 'image':
        then(async () => {
          try {
            const bitmap = await createImageBitmap(new Blob([message.bytes]))
            record(message.frame, bitmap, bitmap.width, bitmap.height)
            bitmap.close()
          } catch {
            record(message.frame, undefined, 0, 0)
          }
        }, message.chunk)
        return
      case 'end':
        queue = queue.then(() => {
          flushBatch()
          if (!failed) post({ type: 'done' })
        })
        return
    }
  }
}
