import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { captureConsole } from '../../test/captureConsole'
import { main } from '../main'

const dir = mkdtempSync(join(tmpdir(), 'proclens-metrics-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, rows: unknown[] | string): string {
  const path = join(dir, name)
  writeFileSync(path, typeof rows === 'string' ? rows : rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
  return path
}

const rows = (episode: string, values: number[], from = 0): { episode: string; frame_index: number; progress: number }[] =>
  values.map((progress, i) => ({ episode, frame_index: from + i, progress }))

const { stdout, stderr, clear } = captureConsole()

describe('proclens metrics', () => {
  const target = write('target.jsonl', [...rows('ep_a', [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), ...rows('ep_b', [0, 50, 100])])
  const pred = write('pred.jsonl', [...rows('ep_a', [5, 3, 18, 35, 33, 52, 61, 58, 85, 90, 97]), ...rows('ep_b', [100, 50, 0])])

  it('prints the JSON shape with per-episode metrics and means', async () => {
    expect(await main(['metrics', '--pred', pred, '--target', target, '--json'])).toBe(0)
    const json = JSON.parse(stdout()) as { episodes: Record<string, Record<string, number>>; mean: Record<string, number>; problems: unknown[] }
    expect(Object.keys(json.episodes)).toEqual(['ep_a', 'ep_b'])
    for (const key of ['VOC', 'KT', 'CCC', 'EPR@50', 'MAE']) {
      expect(typeof json.episodes.ep_a?.[key]).toBe('number')
      expect(typeof json.mean[key]).toBe('number')
    }
    // ep_a is the Python-checked "noisy" case; ep_b is exactly reversed.
    expect(json.episodes.ep_a?.VOC).toBeCloseTo(0.9727272727272729, 12)
    expect(json.episodes.ep_b?.KT).toBe(-1)
    expect(json.mean.KT).toBeCloseTo((0.8909090909090909 - 1) / 2, 12)
    expect(json.problems).toEqual([])
    expect(stderr()).toBe('')
  })

  it('prints a readable table without --json', async () => {
    expect(await main(['metrics', '--pred', pred, '--target', target])).toBe(0)
    const text = stdout()
    expect(text).toMatch(/^episode\s+frames\s+VOC\s+KT\s+CCC\s+EPR@50\s+MAE\s+drops/)
    expect(text).toContain('ep_a')
    expect(text).toMatch(/mean \(2\)/)
    expect(text).toContain('0.9727')
  })

  it('matches by (episode, frame_index), reports unmatched frames and episodes, excludes short episodes (exit 1)', async () => {
    const t = write('t2.jsonl', [...rows('ep_a', [0, 25, 50, 75, 100]), ...rows('ep_c', [0, 100]), ...rows('ep_d', [0, 100])])
    const p = write('p2.jsonl', [...rows('ep_a', [0, 50, 100], 2), ...rows('ep_c', [10], 1), ...rows('ep_e', [1, 2])])
    expect(await main(['metrics', '--pred', p, '--target', t, '--json'])).toBe(1)
    const json = JSON.parse(stdout()) as { episodes: Record<string, { frames: number; VOC: number }>; excluded: string[]; problems: { kind: string; episode?: string; severity: string }[] }
    expect(json.episodes.ep_a?.frames).toBe(3)
    expect(json.excluded).toEqual(['ep_c'])
    expect(json.problems.map((x) => [x.severity, x.kind, x.episode])).toEqual([
      ['warning', 'unmatched-frames', 'ep_a'],
      ['warning', 'unmatched-frames', 'ep_c'],
      ['warning', 'unmatched-episode', 'ep_d'],
      ['warning', 'unmatched-episode', 'ep_e'],
      ['error', 'too-few-frames', 'ep_c'],
    ])
    expect(stderr()).toContain('too-few-frames')
  })

  it('exits 1 with problems for malformed input, still scoring the rest', async () => {
    const p = write('p3.jsonl', '{"episode":"ep_b","frame_index":0,"progress":100}\nnot json\n{"episode":"ep_b","frame_index":1,"progress":40}\n{"episode":"ep_b","frame_index":2,"progress":0}\n')
    expect(await main(['metrics', '--pred', p, '--target', target, '--json'])).toBe(1)
    const json = JSON.parse(stdout()) as { episodes: Record<string, unknown>; problems: { kind: string; file?: string; line?: number }[] }
    expect(Object.keys(json.episodes)).toEqual(['ep_b'])
    expect(json.problems[0]).toMatchObject({ kind: 'malformed-json', file: p, line: 2 })
  })

  it('exits 1 when a file cannot be read', async () => {
    expect(await main(['metrics', '--pred', join(dir, 'missing.jsonl'), '--target', target, '--json'])).toBe(1)
    const json = JSON.parse(stdout()) as { problems: { kind: string }[] }
    expect(json.problems.map((x) => x.kind)).toEqual(['file-not-readable', 'no-episodes'])
  })

  it('reads 0..1 files with --scale unit', async () => {
    const t = write('t4.csv', 'episode,frame_index,progress\nx,0,0\nx,1,0.5\nx,2,1\n')
    const p = write('p4.csv', 'episode,frame_index,progress\nx,0,0.1\nx,1,0.5\nx,2,0.9\n')
    expect(await main(['metrics', '--pred', p, '--target', t, '--json', '--scale', 'unit'])).toBe(0)
    const json = JSON.parse(stdout()) as { episodes: Record<string, { MAE: number }> }
    expect(json.episodes.x?.MAE).toBeCloseTo(20 / 3, 12)
  })

  it('groups many bad lines by kind: the first few, then a count', async () => {
    const bad = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? `{"episode":"ep_b","frame_index":${i},"progress":"x"}` : `{"episode":"ep_b","frame_index":-${i},"progress":1}`))
    const p = write('p5.jsonl', [...bad, '{"episode":"ep_b","frame_index":0,"progress":100}', '{"episode":"ep_b","frame_index":2,"progress":0}'].join('\n'))
    expect(await main(['metrics', '--pred', p, '--target', target])).toBe(1)
    const lines = stderr().split('\n')
    expect(lines.length).toBeLessThan(15)
    expect(stderr()).toContain(`${p}:1 error bad-progress:`)
    expect(stderr()).toContain('… and 247 more errors bad-progress (250 in all)')
    expect(stderr()).toContain('… and 247 more errors bad-frame-index (250 in all)')
  })

  // A real progress benchmark's results (../shared, absent in some checkouts), repeated to the 1,438 lines of the
  // upstream file: one error saying what was expected and what the file is, not one per line.
  const bench = fileURLToPath(new URL('../../../../shared/datasets/progresslm/prog-bench/visual_same_view.jsonl', import.meta.url))
  it.skipIf(!existsSync(bench))('reports a file of another format once, with what it looks like', async () => {
    const real = readFileSync(bench, 'utf8').split('\n').filter((l) => l.trim() !== '')
    const big = write('bench.jsonl', Array.from({ length: 1438 }, (_, i) => real[i % real.length]).join('\n') + '\n')
    for (const file of [bench, big]) {
      expect(await main(['metrics', '--pred', file, '--target', target])).toBe(1)
      const lines = stderr().split('\n')
      expect(lines.length).toBeLessThanOrEqual(3)
      expect(lines[0]).toContain(`${file} error unrecognised-format: matches none of the expected formats: expected a JSON object per line with "frame_index" and "progress"`)
      expect(lines[0]).toMatch(/the file is a JSON object per line with keys id, task_goal, visual_demo, total_steps, stage_to_estimate, closest_idx, … \((50|1438) lines\)/)
      clear()
    }
  })

  it.each([
    [['metrics', '--target', 'x']],
    [['metrics', '--pred', 'x']],
    [['metrics', '--pred', 'x', '--target', 'y', '--bogus']],
    [['metrics', '--pred', 'x', '--target', 'y', 'extra']],
    [['metrics', '--pred', 'x', '--target', 'y', '--scale', 'permille']],
    [['metrics', '--pred', 'x', '--target', 'y', '--tolerance', '-1']],
  ])('usage error (exit 2): %j', async (argv) => {
    expect(await main(argv)).toBe(2)
    expect(stderr()).toContain('Usage: proclens metrics')
  })
})
