import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { mediaIdentity } from '../../data/mediaIdentity'
import { openDataset } from '../../data/openDataset'
import { phashSidecarPath, readPhashSidecar } from '../../data/phashSidecar'
import { hasFfmpeg } from '../../test/fixtureFolder'
import { SHARDED_CAMERA, SHARDED_LENGTHS, writeShardedDataset } from '../../test/shardedDataset'
import { main } from '../main'
import { encodePhashSidecar } from '../media/episodeHashes'
import { createNodeFileStore } from '../nodeFileStore'

let dir: string
let dataset: string
let counter: string
let out: string[]

/** Every file under `root` (a shard's private folder aside), relative, sorted. */
async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).filter((f) => !f.startsWith('.proclens-shard')).sort()
}

/** ffmpeg runs started since the last call (the PROCLENS_FFMPEG wrapper counts them). */
async function decoderCalls(): Promise<number> {
  const text = await readFile(counter, 'utf8').catch(() => '')
  await writeFile(counter, '')
  return text.length
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proclens-sidecar-'))
  dataset = join(dir, 'gen')
  counter = join(dir, 'ffmpeg-calls')
  if (!hasFfmpeg) return
  await writeShardedDataset(dataset, join(dir, 'labels.records.jsonl'), 'gen')
  // Labels next to the dataset, where `proclens progress --dataset` finds them.
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  expect(await main(['export', dataset, '--annotations', join(dir, 'labels.records.jsonl'), '--format', 'proccorpus', '--out', join(dataset, 'annotation')])).toBe(0)
  const wrapper = join(dir, 'ffmpeg')
  await writeFile(wrapper, `#!/bin/sh\nprintf x >> '${counter}'\nexec ffmpeg "$@"\n`)
  await chmod(wrapper, 0o755)
}, 60_000)

afterAll(async () => {
  vi.unstubAllEnvs()
  await rm(dir, { recursive: true, force: true })
})

beforeEach(() => {
  out = []
  vi.restoreAllMocks()
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  vi.stubEnv('PROCLENS_FFMPEG', join(dir, 'ffmpeg'))
})

describe.skipIf(!hasFfmpeg)('the pHash sidecar', () => {
  const whole = () => join(dir, 'whole')

  beforeAll(async () => {
    vi.stubEnv('PROCLENS_FFMPEG', join(dir, 'ffmpeg'))
    expect(await main(['phash', dataset, '--sidecar', '--out', whole()])).toBe(0)
  }, 60_000)

  it('holds every frame of every episode\'s camera, each a 16-hex-digit pHash with its size, made from this video', async () => {
    expect(await files(whole())).toEqual(SHARDED_LENGTHS.map((_, i) => phashSidecarPath(SHARDED_CAMERA, i)).sort())
    const source = await openDataset(createNodeFileStore(dataset))
    for (const [i, length] of SHARDED_LENGTHS.entries()) {
      const camera = (await source.loadEpisode(i)).cameras[0]!
      const frames = await readPhashSidecar(createNodeFileStore(whole()), camera, i, await mediaIdentity(source, camera))
      expect(frames).toHaveLength(length)
      for (const f of frames!) expect(f).toEqual({ phash: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown, width: 96, height: 64 })
      // Made from another video (another media identity): not used.
      expect(await readPhashSidecar(createNodeFileStore(whole()), camera, i, 'videos/other.mp4@1')).toBeUndefined()
    }
  })

  it('a second run keeps the sidecars (nothing decoded); sharded into 3 and merged, the same bytes', async () => {
    await decoderCalls()
    expect(await main(['phash', dataset, '--sidecar', '--out', whole()])).toBe(0)
    expect(await decoderCalls()).toBe(0)
    const shards = [0, 1, 2].map((i) => join(dir, 'phash-shards', `s${i}`))
    for (const [i, s] of shards.entries()) expect(await main(['phash', dataset, '--sidecar', '--out', s, '--shard', `${i}/3`])).toBe(0)
    expect(await main(['merge', join(dir, 'phash-merged'), ...shards])).toBe(0)
    const want = await files(whole())
    expect(await files(join(dir, 'phash-merged'))).toEqual(want)
    for (const f of want) expect(Buffer.compare(await readFile(join(dir, 'phash-merged', f)), await readFile(join(whole(), f))), f).toBe(0)
  }, 60_000)

  it('proclens progress with the sidecar prints the same bytes as without, and decodes nothing', async () => {
    await decoderCalls()
    expect(await main(['progress', '--dataset', dataset, '--episode', '4', '--json'])).toBe(0)
    const decoded = out.join('\n')
    expect(await decoderCalls()).toBeGreaterThan(0)
    out.length = 0
    expect(await main(['progress', '--dataset', dataset, '--episode', '4', '--json', '--phash-sidecar', whole()])).toBe(0)
    expect(out.join('\n')).toBe(decoded)
    expect(await decoderCalls()).toBe(0)
  }, 60_000)

  it('a sidecar of another video is ignored: the frames are decoded again', async () => {
    const stale = join(dir, 'stale')
    const path = phashSidecarPath(SHARDED_CAMERA, 4)
    await mkdir(join(stale, '.proclens', 'phash', SHARDED_CAMERA), { recursive: true })
    await writeFile(join(stale, ...path.split('/')), encodePhashSidecar(4, SHARDED_CAMERA, 'videos/replaced.mp4@123', Array.from({ length: SHARDED_LENGTHS[4]! }, () => ({ phash: '0000000000000000', width: 96, height: 64 }))))
    await decoderCalls()
    expect(await main(['progress', '--dataset', dataset, '--episode', '4', '--json', '--phash-sidecar', stale])).toBe(0)
    expect(await decoderCalls()).toBeGreaterThan(0)
  }, 60_000)

  it('proclens export (ProcVQA) with the sidecar writes the same bytes and decodes only for the JPEGs; the hashes come from it', async () => {
    const args = (o: string, extra: string[] = [], episodes = '0-3') => ['export', dataset, '--format', 'procvqa', '--episodes', episodes, '--seed', '2', '--out', join(dir, o), ...extra]
    await decoderCalls()
    expect(await main(args('vqa-decoded'))).toBe(0)
    const without = await decoderCalls()
    expect(await main(args('vqa-sidecar', ['--phash-sidecar', whole()]))).toBe(0)
    const withSidecar = await decoderCalls()
    // Two decodes per episode without (hashes, then images), one with (images only).
    expect([without, withSidecar]).toEqual([8, 4])
    const want = await files(join(dir, 'vqa-decoded'))
    expect(await files(join(dir, 'vqa-sidecar'))).toEqual(want)
    for (const f of want) expect(Buffer.compare(await readFile(join(dir, 'vqa-sidecar', f)), await readFile(join(dir, 'vqa-decoded', f))), f).toBe(0)
    // A sidecar with other (made-up) hashes for the same video changes the records: they were read from it.
    const forged = join(dir, 'forged')
    const source = await openDataset(createNodeFileStore(dataset))
    const camera = (await source.loadEpisode(1)).cameras[0]!
    await mkdir(join(forged, '.proclens', 'phash', SHARDED_CAMERA), { recursive: true })
    const flat = Array.from({ length: SHARDED_LENGTHS[1]! }, (_, k) => ({ phash: k % 2 === 0 ? '0000000000000000' : 'ffffffffffffffff', width: 96, height: 64 }))
    await writeFile(join(forged, ...phashSidecarPath(SHARDED_CAMERA, 1).split('/')), encodePhashSidecar(1, SHARDED_CAMERA, await mediaIdentity(source, camera), flat))
    expect(await main(args('vqa-forged', ['--phash-sidecar', forged], '1'))).toBe(0)
    expect(await main(args('vqa-one', [], '1'))).toBe(0)
    const a = (await files(join(dir, 'vqa-one'))).filter((f) => f.endsWith('.jsonl'))
    const differs = await Promise.all(a.map(async (f) => (await readFile(join(dir, 'vqa-one', f), 'utf8')) !== (await readFile(join(dir, 'vqa-forged', f), 'utf8').catch(() => ''))))
    expect(differs.some(Boolean)).toBe(true)
  }, 120_000)
})
