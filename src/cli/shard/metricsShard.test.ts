import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeRng } from '../../core/random'
import { captureConsole } from '../../test/captureConsole'
import { main } from '../main'

const dir = mkdtempSync(join(tmpdir(), 'proclens-metrics-shard-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const { stdout, clear } = captureConsole()

/**
 * 60 episodes of noisy curves with everything the report names: episodes only in the targets or only in the
 * predictions, frames only on one side, episodes with one matched frame (left out of the means), a line of a
 * file that does not parse (a whole-file problem every shard sees).
 */
function corpus(): { pred: string; target: string } {
  const rng = makeRng(7)
  const random = (): number => rng.next()
  const pred: string[] = []
  const target: string[] = []
  for (let e = 0; e < 60; e++) {
    const episode = `episode_${String(e).padStart(6, '0')}`
    const frames = e % 11 === 5 ? 1 : 5 + Math.floor(random() * 40)
    for (let f = 0; f < frames; f++) {
      const t = (100 * f) / Math.max(1, frames - 1)
      if (e % 13 !== 3) target.push(JSON.stringify({ episode, frame_index: f, progress: t }))
      if (e % 17 !== 4 && !(e % 7 === 2 && f === 0)) pred.push(JSON.stringify({ episode, frame_index: f, progress: Math.min(100, Math.max(0, t + (random() - 0.5) * 30)) }))
    }
  }
  target.splice(10, 0, '{"episode": "broken", "frame_index": ')
  writeFileSync(join(dir, 'pred.jsonl'), `${pred.join('\n')}\n`)
  writeFileSync(join(dir, 'target.jsonl'), `${target.join('\n')}\n`)
  return { pred: join(dir, 'pred.jsonl'), target: join(dir, 'target.jsonl') }
}

describe('proclens metrics --shard and proclens merge', () => {
  const { pred, target } = corpus()

  it.each([1, 2, 3, 7])('N = %i: metrics.json and metrics.txt equal what the unsharded run prints, byte for byte', async (n) => {
    clear()
    expect(await main(['metrics', '--pred', pred, '--target', target, '--json', '--csv', join(dir, `whole-${n}.csv`)])).toBe(1)
    const json = stdout()
    clear()
    expect(await main(['metrics', '--pred', pred, '--target', target])).toBe(1)
    const table = stdout()
    const json_ = JSON.parse(json) as { excluded: string[]; problems: { kind: string }[] }
    expect(json_.excluded.length).toBeGreaterThan(0)
    for (const kind of ['unmatched-episode', 'unmatched-frames', 'too-few-frames']) expect(json_.problems.some((p) => p.kind === kind), kind).toBe(true)
    const shards = Array.from({ length: n }, (_, i) => join(dir, `n${n}`, `s${i}`))
    for (const [i, out] of shards.entries()) {
      const code = await main(['metrics', '--pred', pred, '--target', target, '--shard', `${i}/${n}`, '--out', out, '--dataset-name', 'corpus'])
      expect([0, 1]).toContain(code)
    }
    expect(await main(['merge', join(dir, `n${n}`, 'merged'), ...shards])).toBe(1)
    expect(readFileSync(join(dir, `n${n}`, 'merged', 'metrics.json'), 'utf8')).toBe(`${json}\n`)
    expect(readFileSync(join(dir, `n${n}`, 'merged', 'metrics.txt'), 'utf8')).toBe(`${table}\n`)
    const csv = readFileSync(join(dir, `whole-${n}.csv`), 'utf8')
    expect(csv.split('\r\n')[0]).toBe('episode,frames,voc,kt,ccc,epr50,mae,monotonicity_violations')
    expect(csv.split('\r\n').length).toBeGreaterThan(40)
    expect(readFileSync(join(dir, `n${n}`, 'merged', 'metrics.csv'), 'utf8')).toBe(csv)
  })

  it('a resumed shard gives the same merge', async () => {
    const shards = [0, 1].map((i) => join(dir, 'resume', `s${i}`))
    for (const [i, out] of shards.entries()) await main(['metrics', '--pred', pred, '--target', target, '--shard', `${i}/2`, '--out', out])
    const journal = join(shards[1]!, '.proclens-shard', 'journal.jsonl')
    const lines = readFileSync(journal, 'utf8').split('\n').filter((l) => l !== '')
    writeFileSync(journal, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 9)}`)
    await main(['metrics', '--pred', pred, '--target', target, '--shard', '1/2', '--out', shards[1]!])
    clear()
    await main(['metrics', '--pred', pred, '--target', target, '--json'])
    const json = stdout()
    await main(['merge', join(dir, 'resume', 'merged'), ...shards])
    expect(readFileSync(join(dir, 'resume', 'merged', 'metrics.json'), 'utf8')).toBe(`${json}\n`)
  })
})
