/**
 * `proclens progress` with the frame reader and the pHash replaced by fakes, so that the similarities are
 * exactly the ones chosen here (the §3.3 vectors); progress.real.test.ts runs it on real frames.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PixelBuffer } from '../../core/frameStamp'
import type * as Phash from '../../core/phash'
import { main } from '../main'

/** Frames per fake source path: each frame is [hash, width, height]; a string entry makes the reader throw there. */
const SOURCES = new Map<string, ([string, number, number] | string)[]>()

vi.mock('../media/frames', () => ({
  async *readFrames(path: string): AsyncGenerator<{ index: number; name: string; image: PixelBuffer }> {
    const frames = SOURCES.get(path)
    await Promise.resolve()
    if (frames === undefined) throw new Error(`ENOENT: no such file or directory '${path}'`)
    for (const [index, f] of frames.entries()) {
      if (typeof f === 'string') throw new Error(f)
      const [hash, width, height] = f
      // The fake pHash reads the hash back from the pixel data.
      const data = new Uint8Array(Math.max(16, width * height * 3))
      for (let k = 0; k < 16; k++) data[k] = hash.charCodeAt(k)
      yield { index, name: `${index}.png`, image: { data, width, height, channels: 3 } }
    }
  },
}))

vi.mock('../../core/phash', async (importOriginal) => ({
  ...(await importOriginal<typeof Phash>()),
  phashHex: (img: PixelBuffer) => String.fromCharCode(...img.data.slice(0, 16)),
}))

/** A hash `bits` bits away from all-zero (sim to H0 = 1 - bits/64). */
const H = (bits: number) => (BigInt.asUintN(64, (1n << BigInt(bits)) - 1n)).toString(16).padStart(16, '0')
const frame = (hash: string, size = 8): [string, number, number] => [hash, size, size]

// §3.3 case 1: sims [1.0, 0.5, 0.75, (boundary), 0.25, 1.0, (boundary), 1.0].
const CASE1_FRAMES = [H(0), H(0), H(32), H(16), H(0), H(48), H(48), H(0), H(0)].map((h) => frame(h))
const CASE1_P = [0, 0, 8 / 63, 24 / 63, 4 / 7, 4 / 7, 43 / 49, 1, 1]

const dir = mkdtempSync(join(tmpdir(), 'proclens-progress-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function labelsFile(name: string, subTasks: (string | null)[], extra: string[] = []): string {
  const path = join(dir, `${name}.sub_task.jsonl`)
  const lines = subTasks.map((s, i) => JSON.stringify({ frame_id: i, task: s === null ? null : 'put the cup on the plate', sub_task: s }))
  writeFileSync(path, [...lines, ...extra].join('\n') + '\n')
  return path
}

interface Json {
  frames: { frame_id: number; sub_task: string | null; progress: number; remaining_actions: (string | null)[] }[]
  problems: { kind: string; severity: string }[]
}

interface Out {
  code: number
  stdout: string
  stderr: string
  json?: Json
}

async function run(args: string[]): Promise<Out> {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  try {
    const code = await main(['progress', ...args])
    const stdout = out.join('\n')
    const result: Out = { code, stdout, stderr: err.join('\n') }
    if (args.includes('--json') && stdout !== '') result.json = JSON.parse(stdout) as Json
    return result
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

const CASE1_LABELS = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'done', 'done']

beforeEach(() => {
  SOURCES.clear()
  SOURCES.set('case1', CASE1_FRAMES)
})

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length)
  expected.forEach((e, i) => expect(Math.abs(actual[i]! - e)).toBeLessThan(1e-9))
}

describe('proclens progress', () => {
  it('§3.3 case 1: progress, labels and remaining actions per frame', async () => {
    const r = await run(['--labels', labelsFile('case1', CASE1_LABELS), '--frames', 'case1', '--json'])
    expect(r.code).toBe(0)
    expectClose(r.json!.frames.map((f) => f.progress), CASE1_P)
    expect(r.json!.frames.map((f) => f.sub_task)).toEqual(CASE1_LABELS)
    expect(r.json!.frames.map((f) => f.frame_id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(r.json!.frames.map((f) => f.remaining_actions)).toEqual([['A', 'B'], ['A', 'B'], ['A', 'B'], ['A', 'B'], ['B'], ['B'], ['B'], [], []])
    expect(r.json!.problems).toEqual([])
  })

  it('§3.3 case 2: a Not Done tail with --cutoff 0.75 is scaled', async () => {
    const labels = [...CASE1_LABELS.slice(0, 7), 'Not Done', 'Not Done']
    const r = await run(['--labels', labelsFile('case2', labels), '--frames', 'case1', '--cutoff', '0.75', '--json'])
    expect(r.code).toBe(0)
    expectClose(r.json!.frames.map((f) => f.progress), CASE1_P.map((p) => p * 0.75))
    expect(r.stderr).toContain('scaled by --cutoff 0.75')
  })

  it('a flattened failure (tail repeats the last step) counts as not done; a done episode ignores --cutoff', async () => {
    const failed = await run(['--labels', labelsFile('failed', [...CASE1_LABELS.slice(0, 7), 'B', 'B']), '--frames', 'case1', '--cutoff', '0.5', '--json'])
    expect(Math.max(...failed.json!.frames.map((f) => f.progress))).toBeLessThanOrEqual(0.5)
    const done = await run(['--labels', labelsFile('done', CASE1_LABELS), '--frames', 'case1', '--cutoff', '0.5', '--json'])
    expect(done.json!.frames[8]!.progress).toBe(1)
    expect(done.stderr).toContain('--cutoff not applied')
  })

  it('frames of different sizes count as similarity 1.0', async () => {
    SOURCES.set('resized', CASE1_FRAMES.map(([h], i) => (i === 2 ? frame(h, 16) : frame(h))))
    const r = await run(['--labels', labelsFile('resized', CASE1_LABELS), '--frames', 'resized', '--json'])
    // A's d becomes [.5, .5 (was 1.0), .5 (was .75)]: A's frames advance evenly.
    expectClose(r.json!.frames.slice(0, 5).map((f) => f.progress), [0, 0, 4 / 21, 8 / 21, 4 / 7])
  })

  it('reproduces the repeated-name quirk by default and fixes it on request', async () => {
    SOURCES.set('aba', [H(0), H(0), H(0), H(0), H(0), H(0), H(0)].map((h) => frame(h)))
    const file = labelsFile('aba', ['A', 'A', 'B', 'B', 'A', 'A', 'done'])
    const quirk = await run(['--labels', file, '--frames', 'aba', '--json'])
    expect(quirk.json!.frames[0]!.remaining_actions).toEqual(['B', 'A'])
    const fixed = await run(['--labels', file, '--frames', 'aba', '--json', '--fix-remaining-actions'])
    expect(fixed.json!.frames[0]!.remaining_actions).toEqual(['A', 'B', 'A'])
  })

  it('null padding: flat, and [null] remaining actions as in ProcVLM', async () => {
    SOURCES.set('padded', Array.from({ length: 6 }, () => frame(H(0))))
    const r = await run(['--labels', labelsFile('padded', [null, 'A', 'A', 'done', null, null]), '--frames', 'padded', '--json'])
    expect(r.code).toBe(0)
    expect(r.json!.frames.map((f) => f.progress)).toEqual([0, 0, 0, 1, 1, 1])
    expect(r.json!.frames.map((f) => f.remaining_actions)).toEqual([[null], ['A'], ['A'], [], [null], [null]])
  })

  it.each([
    ['fewer frames than labels', ['A', 'A', 'B', 'B', 'done'], 4, ['frame-count-mismatch', 'label-past-last-frame']],
    ['more frames than labels', ['A', 'A', 'B', 'done'], 6, ['frame-count-mismatch', 'frame-without-label']],
  ])('%s: warnings, labels by frame id, exit 0', async (_name, labels, frames, kinds) => {
    SOURCES.set('n', Array.from({ length: frames }, () => frame(H(0))))
    const r = await run(['--labels', labelsFile('mismatch', labels), '--frames', 'n', '--json'])
    expect(r.code).toBe(0)
    expect(r.json!.frames.length).toBe(frames)
    expect(r.json!.problems.map((p) => p.kind)).toEqual(kinds)
    expect(r.json!.problems.every((p) => p.severity === 'warning')).toBe(true)
  })

  it('duplicate frame ids: the last line wins for the label, the first for remaining actions (as ProcVLM)', async () => {
    SOURCES.set('dup', Array.from({ length: 3 }, () => frame(H(0))))
    const extra = [JSON.stringify({ frame_id: 1, task: 'put the cup on the plate', sub_task: 'Z' })]
    const r = await run(['--labels', labelsFile('dup', ['A', 'A', 'done'], extra), '--frames', 'dup', '--json'])
    expect(r.json!.frames[1]!.sub_task).toBe('Z')
    expect(r.json!.frames[1]!.remaining_actions).toEqual(['A', 'Z'])
    expect(r.json!.problems.map((p) => p.kind)).toContain('duplicate-frame-id')
  })

  it('malformed label lines are errors: the rest is used, exit 1', async () => {
    SOURCES.set('three', Array.from({ length: 3 }, () => frame(H(0))))
    const r = await run(['--labels', labelsFile('bad', ['A', 'A', 'done'], ['{"frame_id": oops']), '--frames', 'three', '--json'])
    expect(r.code).toBe(1)
    expect(r.json!.frames.length).toBe(3)
    expect(r.json!.problems.map((p) => [p.kind, p.severity])).toContainEqual(['malformed-json', 'error'])
  })

  it.each([
    ['an unreadable label file', () => ['--labels', join(dir, 'missing.jsonl'), '--frames', 'case1'], 'file-not-readable'],
    ['a label file with no usable line', () => ['--labels', labelsFile('empty', []), '--frames', 'case1'], 'no-labels'],
    ['a missing frames source', () => ['--labels', labelsFile('ok', CASE1_LABELS), '--frames', 'nowhere'], 'frames-unreadable'],
    ['a source with no frames', () => ['--labels', labelsFile('ok', CASE1_LABELS), '--frames', 'none'], 'no-frames'],
    ['a decoder failing mid-way', () => ['--labels', labelsFile('ok', CASE1_LABELS), '--frames', 'broken'], 'frames-unreadable'],
  ])('%s: exit 1, problem listed, no frames', async (_name, args, kind) => {
    SOURCES.set('none', [])
    SOURCES.set('broken', [frame(H(0)), 'ffmpeg exited with code 1'])
    const r = await run([...args(), '--json'])
    expect(r.code).toBe(1)
    expect(r.json).toEqual({ frames: [], problems: [expect.objectContaining({ kind, severity: 'error' })] })
    expect(r.stderr).toContain(kind)
  })

  it.each([
    [['--frames', 'case1'], '--labels is required'],
    [['--labels', 'x.jsonl'], '--frames is required'],
    [['--labels', 'x', '--frames', 'y', '--cutoff', '1.5'], '--cutoff must be a number in [0, 1]'],
    [['--labels', 'x', '--frames', 'y', '--cutoff', 'abc'], '--cutoff must be a number in [0, 1]'],
    [['--labels', 'x', '--frames', 'y', '--bogus'], 'bogus'],
  ])('usage error %j -> exit 2', async (args, message) => {
    const r = await run(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('prints a table without --json', async () => {
    const r = await run(['--labels', labelsFile('table', CASE1_LABELS), '--frames', 'case1'])
    expect(r.code).toBe(0)
    const rows = r.stdout.split('\n')
    expect(rows[0]).toMatch(/frame\s+progress\s+sub_task\s+remaining actions/)
    expect(rows[3]).toMatch(/^\s+2\s+12\.70%\s+A\s+A > B$/)
    expect(rows[8]).toMatch(/^\s+7\s+100%\s+done\s*$/)
  })
})
