/**
 * The sharded corpus export (issue 14): `proclens export --shard i/4` of a generated 10,000-episode corpus
 * (annotation-only formats: ProcCorpus and records; no video is decoded), each shard in a fresh Node process
 * (its time, peak RSS and peak JS heap are its own), then `proclens merge`, against the unsharded export of the
 * same corpus; the merged folder is checked byte for byte against the unsharded one. The shards run one after
 * another here (a job array runs them at once on separate machines), so each figure is one shard's alone.
 * Writes test-results/bench/sharded.json; .ci/bench.js prints it and can copy it into docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { writeIndex } from './corpusData'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT = join(ROOT, 'test-results', 'bench', 'sharded.json')
const RUNNER = fileURLToPath(new URL('./corpusRunner.js', import.meta.url))
const EPISODES = Number(process.env.PROCLENS_BENCH_SHARDED_EPISODES ?? 10_000)
const SHARDS = 4
const FORMATS = 'proccorpus,records'

interface Figures { ms: number; maxRssMiB: number; peakHeapMiB: number }

function cli(...args: string[]): Figures {
  const out = execFileSync(process.execPath, [RUNNER, 'cli', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n')
  return JSON.parse(out[out.length - 1]!) as Figures
}

function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name))).filter((f) => !f.startsWith('.proclens-shard')).sort()
}

test('sharded export of 10,000 episodes: each of 4 shards, the merge, against the unsharded export', () => {
  const dataset = writeIndex(`sharded-${EPISODES}`, EPISODES, 300, true)
  const work = mkdtempSync(join(tmpdir(), 'proclens-bench-sharded-'))
  try {
    const idle = JSON.parse(execFileSync(process.execPath, [RUNNER, 'idle'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1)!) as Figures
    const whole = cli('export', dataset, '--format', FORMATS, '--out', join(work, 'whole'))
    const shards = Array.from({ length: SHARDS }, (_, i) => {
      const figures = cli('export', dataset, '--format', FORMATS, '--out', join(work, `shard-${i}`), '--shard', `${i}/${SHARDS}`)
      const plan = JSON.parse(readFileSync(join(work, `shard-${i}`, '.proclens-shard', 'plan.json'), 'utf8')) as { episodes: unknown[] }
      return { shard: i, episodes: plan.episodes.length, ...figures }
    })
    const merge = cli('merge', join(work, 'merged'), ...shards.map((s) => join(work, `shard-${s.shard}`)))
    // A resumed shard: the same command again with every episode done (the cost of checking what is done).
    const resumed = cli('export', dataset, '--format', FORMATS, '--out', join(work, 'shard-0'), '--shard', `0/${SHARDS}`)
    const files = tree(join(work, 'whole'))
    expect(tree(join(work, 'merged'))).toEqual(files)
    let bytes = 0
    for (const f of files) {
      const a = readFileSync(join(work, 'whole', f))
      bytes += a.length
      expect(Buffer.compare(readFileSync(join(work, 'merged', f)), a), f).toBe(0)
    }
    mkdirSync(join(ROOT, 'test-results', 'bench'), { recursive: true })
    writeFileSync(OUT, `${JSON.stringify({ episodes: EPISODES, frames: 300, formats: FORMATS, shards: SHARDS, idleRssMiB: idle.maxRssMiB, whole, shardRuns: shards, merge, resumed, files: files.length, bytes, identical: true, date: new Date().toISOString() }, null, 2)}\n`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
})
