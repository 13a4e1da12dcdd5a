/**
 * The sample table of an MP4's first video track, read from the `moov` box alone (a few range reads; the media
 * data is never downloaded). The frame player feeds these samples to WebCodecs; the dataset checks use the
 * facts (codec, frame count, frame rate, pixel aspect, audio, truncation).
 */
import type * as Mp4box from 'mp4box'
import type { Box, Sample } from 'mp4box'
import type { FileStore } from '../fileStore'
import { FileNotFoundError } from '../fileStore'
import type { VideoCodec } from './codecs'
import { codecFromCodecString } from './codecs'
import { locateMoov, minimalFtyp, Mp4Error } from './mp4Boxes'
import { frameDuration } from '@/core/time'

export { Mp4Error } from './mp4Boxes'

/** One coded sample (= one frame), in decode order. Times are in the track's timescale. */
export interface Mp4Sample {
  cts: number
  dts: number
  duration: number
  /** Byte offset of the sample in the file. */
  offset: number
  size: number
  isSync: boolean
}

export interface Mp4Index {
  codecString: string
  codec: VideoCodec
  /** Coded size. */
  width: number
  height: number
  /** Size after the pixel aspect ratio (`pasp`). */
  displayWidth: number
  displayHeight: number
  pixelAspect: { h: number; v: number }
  timescale: number
  /** Decode order. */
  samples: Mp4Sample[]
  frameCount: number
  /** From the median sample duration. */
  fps: number
  variableFrameRate: boolean
  /** Ticks to subtract from `cts` to get the presentation time (edit list `media_time`; 0 without one). */
  presentationOffset: number
  durationSeconds: number
  hasAudio: boolean
  audioCodecs: string[]
  /** avcC / hvcC / av1C / vpcC contents without the 8-byte box header: WebCodecs' `description`. */
  decoderDescription?: Uint8Array
  fileSize: number
  /** Samples whose bytes lie (partly) beyond the end of the file: the file was truncated. */
  samplesBeyondEof: number
}

/**
 * mp4box, loaded with the first video rather than with the app (it is a sixth of the app's code). It logs
 * warnings for boxes it does not know, noise for us: any function other than its own debug/info/warn selects
 * the error level.
 */
async function loadMp4box(): Promise<typeof Mp4box> {
  const mp4box = await import('mp4box')
  mp4box.Log.setLogLevel(() => undefined)
  return mp4box
}

interface ParsedEntry {
  type: string
  width?: number
  height?: number
  pasp?: { hSpacing: number; vSpacing: number }
  esds?: { esd?: { descs?: { oti?: number }[] } }
  avcC?: Box
  hvcC?: Box
  av1C?: Box
  vpcC?: Box
}

function concat(a: Uint8Array, b: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(a.byteLength + b.byteLength)
  out.set(a, 0)
  out.set(b, a.byteLength)
  return out.buffer
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function configBytes(buffer: Uint8Array, box: Box | undefined): Uint8Array | undefined {
  if (box?.start === undefined) return undefined
  // Only the size+type header goes; a full box (vpcC) keeps its version/flags, as WebCodecs expects.
  return buffer.slice(box.start + 8, box.start + box.size)
}

function isVariable(samples: Mp4Sample[], typical: number): boolean {
  // The last sample's duration is often a rounding leftover; ignore it.
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < samples.length - 1; i++) {
    const d = samples[i]?.duration ?? 0
    if (d < min) min = d
    if (d > max) max = d
  }
  return samples.length > 2 && max - min > Math.max(1, typical * 0.01)
}

function mapSample(s: Sample): Mp4Sample {
  return { cts: s.cts, dts: s.dts, duration: s.duration, offset: s.offset, size: s.size, isSync: s.is_sync }
}

/**
 * Reads the video track's index. Rejects with {@link FileNotFoundError} when the file is absent and with
 * {@link Mp4Error} when it is not a usable MP4 (no moov, cut inside moov, no video track).
 */
export async function readMp4Index(store: FileStore, path: string): Promise<Mp4Index> {
  const fileSize = await store.size(path)
  if (fileSize === undefined) throw new FileNotFoundError(path, store.label)
  const located = await locateMoov(store, path, fileSize)
  const ftyp = located.ftyp ?? minimalFtyp()
  const combined = concat(ftyp, located.moov)
  const { createFile, MP4BoxBuffer } = await loadMp4box()
  const file = createFile(false)
  let parseError: string | undefined
  file.onError = (module, message) => {
    parseError = `${module}: ${message}`
  }
  try {
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(combined, 0))
    file.flush()
  } catch (e) {
    throw new Mp4Error('video-corrupt', `the moov box cannot be parsed (${e instanceof Error ? e.message : String(e)})`)
  }
  const info = file.getInfo()
  const track = info.videoTracks[0]
  if (track === undefined) {
    throw new Mp4Error('video-corrupt', parseError ?? `no video track (tracks: ${info.tracks.length === 0 ? 'none' : info.tracks.map((t) => t.type).join(', ')})`)
  }
  const trak = file.getTrackById(track.id)
  const entry = trak.mdia.minf.stbl.stsd.entries[0] as unknown as ParsedEntry | undefined
  if (entry === undefined) throw new Mp4Error('video-corrupt', 'the video track has no sample description')
  const samples = trak.samples.map(mapSample)
  if (samples.length === 0) throw new Mp4Error('video-corrupt', 'the video track has no samples')
  const timescale = track.timescale
  const typical = median(samples.map((s) => s.duration))
  const width = entry.width ?? track.video?.width ?? 0
  const height = entry.height ?? track.video?.height ?? 0
  const h = entry.pasp?.hSpacing ?? 1
  const v = entry.pasp?.vSpacing ?? 1
  const pixelAspect = h > 0 && v > 0 ? { h, v } : { h: 1, v: 1 }
  const edit = trak.edts?.elst?.entries.find((e) => e.media_time >= 0)
  const bytes = new Uint8Array(combined)
  const description = configBytes(bytes, entry.avcC ?? entry.hvcC ?? entry.av1C ?? entry.vpcC)
  const oti = entry.esds?.esd?.descs?.[0]?.oti
  const index: Mp4Index = {
    codecString: track.codec,
    codec: codecFromCodecString(track.codec, oti),
    width,
    height,
    displayWidth: Math.round((width * pixelAspect.h) / pixelAspect.v),
    displayHeight: height,
    pixelAspect,
    timescale,
    samples,
    frameCount: samples.length,
    fps: typical > 0 ? timescale / typical : 0,
    variableFrameRate: isVariable(samples, typical),
    presentationOffset: edit?.media_time ?? 0,
    durationSeconds: info.timescale > 0 ? info.duration / info.timescale : 0,
    hasAudio: info.audioTracks.length > 0,
    audioCodecs: info.audioTracks.map((t) => t.codec),
    fileSize,
    samplesBeyondEof: samples.filter((s) => s.offset + s.size > fileSize).length,
  }
  if (description !== undefined) index.decoderDescription = description
  return index
}

/** Sample positions (indices into `samples`) in presentation order: frame k of the video is `order[k]`. */
export function presentationOrder(index: Mp4Index): Int32Array {
  const order = Int32Array.from(index.samples.keys())
  return order.sort((a, b) => (index.samples[a]?.cts ?? 0) - (index.samples[b]?.cts ?? 0))
}

/** Presentation time of a sample in seconds. */
export function sampleTime(index: Mp4Index, sample: Mp4Sample): number {
  return (sample.cts - index.presentationOffset) / index.timescale
}

/**
 * The frames (presentation order) of the span `[from, to)` seconds: LeRobot v3.0 episodes inside a shared file.
 * A frame belongs to the span when its time is within half a frame of it (timestamps are rounded).
 */
export function framesInSpan(index: Mp4Index, from: number, to: number): { first: number; count: number } {
  const half = index.fps > 0 ? frameDuration(index.fps) / 2 : 0
  const times = index.samples.map((s) => sampleTime(index, s)).sort((a, b) => a - b)
  let first = -1
  let count = 0
  times.forEach((t, k) => {
    if (t >= from - half && t < to - half) {
      if (first < 0) first = k
      count += 1
    }
  })
  return { first: Math.max(first, 0), count }
}
