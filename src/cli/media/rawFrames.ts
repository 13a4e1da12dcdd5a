/**
 * Cutting ffmpeg's stdout into frames: fixed-size rawvideo frames (the size is known in advance) or a stream of
 * binary PPM images (`-c:v ppm`, each with its own `P6 width height 255` header, for videos whose size we do not
 * probe first).
 */
import type { Readable } from 'node:stream'

/** Yield consecutive `frameBytes`-long frames from `stream`; a trailing partial frame is returned via `leftover`. */
export async function* fixedFrames(stream: Readable, frameBytes: number, leftover: { bytes: number }): AsyncGenerator<Uint8Array> {
  let frame = new Uint8Array(frameBytes)
  let filled = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset)
      frame.set(chunk.subarray(offset, offset + take), filled)
      filled += take
      offset += take
      if (filled === frameBytes) {
        yield frame
        frame = new Uint8Array(frameBytes)
        filled = 0
      }
    }
  }
  leftover.bytes = filled
}

/** One decoded PPM image: RGB bytes and size. */
export interface PpmFrame {
  width: number
  height: number
  data: Uint8Array
}

/** Parse `P6\n<w> <h>\n<max>\n` at the start of `buf`; `undefined` if more bytes are needed. */
function parsePpmHeader(buf: Buffer): { width: number; height: number; headerBytes: number } | undefined {
  const tokens: string[] = []
  let i = 0
  while (tokens.length < 4) {
    while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++
    const start = i
    while (i < buf.length && buf[i] !== 0x20 && buf[i] !== 0x0a && buf[i] !== 0x0d && buf[i] !== 0x09) i++
    if (i >= buf.length) return undefined
    tokens.push(buf.toString('latin1', start, i))
  }
  const [magic, w, h, max] = tokens
  if (magic !== 'P6' || max !== '255') throw new Error(`unexpected image stream from ffmpeg (header '${tokens.join(' ')}')`)
  return { width: Number(w), height: Number(h), headerBytes: i + 1 }
}

/** Yield the PPM images in `stream` one by one. */
export async function* ppmFrames(stream: Readable): AsyncGenerator<PpmFrame> {
  let pending: Buffer = Buffer.alloc(0)
  let current: { width: number; height: number; data: Uint8Array; filled: number } | undefined
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    for (;;) {
      if (current === undefined) {
        const header = parsePpmHeader(pending)
        if (header === undefined) break
        current = { width: header.width, height: header.height, data: new Uint8Array(header.width * header.height * 3), filled: 0 }
        pending = pending.subarray(header.headerBytes)
      }
      const take = Math.min(current.data.length - current.filled, pending.length)
      current.data.set(pending.subarray(0, take), current.filled)
      current.filled += take
      pending = pending.subarray(take)
      if (current.filled < current.data.length) break
      yield { width: current.width, height: current.height, data: current.data }
      current = undefined
    }
  }
}
