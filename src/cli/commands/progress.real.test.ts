/**
 * `proclens progress` on real frames from ../shared/datasets (skipped where absent), checked against progress
 * computed from the pHashes that Python's imagehash gave the same frames (src/test/reference/phash).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { procvlmProgress } from '../../core/progress'
import { similaritiesFromHashes } from '../../core/similarities'
import { main } from '../main'

const datasets = fileURLToPath(new URL('../../../../shared/datasets', import.meta.url))
const referenceFile = fileURLToPath(new URL('../../test/reference/phash/phash_reference.json', import.meta.url))
type VideoEntry = string[] | { stride?: number; hashes: string[] }
/** Per source: an image's hash by path, or a video's per-frame hashes by path (a list, or `{stride, hashes}`). */
const reference = JSON.parse(readFileSync(referenceFile, 'utf8')) as { sources: Record<string, Record<string, string | VideoEntry> | undefined> }

/** Every frame's reference hash for a video, or [] when the reference does not hold all of them. */
function videoHashes(entry: string | VideoEntry | undefined): string[] {
  if (entry === undefined || typeof entry === 'string') return []
  if (Array.isArray(entry)) return entry
  return (entry.stride ?? 1) === 1 ? entry.hashes : []
}

const dir = mkdtempSync(join(tmpdir(), 'proclens-progress-real-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Json {
  frames: { frame_id: number; sub_task: string | null; progress: number; remaining_actions: (string | null)[] }[]
  problems: unknown[]
}

async function progressJson(labels: string, frames: string): Promise<{ code: number; json: Json }> {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    const code = await main(['progress', '--labels', labels, '--frames', frames, '--json'])
    return { code, json: JSON.parse(out.join('\n')) as Json }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

function writeLabels(name: string, task: string, runs: [string, number][]): { path: string; labels: string[] } {
  const labels = runs.flatMap(([l, n]) => Array<string>(n).fill(l))
  const path = join(dir, `${name}.sub_task.jsonl`)
  writeFileSync(path, labels.map((sub_task, frame_id) => JSON.stringify({ frame_id, task, sub_task })).join('\n') + '\n')
  return { path, labels }
}

/** ProcVLM's target from the reference (Python imagehash) hashes of frames with one size. */
function referenceProgress(labels: string[], hashes: string[]): Float64Array {
  return procvlmProgress({ labels, similarities: similaritiesFromHashes(hashes.map((phash) => ({ phash, width: 1, height: 1 }))) })
}

const g1Video = join(datasets, 'g1-policy-train_lerobot-v2.1/videos/chunk-000/observation.images.cam_high/episode_000029.mp4')
const g1Hashes = videoHashes(reference.sources.g1?.['videos/chunk-000/observation.images.cam_high/episode_000029.mp4'])

describe.skipIf(!existsSync(g1Video))('real video: G1 episode 29 (AV1, 221 frames)', () => {
  it('matches ProcVLM computed from imagehash\'s hashes of the same frames', async () => {
    expect(g1Hashes.length, 'reference hashes for the G1 video in phash_reference.json').toBe(221)
    const { path, labels } = writeLabels('g1', 'Pick up the yellow bottle on the table.', [
      ['Grasp the yellow bottle.', 90], ['Lift the yellow bottle.', 70], ['done', 61],
    ])
    const { code, json } = await progressJson(path, g1Video)
    expect(code).toBe(0)
    expect(json.problems).toEqual([])
    expect(json.frames.length).toBe(221)
    const expected = referenceProgress(labels, g1Hashes)
    const worst = Math.max(...json.frames.map((f, i) => Math.abs(f.progress - expected[i]!)))
    expect(worst).toBeLessThan(1e-12)
    expect(json.frames[160]!.progress).toBe(1)
    expect(json.frames[0]!.remaining_actions).toEqual(['Grasp the yellow bottle.', 'Lift the yellow bottle.'])
  })
})

const bridgeDir = join(datasets, 'ecot-bridge-intermediate/annotated_frames/episode_1')
const bridgeHashes = Array.from({ length: 28 }, (_, i) => {
  const h = reference.sources.ecot?.[`episode_1/ep_1_step_${i}.jpg`]
  return typeof h === 'string' ? h : ''
})

describe.skipIf(!existsSync(bridgeDir))('real image folder: ECoT Bridge episode 1 (28 JPEGs)', () => {
  it('takes the frames in natural order and stays close to the imagehash-based target', async () => {
    expect(bridgeHashes.filter((h) => h === '').length, 'reference hashes for the Bridge frames in phash_reference.json').toBe(0)
    const { path, labels } = writeLabels('bridge', 'put small spoon from basket to tray', [
      ['Grasp the small spoon.', 12], ['Place the small spoon into the tray.', 12], ['done', 4],
    ])
    const { code, json } = await progressJson(path, bridgeDir)
    expect(code).toBe(0)
    expect(json.frames.length).toBe(28)
    // JPEG decoding differs slightly from PIL's on some frames (see the pHash reference test), so a few hashes are a bit
    // or two apart; the progress target moves by well under a percentage point.
    const expected = referenceProgress(labels, bridgeHashes)
    const worst = Math.max(...json.frames.map((f, i) => Math.abs(f.progress - expected[i]!)))
    expect(worst).toBeLessThan(0.005)
    expect(json.frames.slice(24).map((f) => f.progress)).toEqual([1, 1, 1, 1])
    expect(json.frames[12]!.progress).toBe(json.frames[13]!.progress)
  })
})
