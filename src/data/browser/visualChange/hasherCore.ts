/**
 * The hashing side of hashProtocol.ts: decode, draw into a canvas at the frame's own size, read the RGBA
 * pixels back and hash them with `phashHex` (the core's port of `imagehash.phash`). Runs in hash.worker.ts.
 *
 * The pixels are the browser's own YUV -> RGB conversion of the decoded frame; the CLI and ProcVLM convert with
 * ffmpeg or PIL, which can round a few pixels differently, so a rare hash differs by a bit or two
 * (docs/editor.md measures how often on the demo).
 */
import { phashHex } from '@/core/phash'
import type { FromHasher, ToHasher } from './hashProtocol'
import { NO_HASH } from './hashProtocol'

type Post = (message: FromHasher) => void

const BATCH = 32

export function createHasherCore(post: Post): (message: ToHasher) => void {
  let decoder: VideoDecoder | undefined
  let canvas: OffscreenCanvas | undefined
  let context: OffscreenCanvasRenderingContext2D | null = null
  let pending: { frames: number[]; hashes: string[]; widths: number[]; heights: number[] } = { frames: [], hashes: [], widths: [], heights: [] }
  let failed = false
  // Every chunk's work, in order: a chunk is acknowledged only after the ones before it.
  let queue: Promise<void> = Promise.resolve()

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
    pending.frames.push(frame)
    pending.hashes.push(h)
    pending.widths.push(width)
    pending.heights.push(height)
    if (pending.frames.length >= BATCH) flushBatch()
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
            if (frame.timestamp >= 0) record(frame.timestamp, frame, frame.displayWidth, frame.displayHeight)
            frame.close()
          },
          error(e) {
            fail(`decoding failed: ${e.message}`)
          },
        })
        decoder.configure(message.config)
        return
      case 'samples': {
        const d = decoder
        if (d === undefined || failed) return
        // Each chunk starts at a key frame and ends with a flush, so its frames are all out (B-frames included)
        // before it is acknowledged.
        then(async () => {
          for (const s of message.samples) {
            d.decode(new EncodedVideoChunk({ type: s.key ? 'key' : 'delta', timestamp: s.timestamp, data: new Uint8Array(message.buffer, s.start, s.size) }))
          }
          await d.flush()
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
