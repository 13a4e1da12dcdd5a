/**
 * The decoder side of the protocol in decoderProtocol.ts: a `VideoDecoder` fed run by run. It runs inside
 * decoder.worker.ts, or on the main thread through {@link inThreadDecoderPort} where workers are unavailable.
 */
import type { DecoderPort, FromDecoder, ToDecoder } from './decoderProtocol'

type Post = (message: FromDecoder, transfer?: Transferable[]) => void

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e)
}

/** Returns the message handler of a decoder that answers through `post`. */
export function createDecoderCore(post: Post): (message: ToDecoder) => void {
  let config: VideoDecoderConfig | undefined
  let decoder: VideoDecoder | undefined
  // After the error callback, pending flushes reject too; one failure must be reported once.
  let broken = false
  // Chunks given to the decoder since it was configured or reset; with the queue's size, how far the decoder
  // has read when a frame comes out (the source learns the decoder's output delay from it).
  let fed = 0
  // The last run was a parked decoder's: its frames (all references only) are counted out, so that it is fed
  // no faster than it decodes.
  let parking = false

  function open(): VideoDecoder | undefined {
    if (decoder !== undefined && decoder.state !== 'closed') return decoder
    if (config === undefined) return undefined
    const d = new VideoDecoder({
      output(frame) {
        // Samples outside the episode (the GOP head of a v3 span) and frames nobody asked for (on the way to a
        // jump's target) are decoded only as references: their frames stay here.
        if (frame.timestamp < 0) {
          frame.close()
          if (parking) post({ type: 'passed', sample: -1 - frame.timestamp })
        } else post({ type: 'frame', frame, consumed: fed - d.decodeQueueSize }, [frame])
      },
      error(e) {
        broken = true
        post({ type: 'error', message: describe(e) })
      },
    })
    d.configure(config)
    decoder = d
    broken = false
    fed = 0
    return d
  }

  function run(message: Extract<ToDecoder, { type: 'run' }>): void {
    const { run: id, buffer } = message
    parking = message.park === true
    const d = open()
    if (d === undefined) {
      post({ type: 'error', run: id, message: 'decoder not configured' })
      post({ type: 'done', run: id, aborted: true })
      return
    }
    try {
      for (const s of message.samples) {
        fed += 1
        d.decode(new EncodedVideoChunk({
          type: s.key ? 'key' : 'delta',
          timestamp: s.timestamp,
          data: new Uint8Array(buffer, s.start, s.size),
        }))
      }
    } catch (e) {
      post({ type: 'error', run: id, message: describe(e) })
      post({ type: 'done', run: id, aborted: true })
      return
    }
    // Without a flush the decoder stays open for the next run's delta samples; the source knows the run is
    // done when its frames are out.
    if (!message.flush) return
    d.flush().then(
      () => post({ type: 'done', run: id, aborted: false }),
      (e: unknown) => {
        const aborted = e instanceof DOMException && e.name === 'AbortError'
        if (!aborted && !broken) post({ type: 'error', run: id, message: describe(e) })
        post({ type: 'done', run: id, aborted: true })
      },
    )
  }

  /**
   * YUV to RGBA here, off the main thread: drawing a VideoFrame converts it in `drawImage` (about 4 ms per
   * 1280×720 frame in Chromium's software path), drawing an ImageBitmap is a copy (docs/player.md).
   */
  function convert(frame: VideoFrame): void {
    const index = frame.timestamp
    createImageBitmap(frame).then(
      (bitmap) => post({ type: 'bitmap', frame: index, bitmap }, [bitmap]),
      () => post({ type: 'bitmap', frame: index, bitmap: undefined }),
    ).finally(() => frame.close())
  }

  return (message) => {
    switch (message.type) {
      case 'convert':
        convert(message.frame)
        break
      case 'configure':
        config = message.config
        if (decoder !== undefined && decoder.state !== 'closed') decoder.close()
        decoder = undefined
        break
      case 'run':
        run(message)
        break
      case 'reset':
        // Pending flushes reject with AbortError: their runs report `done` as aborted.
        if (decoder !== undefined && decoder.state === 'configured') {
          decoder.reset()
          fed = 0
          if (config !== undefined) decoder.configure(config)
        }
        break
      case 'close':
        if (decoder !== undefined && decoder.state !== 'closed') decoder.close()
        decoder = undefined
        break
    }
  }
}

/** A decoder on this thread with a Worker's interface (messages delivered asynchronously, as a worker would). */
export function inThreadDecoderPort(): DecoderPort {
  let handle: ((m: ToDecoder) => void) | undefined
  const port: DecoderPort = {
    onmessage: null,
    postMessage(message) {
      queueMicrotask(() => handle?.(message))
    },
    terminate() {
      handle?.({ type: 'close' })
      handle = undefined
    },
  }
  handle = createDecoderCore((message) => {
    port.onmessage?.(new MessageEvent('message', { data: message }))
  })
  return port
}
