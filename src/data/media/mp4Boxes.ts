/**
 * Finds an MP4's `ftyp` and `moov` boxes with a few range reads, wherever `moov` is (recorders often write it at
 * the end). Only box headers are read on the way; the media data (`mdat`) is skipped.
 */
import type { FileStore } from '../fileStore'
import type { ContainerProbe } from './containerProbe'
import { containerName, PROBE_BYTES, probeContainer } from './containerProbe'

/** Why an MP4 could not be indexed. `kind` is a problem kind from the catalogue. */
export class Mp4Error extends Error {
  readonly kind: 'video-corrupt' | 'video-truncated'
  /** Set when the file is not an MP4 at all: what its first bytes say it is. */
  readonly container: ContainerProbe | undefined

  constructor(kind: 'video-corrupt' | 'video-truncated', message: string, container?: ContainerProbe) {
    super(message)
    this.name = 'Mp4Error'
    this.kind = kind
    this.container = container
  }
}

export interface TopLevelBox {
  type: string
  offset: number
  size: number
}

export interface LocatedMoov {
  fileSize: number
  boxes: TopLevelBox[]
  ftyp: Uint8Array | undefined
  moov: Uint8Array
  moovOffset: number
}

// One read this size usually covers ftyp + moov of a faststart file, or the whole tail after mdat.
const CHUNK = 64 * 1024
const TOP_LEVEL = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'uuid', 'moof', 'mfra', 'styp', 'sidx', 'pdin', 'meta', 'udta', 'prft', 'emsg'])
const TAIL_READ_LIMIT = 4 * 1024 * 1024

class RangeReader {
  private start = 0
  private bytes: Uint8Array = new Uint8Array(0)

  constructor(
    private readonly store: FileStore,
    private readonly path: string,
    private readonly fileSize: number,
  ) {}

  async read(offset: number, length: number, prefetch = CHUNK): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.fileSize)
    if (offset >= this.start && end <= this.start + this.bytes.byteLength) {
      return this.bytes.subarray(offset - this.start, end - this.start)
    }
    const readEnd = Math.min(Math.max(end, offset + prefetch), this.fileSize)
    this.bytes = await this.store.readBytes(this.path, { start: offset, end: readEnd })
    this.start = offset
    return this.bytes.subarray(0, Math.min(end - offset, this.bytes.byteLength))
  }
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0)
}

function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0)
}

function describe(boxes: TopLevelBox[]): string {
  return boxes.length === 0 ? 'no boxes' : boxes.map((b) => b.type).join(', ')
}

/**
 * Walks the top-level boxes and returns the `moov` bytes (and `ftyp`, when present). Throws {@link Mp4Error};
 * when not even the first box is an MP4 box, the error says what the file is instead (Matroska, a Git LFS
 * pointer, a web page, …), from the bytes already read.
 */
export async function locateMoov(store: FileStore, path: string, fileSize: number): Promise<LocatedMoov> {
  const reader = new RangeReader(store, path, fileSize)
  const boxes: TopLevelBox[] = []
  try {
    return await walkBoxes(reader, fileSize, boxes)
  } catch (e) {
    if (!(e instanceof Mp4Error) || boxes.length > 0) throw e
    const probe = probeContainer(await reader.read(0, PROBE_BYTES))
    if (probe.container === 'mp4' || probe.container === 'unknown') throw e
    throw new Mp4Error('video-corrupt', `not an MP4: the file is ${containerName(probe.container)}`, probe)
  }
}

async function walkBoxes(reader: RangeReader, fileSize: number, boxes: TopLevelBox[]): Promise<LocatedMoov> {
  let ftyp: Uint8Array | undefined
  let offset = 0
  while (offset + 8 <= fileSize) {
    const remaining = fileSize - offset
    // After a large box (mdat) the rest is usually just moov: fetch it in one go when it is small enough.
    const prefetch = remaining <= TAIL_READ_LIMIT && offset > 0 ? remaining : CHUNK
    const header = await reader.read(offset, 16, prefetch)
    const size32 = u32(header, 0)
    const type = fourcc(header, 4)
    if (!/^[\x20-\x7e]{4}$/.test(type)) {
      throw new Mp4Error('video-corrupt', `not an MP4 box at byte ${offset} (after ${describe(boxes)})`)
    }
    const size = size32 === 1 ? u32(header, 8) * 2 ** 32 + u32(header, 12) : size32 === 0 ? remaining : size32
    if (size < 8) throw new Mp4Error('video-corrupt', `box '${type}' at byte ${offset} has an invalid size ${size}`)
    if (!TOP_LEVEL.has(type) && (offset === 0 || offset + size > fileSize)) {
      throw new Mp4Error('video-corrupt', `not an MP4: unexpected '${type}' at byte ${offset} (after ${describe(boxes)})`)
    }
    boxes.push({ type, offset, size })
    if (offset + size > fileSize) {
      if (type === 'moov') {
        // A moov whose contents end before the file does (an mdat follows) was not cut: its size field is wrong.
        const end = await contentsEnd(reader, offset, fileSize)
        if (end !== undefined) {
          throw new Mp4Error('video-corrupt', `box 'moov' at byte ${offset} says it is ${size} bytes, past the end of the ` +
            `file (${fileSize} bytes), but its contents end at byte ${end.offset}, where '${end.type}' begins: its size is damaged`)
        }
        throw new Mp4Error('video-truncated',
          `the file ends inside its moov box (${remaining} of ${size} bytes present): it was cut short`)
      }
      break
    }
    if (type === 'ftyp') ftyp = (await reader.read(offset, size)).slice()
    if (type === 'moov') {
      const moov = (await reader.read(offset, size, size)).slice()
      const damage = nestingDamage(moov, offset)
      if (damage !== undefined) throw new Mp4Error('video-corrupt', damage)
      return { fileSize, boxes, ftyp, moov, moovOffset: offset }
    }
    offset += size
  }
  const last = boxes.at(-1)
  if (last !== undefined && last.offset + last.size > fileSize) {
    throw new Mp4Error('video-truncated',
      `no moov box: the file ends inside its '${last.type}' box (${fileSize - last.offset} of ${last.size} bytes ` +
      'present), so the recording was probably interrupted before the index was written')
  }
  if (boxes.some((b) => b.type === 'moof')) {
    throw new Mp4Error('video-corrupt', 'fragmented MP4 without a moov box is not supported')
  }
  throw new Mp4Error('video-corrupt', `no moov box (found ${describe(boxes)}): not a playable MP4`)
}

/** Boxes that hold only boxes (of those the index reads), and where their children start. */
const CONTAINERS: Record<string, number> = { moov: 8, trak: 8, mdia: 8, minf: 8, stbl: 8, edts: 8, dinf: 8, mvex: 8, stsd: 16 }
// Top-level boxes that never sit inside a moov: where one begins, the moov's contents have ended.
const NEVER_IN_MOOV = new Set(['mdat', 'moov', 'ftyp', 'moof', 'mfra', 'styp', 'sidx'])

/** Where an overlong moov's own children stop: at a top-level box that cannot be one of them. */
async function contentsEnd(reader: RangeReader, moovOffset: number, fileSize: number): Promise<{ offset: number; type: string } | undefined> {
  let at = moovOffset + 8
  while (at + 8 <= fileSize) {
    const header = await reader.read(at, 8)
    const size = u32(header, 0)
    const type = fourcc(header, 4)
    if (NEVER_IN_MOOV.has(type)) return { offset: at, type }
    if (size < 8 || !/^[\x20-\x7e]{4}$/.test(type)) return undefined
    at += size
  }
  return undefined
}

/**
 * The first box inside `moov` whose size does not fit its parent (or is under 8 bytes), as a message. The MP4
 * parser trusts these sizes and fails on them with its own internals' errors ("reading 'minf'"); a damaged size
 * is named here instead, with where it is.
 */
export function nestingDamage(moov: Uint8Array, moovOffset: number): string | undefined {
  const walk = (start: number, end: number, parent: string): string | undefined => {
    let at = start
    while (at + 8 <= end) {
      const size32 = u32(moov, at)
      const type = fourcc(moov, at + 4)
      const size = size32 === 0 ? end - at : size32
      if (size32 === 1) return undefined // a 64-bit size: rare in moov; left to the parser
      if (size < 8 || at + size > end) {
        return `box '${type}' at byte ${moovOffset + at} says it is ${size} bytes, but its '${parent}' ends at byte ` +
          `${moovOffset + end}: the box sizes are damaged`
      }
      const children = CONTAINERS[type]
      if (children !== undefined) {
        const inner = walk(at + children, at + size, type)
        if (inner !== undefined) return inner
      }
      at += size
    }
    return undefined
  }
  return walk(8, Math.min(moov.length, u32(moov, 0)), 'moov')
}

/** A minimal `ftyp` for files that lack one, so the MP4 parser accepts a lone `moov`. */
export function minimalFtyp(): Uint8Array {
  const bytes = new Uint8Array(20)
  const text = '\0\0\0\x14ftypisom\0\0\0\0isom'
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}
