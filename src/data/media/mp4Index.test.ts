import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFile, DataStream, Endianness, MP4BoxBuffer } from 'mp4box'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { countingStore } from '../fileStore'
import { framesInSpan, Mp4Error, presentationOrder, readMp4Index } from './mp4Index'

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0
const SRC = 'testsrc=s=96x64:r=30:d=2'

const run = promisify(execFile)

async function ffmpeg(dir: string, out: string, args: string[]): Promise<void> {
  await run('ffmpeg', ['-loglevel', 'error', '-y', ...args, join(dir, out)])
}

describe.skipIf(!hasFfmpeg)('readMp4Index', () => {
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proclens-mp4-'))
    const lavfi = ['-f', 'lavfi', '-i', SRC]
    await Promise.all([
      ffmpeg(dir, 'h264.mp4', [...lavfi, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart']),
      ffmpeg(dir, 'h264_moov_end.mp4', ['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=30:d=10', '-c:v', 'libx264', '-qp', '0', '-pix_fmt', 'yuv420p']),
      ffmpeg(dir, 'hevc.mp4', [...lavfi, '-c:v', 'libx265', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1']),
      ffmpeg(dir, 'av1.mp4', [...lavfi, '-c:v', 'libsvtav1', '-preset', '12', '-g', '2', '-pix_fmt', 'yuv420p']),
      ffmpeg(dir, 'vp9.mp4', [...lavfi, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-pix_fmt', 'yuv420p']),
      ffmpeg(dir, 'mpeg4.mp4', [...lavfi, '-c:v', 'mpeg4']),
      ffmpeg(dir, 'sar.mp4', [...lavfi, '-vf', 'setsar=2/1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p']),
      ffmpeg(dir, 'audio.mp4', [...lavfi, '-f', 'lavfi', '-i', 'sine=d=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest']),
      ffmpeg(dir, 'vfr.mp4', [...lavfi, '-vf', "setpts='N/30/TB+if(gte(N,15),0.2/TB,0)'", '-fps_mode', 'passthrough', '-c:v', 'libx264', '-pix_fmt', 'yuv420p']),
      ffmpeg(dir, 'long.mp4', ['-f', 'lavfi', '-i', 'testsrc=s=16x16:r=30', '-frames:v', '5000', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']),
    ])
    const end = readFileSync(join(dir, 'h264_moov_end.mp4'))
    writeFileSync(join(dir, 'cut_before_moov.mp4'), end.subarray(0, Math.floor(end.byteLength / 2)))
    const fast = readFileSync(join(dir, 'h264.mp4'))
    writeFileSync(join(dir, 'cut_in_mdat.mp4'), fast.subarray(0, fast.byteLength - 2000))
    writeFileSync(join(dir, 'garbage.mp4'), Buffer.from('this is not a video file at all, just text\n'.repeat(20)))
    writeFileSync(join(dir, 'cut_in_moov.mp4'), fast.subarray(0, 300))
  }, 180_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    ['h264.mp4', 'h264', 'avc1.'],
    ['hevc.mp4', 'hevc', 'hvc1.'],
    ['av1.mp4', 'av1', 'av01.'],
    ['vp9.mp4', 'vp9', 'vp09.'],
    ['mpeg4.mp4', 'mpeg4', 'mp4v'],
  ])('%s: codec %s, 60 frames at 30 fps', async (file, codec, prefix) => {
    const index = await readMp4Index(createNodeFileStore(dir), file)
    expect(index.codec).toBe(codec)
    expect(index.codecString.startsWith(prefix)).toBe(true)
    expect([index.width, index.height, index.frameCount, index.fps]).toEqual([96, 64, 60, 30])
    expect(index.variableFrameRate).toBe(false)
    expect(index.hasAudio).toBe(false)
    expect(index.samplesBeyondEof).toBe(0)
  })

  it('finds a moov at the end without reading the media data', async () => {
    const path = 'h264_moov_end.mp4'
    const { store, counters } = countingStore(createNodeFileStore(dir))
    const index = await readMp4Index(store, path)
    expect(index.frameCount).toBe(300)
    expect(counters.bytes).toBeLessThan(statSync(join(dir, path)).size / 4)
  })

  it('gives the decoder description exactly as WebCodecs needs it (config box without its 8-byte header)', async () => {
    for (const [file, box] of [['h264.mp4', 'avcC'], ['av1.mp4', 'av1C'], ['hevc.mp4', 'hvcC'], ['vp9.mp4', 'vpcC']] as const) {
      const bytes = readFileSync(join(dir, file))
      const at = bytes.indexOf(box) - 4
      const raw = new Uint8Array(bytes.subarray(at + 8, at + bytes.readUInt32BE(at)))
      const index = await readMp4Index(createNodeFileStore(dir), file)
      expect(index.decoderDescription).toEqual(raw)
      if (box === 'avcC' || box === 'av1C') {
        // The platform-notes recipe (serialise with mp4box, drop 8 bytes) gives the same bytes.
        const iso = createFile()
        iso.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), 0))
        iso.flush()
        const entry = iso.getTrackById(1).mdia.minf.stbl.stsd.entries[0] as unknown as Record<string, { write(s: DataStream): void }>
        const stream = new DataStream(undefined, 0, Endianness.BIG_ENDIAN)
        entry[box]?.write(stream)
        expect(index.decoderDescription).toEqual(new Uint8Array(stream.buffer).slice(8, stream.getPosition()))
      }
    }
  })

  it('reports non-square pixels, audio and variable frame rate', async () => {
    const store = createNodeFileStore(dir)
    const sar = await readMp4Index(store, 'sar.mp4')
    expect(sar.pixelAspect).toEqual({ h: 2, v: 1 })
    expect([sar.displayWidth, sar.displayHeight]).toEqual([192, 64])
    const audio = await readMp4Index(store, 'audio.mp4')
    expect(audio.hasAudio).toBe(true)
    expect(audio.audioCodecs[0]).toMatch(/^mp4a/)
    expect((await readMp4Index(store, 'vfr.mp4')).variableFrameRate).toBe(true)
  })

  it.each([
    ['cut_before_moov.mp4', 'video-truncated'],
    ['cut_in_moov.mp4', 'video-truncated'],
    ['garbage.mp4', 'video-corrupt'],
  ])('%s fails with %s', async (file, kind) => {
    const error = await readMp4Index(createNodeFileStore(dir), file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Mp4Error)
    expect((error as Mp4Error).kind).toBe(kind)
  })

  it('counts samples lying beyond the end of a truncated file', async () => {
    const index = await readMp4Index(createNodeFileStore(dir), 'cut_in_mdat.mp4')
    expect(index.frameCount).toBe(60)
    expect(index.samplesBeyondEof).toBeGreaterThan(0)
    expect(index.samplesBeyondEof).toBeLessThan(60)
  })

  it('indexes a 5,000-frame file completely, in decode order', async () => {
    const index = await readMp4Index(createNodeFileStore(dir), 'long.mp4')
    expect(index.frameCount).toBe(5000)
    expect(index.samples.every((s, i) => i === 0 || s.dts > (index.samples[i - 1]?.dts ?? 0))).toBe(true)
    expect(index.samples.filter((s) => s.isSync).length).toBeGreaterThan(0)
    const order = presentationOrder(index)
    expect(order).toHaveLength(5000)
    expect(new Set(order).size).toBe(5000)
  })

  it('counts the frames of a time span (v3.0 episodes in a shared file)', async () => {
    const index = await readMp4Index(createNodeFileStore(dir), 'h264.mp4')
    expect(framesInSpan(index, 0, 1)).toEqual({ first: 0, count: 30 })
    expect(framesInSpan(index, 1, 2)).toEqual({ first: 30, count: 30 })
    expect(framesInSpan(index, 0.5, 0.6).count).toBe(3)
  })
})
