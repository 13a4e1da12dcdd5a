/**
 * ProcLens's pHash (Node decoding + src/core/phash.ts) against the committed reference values that
 * phash_reference.py computed with PIL + SciPy (imagehash's algorithm). Issue 3's targets, per source: identical
 * hashes on at least 90% of frames and at most 2 bits apart on at least 99%; 100% identical where both sides read
 * the same PNG pixels (video frames). See README.md here for regenerating the values.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { readFrames } from '../../../cli/media/frames'
import { phashHamming, phashHex } from '../../../core/phash'

/** A video's reference: the hashes of frames 0, stride, 2 * stride, ... */
interface VideoReference {
  stride: number
  hashes: string[]
}

interface Reference {
  ffmpegPngCommand: string[]
  sources: Record<string, Record<string, string | VideoReference> | undefined>
}

const here = dirname(fileURLToPath(import.meta.url))
const reference = JSON.parse(readFileSync(join(here, 'phash_reference.json'), 'utf8')) as Reference
const datasets = fileURLToPath(new URL('../../../../../shared/datasets', import.meta.url))
const demoDir = fileURLToPath(new URL('../../../../public/demo', import.meta.url))
const tempDirs: string[] = []

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

/** Decode `video` to PNGs with the reference script's exact ffmpeg command; returns the folder. */
function videoToPngs(video: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'proclens-phash-ref-'))
  tempDirs.push(dir)
  const [bin, ...args] = reference.ffmpegPngCommand.map((a) => a.replace('{video}', video).replace('{dir}', dir))
  execFileSync(bin!, args, { stdio: ['ignore', 'ignore', 'inherit'] })
  return dir
}

/** label -> our hash, for every frame of `pathDirOrVideo` (every `stride`-th), labelled by `label`. */
async function hashFrames(pathDirOrVideo: string, label: (name: string, index: number) => string, stride = 1): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for await (const { name, index, image } of readFrames(pathDirOrVideo)) {
    if (index % stride === 0) out.set(label(name, index), phashHex(image))
  }
  return out
}

interface Agreement {
  frames: number
  identical: number
  within2: number
  worst: { label: string; bits: number }
}

/** Flatten a source to label -> hex (video frames as `<video>#<frame index>`). */
function expectedHashes(source: Record<string, string | VideoReference>): Map<string, string> {
  const out = new Map<string, string>()
  for (const [file, value] of Object.entries(source)) {
    if (typeof value === 'string') out.set(file, value)
    else value.hashes.forEach((hex, i) => out.set(`${file}#${String(i * value.stride)}`, hex))
  }
  return out
}

function compare(expected: Map<string, string>, actual: Map<string, string>): Agreement {
  const result: Agreement = { frames: 0, identical: 0, within2: 0, worst: { label: '', bits: 0 } }
  for (const [label, hex] of expected) {
    const ours = actual.get(label)
    expect(ours, `no hash computed for ${label}`).toBeDefined()
    const bits = phashHamming(hex, ours!)
    result.frames++
    if (bits === 0) result.identical++
    if (bits <= 2) result.within2++
    if (bits > result.worst.bits) result.worst = { label, bits }
  }
  return result
}

function describeAgreement(a: Agreement): string {
  return `${String(a.identical)}/${String(a.frames)} identical, ${String(a.within2)}/${String(a.frames)} within 2 bits` +
    (a.worst.bits > 0 ? `, worst ${String(a.worst.bits)} bits (${a.worst.label})` : '')
}

function expectTargets(a: Agreement, exact: boolean): void {
  expect(a.frames).toBeGreaterThan(0)
  // Printed on purpose: these are the measured rates docs/phash.md quotes.
  console.warn(`pHash agreement: ${describeAgreement(a)}`)
  if (exact) expect(a.identical, `worst: ${a.worst.label} (${String(a.worst.bits)} bits)`).toBe(a.frames)
  expect(a.identical / a.frames).toBeGreaterThanOrEqual(0.9)
  expect(a.within2 / a.frames).toBeGreaterThanOrEqual(0.99)
}

/** Our hashes of every frame of the videos in `source`, decoded directly (one ffmpeg per video) or via PNGs. */
async function hashVideos(root: string, source: Record<string, string | VideoReference>, route: 'direct' | 'png'): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const [video, value] of Object.entries(source)) {
    if (typeof value === 'string') continue
    const path = route === 'png' ? videoToPngs(join(root, video)) : join(root, video)
    for (const [k, v] of await hashFrames(path, (_name, index) => `${video}#${String(index)}`, value.stride)) out.set(k, v)
  }
  return out
}

describe.skipIf(!existsSync(datasets))('pHash vs PIL + SciPy on the real frames in shared/datasets', () => {
  it('crowndata DROID WebP frames (folders in natural order, libwebp-exact conversion)', async () => {
    const expected = expectedHashes(reference.sources['crowndata']!)
    const root = join(datasets, 'crowndata-droid_image-sequences')
    const episodes = new Set([...expected.keys()].map((l) => l.split('/')[0]!))
    const actual = new Map<string, string>()
    for (const ep of episodes) {
      for (const [k, v] of await hashFrames(join(root, ep, 'images'), (name) => `${ep}/images/${name}`)) actual.set(k, v)
    }
    expectTargets(compare(expected, actual), false)
  })

  it('ECoT Bridge JPEG frames', async () => {
    const expected = expectedHashes(reference.sources['ecot']!)
    const root = join(datasets, 'ecot-bridge-intermediate', 'annotated_frames')
    const actual = await hashFrames(join(root, 'episode_1'), (name) => `episode_1/${name}`)
    expectTargets(compare(expected, actual), false)
  })

  it('G1 AV1 video, every frame via the same PNGs as the reference: identical', async () => {
    const source = reference.sources['g1']!
    const actual = await hashVideos(join(datasets, 'g1-policy-train_lerobot-v2.1'), source, 'png')
    expectTargets(compare(expectedHashes(source), actual), true)
  }, 180_000)

  it('G1 AV1 video decoded directly (one ffmpeg process): the same hashes', async () => {
    const source = reference.sources['g1']!
    const actual = await hashVideos(join(datasets, 'g1-policy-train_lerobot-v2.1'), source, 'direct')
    expectTargets(compare(expectedHashes(source), actual), true)
  }, 120_000)
})

const demo = reference.sources['demo']
describe.skipIf(demo === undefined || !existsSync(demoDir))('pHash vs PIL + SciPy on the demo dataset (public/demo)', () => {
  it('demo videos (every 5th frame in the reference), decoded directly', async () => {
    const actual = await hashVideos(demoDir, demo!, 'direct')
    for (const [file, value] of Object.entries(demo!)) {
      if (typeof value === 'string') for await (const { image } of readFrames(join(demoDir, file))) actual.set(file, phashHex(image))
    }
    const exact = Object.entries(demo!).every(([file, v]) => typeof v !== 'string' || file.toLowerCase().endsWith('.png'))
    expectTargets(compare(expectedHashes(demo!), actual), exact)
  }, 300_000)
})
