import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { drawStamp, readStamp } from '../../core/frameStamp'
import type { PixelBuffer } from '../../core/frameStamp'
import { phashHex } from '../../core/phash'
import { decodeImageFile, decodeImageFiles, FfmpegMissingError, MediaDecodeError, readFrames } from './frames'
import { readImageHeader } from './imageHeader'

const testdata = fileURLToPath(new URL('./testdata', import.meta.url))
const pil = JSON.parse(readFileSync(join(testdata, 'pil_decoded.json'), 'utf8')) as Record<string, {
  width: number
  height: number
  rgbSha256: string
  phash: string
}>

function stamped(index: number, width: number, height: number): PixelBuffer {
  const img: PixelBuffer = { data: new Uint8Array(width * height * 3).fill(90 + index * 5), width, height, channels: 3 }
  drawStamp(img, index)
  return img
}

function ppm(img: PixelBuffer): Buffer {
  return Buffer.concat([Buffer.from(`P6\n${String(img.width)} ${String(img.height)}\n255\n`), Buffer.from(img.data)])
}

function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
}

let root = ''
let folder = ''
let broken = ''
let video = ''

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'proclens-frames-test-'))
  const seq = join(root, 'seq')
  mkdirSync(seq)
  for (let i = 0; i < 12; i++) writeFileSync(join(seq, `in_${String(i)}.ppm`), ppm(stamped(i, 100, 40)))
  folder = join(root, 'folder')
  mkdirSync(folder)
  ffmpeg('-start_number', '0', '-i', join(seq, 'in_%d.ppm'), '-start_number', '0', join(seq, 'out_%d.png'))
  for (let i = 0; i < 12; i++) renameSync(join(seq, `out_${String(i)}.png`), join(folder, `ep_1_step_${String(i)}.png`))
  // Frames 7 and 8 larger, so the folder needs three ffmpeg runs (a size change starts a new run).
  for (const i of [7, 8]) {
    writeFileSync(join(seq, 'wide.ppm'), ppm(stamped(i, 120, 40)))
    ffmpeg('-i', join(seq, 'wide.ppm'), join(folder, `ep_1_step_${String(i)}.png`))
  }
  writeFileSync(join(folder, 'notes.txt'), 'not an image')
  writeFileSync(join(folder, '.hidden.png'), 'hidden')
  broken = join(root, 'broken')
  mkdirSync(broken)
  for (let i = 0; i < 4; i++) writeFileSync(join(broken, `f_${String(i)}.png`), readFileSync(join(folder, `ep_1_step_${String(i)}.png`)))
  writeFileSync(join(broken, 'f_2.png'), Buffer.concat([readFileSync(join(folder, 'ep_1_step_2.png')).subarray(0, 40), Buffer.alloc(30)]))
  video = join(root, 'episode.mkv')
  ffmpeg('-framerate', '30', '-start_number', '0', '-i', join(seq, 'in_%d.ppm'), '-c:v', 'ffv1', '-pix_fmt', 'bgr0', video)
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

async function collect(path: string): Promise<{ names: string[]; stamps: (number | undefined)[]; sizes: string[] }> {
  const out = { names: [] as string[], stamps: [] as (number | undefined)[], sizes: [] as string[] }
  for await (const f of readFrames(path)) {
    expect(f.index).toBe(out.names.length)
    out.names.push(f.name)
    out.stamps.push(readStamp(f.image))
    out.sizes.push(`${String(f.image.width)}x${String(f.image.height)}`)
  }
  return out
}

describe('decodeImageFile gives the pixels PIL gives (testdata/make_fixtures.py)', () => {
  it.each(Object.entries(pil))('%s', async (name, expected) => {
    const img = await decodeImageFile(join(testdata, name))
    expect([img.width, img.height, img.channels]).toEqual([expected.width, expected.height, 3])
    expect(createHash('sha256').update(img.data).digest('hex')).toBe(expected.rgbSha256)
    expect(phashHex(img)).toBe(expected.phash)
  })

  it('reads the decode variant from the header', () => {
    const variant = (name: string): string | undefined => readImageHeader(readFileSync(join(testdata, name)))?.variant
    expect(['blocks420.jpg', 'blocks422.jpg', 'blocks444.jpg', 'noise.webp', 'lossless.webp', 'gray.png'].map(variant))
      .toEqual(['jpeg-420', 'jpeg-422', 'jpeg-444', 'webp-yuv420', 'rgb', 'rgb'])
    expect(readImageHeader(new TextEncoder().encode('hello, not an image'))).toBeUndefined()
  })
})

describe('readFrames', () => {
  it('takes a folder in natural order of the names, skipping non-images, across size changes', async () => {
    const got = await collect(folder)
    expect(got.names).toEqual([...Array(12).keys()].map((i) => `ep_1_step_${String(i)}.png`))
    expect(got.stamps).toEqual([...Array(12).keys()])
    expect(got.sizes[6]).toBe('100x40')
    expect(got.sizes[7]).toBe('120x40')
  })

  it('decodes every frame of a video with one ffmpeg process, in order', async () => {
    const got = await collect(video)
    expect(got.stamps).toEqual([...Array(12).keys()])
    expect(got.names[3]).toBe('episode.mkv#3')
  })

  it('stops ffmpeg when the consumer stops early', async () => {
    for await (const f of readFrames(video)) if (f.index === 2) break
    // Reaching here without hanging is the check; a second full read still works.
    expect((await collect(video)).stamps).toHaveLength(12)
  })

  it('reads a single image path as a one-frame episode', async () => {
    expect((await collect(join(folder, 'ep_1_step_3.png'))).stamps).toEqual([3])
  })

  it('names the file it cannot decode, after yielding the frames before it', async () => {
    const seen: number[] = []
    const err = await (async () => {
      try {
        for await (const f of readFrames(broken)) seen.push(readStamp(f.image) ?? -1)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(err).toBeInstanceOf(MediaDecodeError)
    expect((err as MediaDecodeError).file).toContain('f_2.png')
    expect(seen).toEqual([0, 1])
  })
})

describe('decodeImageFiles', () => {
  it('reports unreadable files and keeps going', async () => {
    const files = [join(folder, 'ep_1_step_1.png'), join(root, 'missing.png'), join(broken, 'f_2.png'), join(testdata, 'noise.webp')]
    const results = []
    for await (const r of decodeImageFiles(files)) results.push(r)
    expect(results.map((r) => [r.file, r.error === undefined])).toEqual(files.map((f, i) => [f, i === 0 || i === 3]))
  })
})

describe('without ffmpeg', () => {
  const saved = process.env['PROCLENS_FFMPEG']
  afterEach(() => {
    if (saved === undefined) delete process.env['PROCLENS_FFMPEG']
    else process.env['PROCLENS_FFMPEG'] = saved
  })

  it('says how to install it', async () => {
    process.env['PROCLENS_FFMPEG'] = join(root, 'no-such-ffmpeg')
    const err = await decodeImageFile(join(testdata, 'noise.webp')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FfmpegMissingError)
    expect((err as Error).message).toContain('apt-get install ffmpeg')
  })
})
