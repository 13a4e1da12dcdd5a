// What a file is, from its first bytes: a table of byte prefixes built by hand (so each row shows the bytes that
// decide), then files ffmpeg writes, to check the prefixes match what real muxers produce.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasFfmpeg } from '@/test/fixtureFolder'
import type { ContainerProbe } from './containerProbe'
import { PROBE_BYTES, probeContainer } from './containerProbe'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...text(p)] : [...p])))

/** An EBML element: its ID bytes, a one-byte size (or the 8-byte unknown size), its body. */
function el(id: number[], ...body: (number[] | Uint8Array | string)[]): Uint8Array {
  const inner = bytes(...body)
  return bytes(id, [0x80 | inner.byteLength], inner)
}
const unknownSize = (id: number[], ...body: Uint8Array[]): Uint8Array => bytes(id, [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], ...body)
const EBML = [0x1a, 0x45, 0xdf, 0xa3]
const SEGMENT = [0x18, 0x53, 0x80, 0x67]
const TRACKS = [0x16, 0x54, 0xae, 0x6b]
const track = (type: number, codec: string): Uint8Array => el([0xae], el([0xd7], [1]), el([0x83], [type]), el([0x86], codec))
const matroska = (docType: string, ...tracks: Uint8Array[]): Uint8Array => bytes(
  el(EBML, el([0x42, 0x86], [1]), el([0x42, 0x82], docType)),
  unknownSize(SEGMENT, el([0x11, 0x4d, 0x9b, 0x74], new Uint8Array(20)), el([0xec], new Uint8Array(30)), el(TRACKS, ...tracks), el([0x1f, 0x43, 0xb6, 0x75], [0, 0, 0])),
)

/** 188-byte transport packets: a PAT naming PMT PID 0x1000, a PMT with the given stream types. */
function transportStream(streamTypes: number[]): Uint8Array {
  const packet = (pid: number, section: number[]): number[] => {
    const p = [0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0x00, ...section]
    return [...p, ...new Array<number>(188 - p.length).fill(0xff)]
  }
  const pat = [0x00, 0xb0, 13, 0x00, 0x01, 0xc1, 0, 0, 0x00, 0x01, 0xf0, 0x00, 0, 0, 0, 0]
  const streams = streamTypes.flatMap((t, i) => [t, 0xe1, i, 0xf0, 0x00])
  const pmt = [0x02, 0xb0, 13 + streams.length, 0x00, 0x01, 0xc1, 0, 0, 0xe1, 0x00, 0xf0, 0x00, ...streams, 0, 0, 0, 0]
  return Uint8Array.from([...packet(0, pat), ...packet(0x1000, pmt), ...packet(0x100, [])])
}

/** RIFF AVI headers down to the video stream's format chunk (a BITMAPINFOHEADER) naming `fourcc`. */
function avi(handler: string, compression: string): Uint8Array {
  const bitmapInfo = bytes([40, 0, 0, 0, 96, 0, 0, 0, 64, 0, 0, 0, 1, 0, 24, 0], compression, new Uint8Array(20))
  return bytes('RIFF', [0, 0, 1, 0], 'AVI LIST', [0, 1, 0, 0], 'hdrlavih', [56, 0, 0, 0], new Uint8Array(56),
    'LIST', [0, 1, 0, 0], 'strlstrh', [56, 0, 0, 0], 'vids', handler, new Uint8Array(48), 'strf', [40, 0, 0, 0], bitmapInfo)
}

const LFS = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345678\n'

const TABLE: [string, Uint8Array, ContainerProbe][] = [
  ['an MP4 (ftyp first)', bytes([0, 0, 0, 0x20], 'ftypisom', new Uint8Array(20)), { container: 'mp4' }],
  ['an MP4 with moov first', bytes([0, 0, 0, 8], 'moov'), { container: 'mp4' }],
  ['Matroska, HEVC', matroska('matroska', track(1, 'V_MPEGH/ISO/HEVC')), { container: 'matroska', codecId: 'V_MPEGH/ISO/HEVC', codec: 'hevc' }],
  ['Matroska, H.264 after an audio track', matroska('matroska', track(2, 'A_OPUS'), track(1, 'V_MPEG4/ISO/AVC')), { container: 'matroska', codecId: 'V_MPEG4/ISO/AVC', codec: 'h264' }],
  ['Matroska, MPEG-4 Part 2', matroska('matroska', track(1, 'V_MPEG4/ISO/ASP')), { container: 'matroska', codecId: 'V_MPEG4/ISO/ASP', codec: 'mpeg4' }],
  ['Matroska, an unknown codec', matroska('matroska', track(1, 'V_THEORA')), { container: 'matroska', codecId: 'V_THEORA', codec: 'unknown' }],
  ['WebM, VP9', matroska('webm', track(1, 'V_VP9')), { container: 'webm', codecId: 'V_VP9', codec: 'vp9' }],
  ['WebM, AV1', matroska('webm', track(1, 'V_AV1')), { container: 'webm', codecId: 'V_AV1', codec: 'av1' }],
  ['WebM, VP8', matroska('webm', track(1, 'V_VP8')), { container: 'webm', codecId: 'V_VP8', codec: 'vp8' }],
  ['Matroska cut before its tracks', matroska('matroska').subarray(0, 60), { container: 'matroska' }],
  ['AVI, Xvid', avi('xvid', 'XVID'), { container: 'avi', codecId: 'XVID', codec: 'mpeg4' }],
  ['AVI, H.264', avi('H264', 'H264'), { container: 'avi', codecId: 'H264', codec: 'h264' }],
  ['AVI, Motion JPEG', avi('MJPG', 'MJPG'), { container: 'avi', codecId: 'MJPG', codec: 'mjpeg' }],
  ['MPEG-TS, H.264', transportStream([0x1b]), { container: 'mpeg-ts', codecId: 'stream type 0x1B', codec: 'h264' }],
  ['MPEG-TS, audio then HEVC', transportStream([0x0f, 0x24]), { container: 'mpeg-ts', codecId: 'stream type 0x24', codec: 'hevc' }],
  ['MPEG-TS, MPEG-2', transportStream([0x02]), { container: 'mpeg-ts', codecId: 'stream type 0x02', codec: 'mpeg2' }],
  ['M2TS (192-byte packets)', bytes([0, 0, 0, 0], [0x47], new Uint8Array(191), [0x47], new Uint8Array(191)), { container: 'mpeg-ts' }],
  ['MPEG program stream', bytes([0, 0, 1, 0xba, 0x44], new Uint8Array(20)), { container: 'mpeg-ps' }],
  ['a Git LFS pointer', text(LFS), { container: 'lfs-pointer', lfs: { oid: 'sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393', size: 12345678 } }],
  ['an HTML page', text('<!DOCTYPE html>\n<html><head><title>404 –  Hugging Face</title></head><body>…</body></html>'), { container: 'html', text: '404 – Hugging Face' }],
  ['an HTML page without doctype or title', text('  <html><body>Sign in</body></html>'), { container: 'html' }],
  ['a server message', text('\nEntry not found\n'), { container: 'text', text: 'Entry not found' }],
  ['JSON', text('{"error":"Repository not found"}'), { container: 'text', text: '{"error":"Repository not found"}' }],
  ['an empty file', new Uint8Array(0), { container: 'empty' }],
  ['binary noise', Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 3) % 256), { container: 'unknown' }],
  ['a single 0x47 byte', bytes([0x47, 1, 2, 3]), { container: 'unknown' }],
]

describe('probeContainer: byte prefixes', () => {
  it.each(TABLE)('%s', (_, prefix, expected) => {
    expect(probeContainer(prefix)).toEqual(expected)
  })
})

describe.skipIf(!hasFfmpeg)('probeContainer: files ffmpeg writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proclens-probe-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each<[string, string[], ContainerProbe]>([
    ['a.mkv', ['-c:v', 'libx265', '-x265-params', 'log-level=error'], { container: 'matroska', codecId: 'V_MPEGH/ISO/HEVC', codec: 'hevc' }],
    ['a.mkv', ['-c:v', 'mpeg4'], { container: 'matroska', codecId: 'V_MPEG4/ISO/ASP', codec: 'mpeg4' }],
    ['a.webm', ['-c:v', 'libvpx-vp9'], { container: 'webm', codecId: 'V_VP9', codec: 'vp9' }],
    ['a.avi', ['-c:v', 'mpeg4'], { container: 'avi', codecId: 'FMP4', codec: 'mpeg4' }],
    ['a.ts', ['-c:v', 'libx264'], { container: 'mpeg-ts', codecId: 'stream type 0x1B', codec: 'h264' }],
    ['a.mp4', ['-c:v', 'mpeg4'], { container: 'mp4' }],
  ])('%s %j', (name, args, expected) => {
    const file = join(dir, name)
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=96x64:r=30', '-frames:v', '5', ...args, file])
    expect(probeContainer(readFileSync(file).subarray(0, PROBE_BYTES))).toEqual(expected)
  })
})
