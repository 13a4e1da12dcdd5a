// Mutation fuzzer (docs/reliability.md#bad-input): damaged copies of valid files through the importers, the
// dataset readers and the CLI; a thrown error or a case over the time limit fails, reported with its seed and
// mutations. PROCLENS_FUZZ_CASES sets the total (default 10,000, sized for CI); PROCLENS_FUZZ_SEED the first seed.
// The seeds in REGRESSIONS (cases that once failed) run first in every run, whatever the size and first seed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { main } from '@/cli/main'
import { makeRng } from '@/core/random'
import type { Rng } from '@/core/random'
import { mutate } from './mutate'
import { datasetSeeds, runDataset, runImporters, TEXT_SEEDS } from './targets'
import { startWatchdog } from './watchdog'

const TOTAL = Number(process.env.PROCLENS_FUZZ_CASES ?? 10_000)
const FIRST_SEED = Number(process.env.PROCLENS_FUZZ_SEED ?? 1)
// Most cases go to the importers (fast); a dataset or CLI case reads far more, so they get fewer.
const SHARE = { importers: 0.97, datasets: 0.02, cli: 0.01 }
// Seeds of each target start apart, so a seed names its target (importers 1…, datasets 1,000,001…, CLI 2,000,001…).
const SEED_BASE = { importers: 0, datasets: 1_000_000, cli: 2_000_000 }
const LIMIT_MS = 5000
// A case still on the thread after this long is a synchronous hang: the watchdog names it and ends the run.
const HANG_MS = 60_000

type Target = keyof typeof SHARE
const TARGETS = Object.keys(SHARE) as Target[]

/** Cases that failed once, replayed first in every run: target, seed, and what went wrong before the fix. */
const REGRESSIONS: [Target, number, string][] = [
  ['datasets', 1_000_249, 'v3.0 data parquet, delete-key + zero-range: a page header without repetition_levels_byte_length sent hyparquet 1.33 into an endless loop'],
  ['datasets', 1_001_247, 'v3.0 episodes parquet, flip-bytes in the footer: a column name its schema lacks; a rejected fetch went unhandled inside hyparquet'],
  ['datasets', 1_001_347, 'v2.1 info.json, huge-number-text: a template width of 400 digits made padStart throw RangeError'],
]

interface Failure { target: string; seed: number; mutations: string[]; error: string }
const failures: Failure[] = []
let cases = 0
const watchdog = startWatchdog(TARGETS, HANG_MS)
// A rejection nobody handles (a promise the code under test dropped) is a failure of the case that made it.
let running: { target: Target; seed: number } | undefined
const onUnhandled = (reason: unknown): void => {
  failures.push({ target: running?.target ?? 'between cases', seed: running?.seed ?? 0, mutations: ['unhandled rejection'], error: describeError(reason) })
}
process.on('unhandledRejection', onUnhandled)

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)} ${(e.stack ?? '').split('\n').slice(1, 3).join(' ').trim()}` : String(e)
}

/** Runs one case: a throw or a run over the limit is a failure, kept with the seed that replays it. */
async function fuzzCase(target: Target, seed: number, run: (rng: Rng, mutations: string[]) => Promise<void> | void): Promise<void> {
  cases++
  running = { target, seed }
  watchdog.enter(TARGETS.indexOf(target), seed)
  const rng = makeRng(seed)
  // Filled by the case before it runs the code under test, so a throw still names what was done.
  const mutations: string[] = []
  const started = performance.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const work = Promise.resolve().then(() => run(rng, mutations))
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${LIMIT_MS} ms (hang)`)), LIMIT_MS) })
    await Promise.race([work, timeout])
    const took = performance.now() - started
    if (took > LIMIT_MS) throw new Error(`took ${Math.round(took)} ms (limit ${LIMIT_MS})`)
  } catch (e) {
    failures.push({ target, seed, mutations, error: describeError(e) })
  } finally {
    clearTimeout(timer)
  }
  // Let the case's unhandled rejections surface while it is still the one running.
  await new Promise((resolve) => setImmediate(resolve))
}

const dir = mkdtempSync(join(tmpdir(), 'proclens-fuzz-'))
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await watchdog.stop()
  rmSync(dir, { recursive: true, force: true })
})

const datasets = datasetSeeds()
const [demo] = datasets
const root = join(dir, 'dataset')

/** The CLI cases' dataset on disk: the demo with five of its episodes left out, to keep `inspect` short. */
function writeCliDataset(): void {
  for (const [path, bytes] of demo!.files) {
    if (/episode_00000[2-6]/.test(path)) continue
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), bytes)
  }
  writeFileSync(join(dir, 'target.jsonl'), TEXT_SEEDS.find(([n]) => n === 'predictions')![1])
}

/** What one case of each target does with its generator; the seed picks the input and the command. */
const CASES: Record<Target, (seed: number) => (rng: Rng, mutations: string[]) => Promise<void> | void> = {
  importers: (seed) => (rng, mutations) => {
    const [name, bytes] = TEXT_SEEDS[seed % TEXT_SEEDS.length]!
    const m = mutate(bytes, rng)
    mutations.push(name, ...m.names)
    runImporters(m.bytes, name)
  },
  datasets: (seed) => async (rng, mutations) => {
    const { files, targets } = datasets[seed % datasets.length]!
    const path = targets[rng.int(0, targets.length - 1)]!
    const m = mutate(files.get(path)!, rng)
    mutations.push(path, ...m.names)
    await runDataset(new Map(files).set(path, m.bytes))
  },
  cli: (seed) => async (rng, mutations) => {
    const command = (['metrics', 'convert', 'inspect'] as const)[seed % 3]!
    if (command === 'inspect') {
      const path = demo!.targets[rng.int(0, demo!.targets.length - 1)]!
      const m = mutate(demo!.files.get(path)!, rng)
      mutations.push(command, path, ...m.names)
      writeFileSync(join(root, path), m.bytes)
      try {
        await main(['inspect', root, '--json'])
      } finally {
        writeFileSync(join(root, path), demo!.files.get(path)!)
      }
      return
    }
    const [name, bytes] = TEXT_SEEDS[rng.int(0, TEXT_SEEDS.length - 1)]!
    const m = mutate(bytes, rng)
    mutations.push(command, name, ...m.names)
    const input = join(dir, `in-${seed}.sub_task.jsonl`)
    writeFileSync(input, m.bytes)
    try {
      if (command === 'metrics') await main(['metrics', '--pred', input, '--target', join(dir, 'target.jsonl'), '--json'])
      else await main(['convert', input, '--to', (['records', 'flat', 'proposal'] as const)[seed % 3]!, '--out', join(dir, `out-${seed}`)])
    } finally {
      rmSync(input, { force: true })
      rmSync(join(dir, `out-${seed}`), { recursive: true, force: true })
    }
  },
}

describe('mutation fuzzer', () => {
  const count = (share: number): number => Math.max(1, Math.round(TOTAL * share))
  const started = performance.now()

  it(`regressions: ${REGRESSIONS.length} seed(s) that once failed`, async () => {
    for (const [target, seed] of REGRESSIONS) await fuzzCase(target, seed, CASES[target](seed))
  }, 60_000)

  for (const target of TARGETS) {
    it(`${target}: ${count(SHARE[target])} cases`, async () => {
      if (target === 'cli') {
        // The commands print their problems; the fuzzer wants only whether they return.
        vi.spyOn(console, 'log').mockImplementation(() => undefined)
        vi.spyOn(console, 'error').mockImplementation(() => undefined)
        writeCliDataset()
      }
      for (let i = 0; i < count(SHARE[target]); i++) {
        const seed = FIRST_SEED + SEED_BASE[target] + i
        await fuzzCase(target, seed, CASES[target](seed))
      }
    }, 600_000)
  }

  it('no uncaught exception and no hang', () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.warn(`fuzz: ${cases} cases in ${seconds} s (${REGRESSIONS.length} regression seeds, first seed ${FIRST_SEED}), ${failures.length} failure(s)`)
    // One line per distinct error (the first seed that shows it), so a regression reads in a screen.
    const distinct = new Map<string, Failure>()
    for (const f of failures) if (!distinct.has(f.error)) distinct.set(f.error, f)
    expect([...distinct.values()].map((f) => `${f.target} seed ${f.seed} [${f.mutations.join(', ')}]: ${f.error}`)).toEqual([])
  })
})
