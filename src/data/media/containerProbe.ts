/**
 * What a file that should be an MP4 really is, from its first bytes alone: another container (Matroska/WebM,
 * AVI, MPEG transport or program stream) with the video codec it names, or no video at all (a Git LFS pointer,
 * an HTML page or a text message saved under the video's name, an empty file). Pure: bytes in, facts out; the
 * problem wording lives in containerProblems.ts.
 */
import type { VideoCodec } from './codecs'

export type ContainerKind =
  | 'mp4'
  | 'matroska'
  | 'webm'
  | 'avi'
  | 'mpeg-ts'
  | 'mpeg-ps'
  | 'lfs-pointer'
  | 'html'
  | 'text'
  | 'empty'
  | 'unknown'

export interface ContainerProbe {
  container: ContainerKind
  /** The video codec as the container names it: a Matroska CodecID, an AVI fourcc, an MPEG-TS stream type. */
  codecId?: string
  /** `codecId` normalised; absent when the first bytes name no video codec. */
  codec?: VideoCodec
  /** A Git LFS pointer: the object it stands for. */
  lfs?: { oid: string; size: number }
  /** An HTML page's title, or a text file's first line (at most 80 characters). */
  text?: string
}

/** How many leading bytes the probe wants: enough for Matroska's Tracks and a transport stream's PMT. */
export const PROBE_BYTES = 64 * 1024

const CONTAINER_NAMES: Record<ContainerKind, string> = {
  mp4: 'an MP4', matroska: 'a Matroska file', webm: 'a WebM file', avi: 'an AVI file',
  'mpeg-ts': 'an MPEG transport stream', 'mpeg-ps': 'an MPEG program stream', 'lfs-pointer': 'a Git LFS pointer',
  html: 'an HTML page', text: 'a text file', empty: 'an empty file', unknown: 'of an unknown format',
}

/** "a Matroska file", "an HTML page": for sentences like "the file is …". */
export function containerName(kind: ContainerKind): string {
  return CONTAINER_NAMES[kind]
}

const MP4_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'styp', 'moof', 'sidx', 'pnot'])

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

function matchesAt(bytes: Uint8Array, text: string, at: number): boolean {
  for (let j = 0; j < text.length; j++) if (bytes[at + j] !== text.charCodeAt(j)) return false
  return true
}

function indexOf(bytes: Uint8Array, text: string, from = 0): number {
  for (let i = from; i <= bytes.byteLength - text.length; i++) if (matchesAt(bytes, text, i)) return i
  return -1
}

// ---- Matroska / WebM (EBML) ----

const EBML_HEADER = 0x1a45dfa3
const DOC_TYPE = 0x4282
const SEGMENT = 0x18538067
const TRACKS = 0x1654ae6b
const TRACK_ENTRY = 0xae
const TRACK_TYPE = 0x83
const CODEC_ID = 0x86
const MASTERS = new Set([EBML_HEADER, SEGMENT, TRACKS, TRACK_ENTRY])

const MATROSKA_CODECS: Record<string, VideoCodec> = {
  'V_MPEG4/ISO/AVC': 'h264', 'V_MPEGH/ISO/HEVC': 'hevc', V_AV1: 'av1', V_VP9: 'vp9', V_VP8: 'vp8',
  'V_MPEG4/ISO/SP': 'mpeg4', 'V_MPEG4/ISO/ASP': 'mpeg4', 'V_MPEG4/ISO/AP': 'mpeg4', V_MPEG2: 'mpeg2',
  V_MPEG1: 'mpeg1', V_MJPEG: 'mjpeg',
}

/** An EBML variable-length integer at `at`: its length in bytes and value (with the length marker kept for IDs). */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { length: number; value: number; unknown: boolean } | undefined {
  const first = bytes[at]
  if (first === undefined || first === 0) return undefined
  const length = Math.clz32(first) - 23
  if (at + length > bytes.byteLength) return undefined
  let value = keepMarker ? first : first & (0xff >> length)
  let allOnes = value === 0xff >> length
  for (let i = 1; i < length; i++) {
    const b = bytes[at + i] ?? 0
    value = value * 256 + b
    allOnes &&= b === 0xff
  }
  return { length, value, unknown: !keepMarker && allOnes }
}

interface TrackFacts {
  type?: number
  codecId?: string
}

/**
 * Walks the EBML elements that lead to the tracks (header, Segment, Tracks, TrackEntry), skipping the others
 * by their size, and collects the DocType and every track's type and CodecID found in `bytes`.
 */
function walkEbml(bytes: Uint8Array): { docType?: string; tracks: TrackFacts[] } {
  const out: { docType?: string; tracks: TrackFacts[] } = { tracks: [] }
  const visit = (start: number, end: number, track: TrackFacts | undefined): void => {
    let at = start
    while (at < end) {
      const id = vint(bytes, at, true)
      const size = id === undefined ? undefined : vint(bytes, at + id.length, false)
      if (id === undefined || size === undefined) return
      const body = at + id.length + size.length
      // An element of unknown size (live recordings) runs to the end of its parent.
      const bodyEnd = size.unknown ? end : Math.min(body + size.value, bytes.byteLength)
      if (id.value === TRACK_ENTRY) {
        const entry: TrackFacts = {}
        out.tracks.push(entry)
        visit(body, bodyEnd, entry)
      } else if (MASTERS.has(id.value)) {
        visit(body, bodyEnd, track)
      } else if (id.value === DOC_TYPE) {
        out.docType = ascii(bytes, body, bodyEnd - body)
      } else if (id.value === CODEC_ID && track !== undefined) {
        track.codecId = ascii(bytes, body, bodyEnd - body).replace(/\0+$/, '')
      } else if (id.value === TRACK_TYPE && track !== undefined && body < bytes.byteLength) {
        track.type = bytes[body] ?? 0
      }
      if (size.unknown) return
      at = body + size.value
    }
  }
  visit(0, bytes.byteLength, undefined)
  return out
}

function probeMatroska(bytes: Uint8Array): ContainerProbe {
  const { docType, tracks } = walkEbml(bytes)
  const probe: ContainerProbe = { container: docType === 'webm' ? 'webm' : 'matroska' }
  // TrackType 1 is video; a CodecID starting with V_ is one too when the type came later than our bytes.
  const video = tracks.find((t) => t.type === 1 && t.codecId !== undefined) ?? tracks.find((t) => t.codecId?.startsWith('V_') === true)
  if (video?.codecId !== undefined) {
    probe.codecId = video.codecId
    probe.codec = MATROSKA_CODECS[video.codecId] ?? 'unknown'
  }
  return probe
}

// ---- AVI (RIFF) ----

const AVI_CODECS: Record<string, VideoCodec> = {
  H264: 'h264', X264: 'h264', AVC1: 'h264', DAVC: 'h264', HEVC: 'hevc', H265: 'hevc', HVC1: 'hevc', HEV1: 'hevc',
  X265: 'hevc', FMP4: 'mpeg4', XVID: 'mpeg4', DIVX: 'mpeg4', DX50: 'mpeg4', MP4V: 'mpeg4', M4S2: 'mpeg4',
  MJPG: 'mjpeg', AV01: 'av1', VP90: 'vp9', VP80: 'vp8', MPG2: 'mpeg2', MPG1: 'mpeg1',
}

function probeAvi(bytes: Uint8Array): ContainerProbe {
  const probe: ContainerProbe = { container: 'avi' }
  // The video stream header ('strh' of type 'vids') names a handler; its format chunk ('strf', a
  // BITMAPINFOHEADER) names the compression, which is what decoders go by.
  const vids = indexOf(bytes, 'vids')
  if (vids < 0) return probe
  const strf = indexOf(bytes, 'strf', vids)
  const compression = strf < 0 ? '' : ascii(bytes, strf + 8 + 16, 4)
  const fourcc = /^[\x20-\x7e]{4}$/.test(compression) ? compression : ascii(bytes, vids + 4, 4)
  if (!/^[\x20-\x7e]{4}$/.test(fourcc)) return probe
  probe.codecId = fourcc
  probe.codec = AVI_CODECS[fourcc.toUpperCase()] ?? 'unknown'
  return probe
}

// ---- MPEG transport stream ----

const TS_CODECS: Record<number, VideoCodec> = { 0x01: 'mpeg1', 0x02: 'mpeg2', 0x10: 'mpeg4', 0x1b: 'h264', 0x24: 'hevc' }
const TS_VIDEO_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x20, 0x24, 0x33, 0x42, 0xd1, 0xea])

/** 188-byte packets, or 192 (M2TS: a 4-byte timestamp before each); `undefined` when not a transport stream. */
function tsLayout(bytes: Uint8Array): { packet: number; first: number } | undefined {
  for (const [packet, first] of [[188, 0], [192, 4]] as const) {
    const count = Math.min(5, Math.floor((bytes.byteLength - first) / packet))
    if (count < 2) continue
    let synced = true
    for (let k = 0; k < count && synced; k++) synced = bytes[first + k * packet] === 0x47
    if (synced) return { packet, first }
  }
  return undefined
}

/** The section a packet starts (after the pointer field), or `undefined` when it starts none. */
function sectionOf(bytes: Uint8Array, at: number): number | undefined {
  const flags = bytes[at + 1] ?? 0
  const control = ((bytes[at + 3] ?? 0) >> 4) & 3
  if ((flags & 0x40) === 0 || (control & 1) === 0) return undefined
  const payload = at + 4 + ((control & 2) !== 0 ? 1 + (bytes[at + 4] ?? 0) : 0)
  return payload + 1 + (bytes[payload] ?? 0)
}

function probeTs(bytes: Uint8Array, layout: { packet: number; first: number }): ContainerProbe {
  const probe: ContainerProbe = { container: 'mpeg-ts' }
  // PAT (PID 0) -> the first program's PMT PID -> the PMT's first video stream type.
  let pmtPid: number | undefined
  for (let at = layout.first; at + 188 <= bytes.byteLength; at += layout.packet) {
    const pid = (((bytes[at + 1] ?? 0) & 0x1f) << 8) | (bytes[at + 2] ?? 0)
    const s = sectionOf(bytes, at)
    if (s === undefined) continue
    const end = Math.min(s + 3 + ((((bytes[s + 1] ?? 0) & 0x0f) << 8) | (bytes[s + 2] ?? 0)) - 4, at + 188)
    if (pid === 0 && bytes[s] === 0x00) {
      for (let i = s + 8; i + 4 <= end; i += 4) {
        if ((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)) !== 0) {
          pmtPid = (((bytes[i + 2] ?? 0) & 0x1f) << 8) | (bytes[i + 3] ?? 0)
          break
        }
      }
    } else if (pid === pmtPid && bytes[s] === 0x02) {
      const infoLength = (((bytes[s + 10] ?? 0) & 0x0f) << 8) | (bytes[s + 11] ?? 0)
      for (let i = s + 12 + infoLength; i + 5 <= end; i += 5 + ((((bytes[i + 3] ?? 0) & 0x0f) << 8) | (bytes[i + 4] ?? 0))) {
        const type = bytes[i] ?? 0
        if (TS_VIDEO_TYPES.has(type)) {
          probe.codecId = `stream type 0x${type.toString(16).padStart(2, '0').toUpperCase()}`
          probe.codec = TS_CODECS[type] ?? 'unknown'
          return probe
        }
      }
      return probe
    }
  }
  return probe
}

// ---- text: LFS pointers, HTML pages, messages ----

function isText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.byteLength, 1024)
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0
    // Tabs, line breaks and printable bytes (UTF-8 continuation bytes included); nothing else occurs in text.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false
    if (b === 0x7f) return false
  }
  return true
}

function probeText(bytes: Uint8Array): ContainerProbe {
  const text = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '')
  if (text.startsWith('version https://git-lfs')) {
    const probe: ContainerProbe = { container: 'lfs-pointer' }
    const oid = /^oid (\S+)$/m.exec(text)?.[1]
    const size = /^size (\d+)$/m.exec(text)?.[1]
    if (oid !== undefined && size !== undefined) probe.lfs = { oid, size: Number(size) }
    return probe
  }
  const clip = (s: string): string => {
    const t = s.replace(/\s+/g, ' ').trim()
    return t.length > 80 ? `${t.slice(0, 79)}…` : t
  }
  if (/^\s*(<!doctype html|<html|<head|<body)/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]
    return title === undefined || clip(title) === '' ? { container: 'html' } : { container: 'html', text: clip(title) }
  }
  const line = text.split('\n').find((l) => l.trim() !== '')
  return line === undefined ? { container: 'text' } : { container: 'text', text: clip(line) }
}

/** What the file whose first bytes are `bytes` is (pass {@link PROBE_BYTES} of them, or the whole file). */
export function probeContainer(bytes: Uint8Array): ContainerProbe {
  if (bytes.byteLength === 0) return { container: 'empty' }
  if (MP4_BOXES.has(ascii(bytes, 4, 4))) return { container: 'mp4' }
  if (vint(bytes, 0, true)?.value === EBML_HEADER) return probeMatroska(bytes)
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 3) === 'AVI') return probeAvi(bytes)
  const ts = tsLayout(bytes)
  if (ts !== undefined) return probeTs(bytes, ts)
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 1 && bytes[3] === 0xba) return { container: 'mpeg-ps' }
  if (isText(bytes)) return probeText(bytes)
  return { container: 'unknown' }
}
