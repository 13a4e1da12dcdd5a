// Mutation fuzzer (docs/reliability.md#bad-input): damaged copies of valid files through the importers, the
// dataset readers and the CLI; a thrown error or a case over the time limit fails, reported with its seed and
// mutations. PROCLENS_FUZZ_CASES sets the total (default 10,000, sized for CI); PROCLENS_FUZZ_SEED the first seed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { main } from '@/cli/main'
import { makeRng } from '@/core/random'
import type { Rng } from '@/core/random'
import { mutate } from './mutate'
import { datasetSeeds, runDataset, runImporters, TEXT_SEEDS } from './targets'

const TOTAL = Number(process.env.PROCLENS_FUZZ_CASES ?? 10_000)
const FIRST_SEED = Number(process.env.PROCLENS_FUZZ_SEED ?? 1)
// Most cases go to the importers (fast); a dataset or CLI case reads far more, so they get fewer.
const SHARE = { importers: 0.97, datasets: 0.02, cli: 0.01 }
const LIMIT_MS = 5000

interface Failure { target: string; seed: number; mutations: string[]; error: string }
const failures: Failure[] = []
let cases = 0

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)} ${(e.stack ?? '').split('\n').slice(1, 3).join(' ').trim()}` : String(e)
}

/** Runs one case: a throw or a run over the limit is a failure, kept with the seed that replays it. */
async function fuzzCase(target: string, seed: number, run: (rng: Rng, mutations: string[]) => Promise<void> | void): Promise<void> {
  cases++
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
}

const dir = mkdtempSync(join(tmpdir(), 'proclens-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('mutation fuzzer', () => {
  const count = (share: number): number => Math.max(1, Math.round(TOTAL * share))
  const started = performance.now()

  it(`importers: ${count(SHARE.importers)} cases`, async () => {
    for (let i = 0; i < count(SHARE.importers); i++) {
      const seed = FIRST_SEED + i
      await fuzzCase('importers', seed, (rng, mutations) => {
        const [name, bytes] = TEXT_SEEDS[seed % TEXT_SEEDS.length]!
        const m = mutate(bytes, rng)
        mutations.push(name, ...m.names)
        runImporters(m.bytes, name)
      })
    }
  }, 600_000)

  it(`dataset readers: ${count(SHARE.datasets)} cases`, async () => {
    const seeds = datasetSeeds()
    for (let i = 0; i < count(SHARE.datasets); i++) {
      const seed = FIRST_SEED + 1_000_000 + i
      await fuzzCase('openDataset', seed, async (rng, mutations) => {
        const { files, targets } = seeds[seed % seeds.length]!
        const path = targets[rng.int(0, targets.length - 1)]!
        const m = mutate(files.get(path)!, rng)
        mutations.push(path, ...m.names)
        await runDataset(new Map(files).set(path, m.bytes))
      })
    }
  }, 600_000)

  it(`CLI (metrics, convert, inspect): ${count(SHARE.cli)} cases`, async () => {
    // The commands print their problems; the fuzzer wants only whether they return.
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const [demo] = datasetSeeds()
    const root = join(dir, 'dataset')
    const writeAll = (files: Map<string, Uint8Array>): void => {
      for (const [path, bytes] of files) {
        mkdirSync(join(root, path, '..'), { recursive: true })
        writeFileSync(join(root, path), bytes)
      }
    }
    writeAll(new Map([...demo!.files].filter(([p]) => !/episode_00000[2-6]/.test(p))))
    writeFileSync(join(dir, 'target.jsonl'), TEXT_SEEDS.find(([n]) => n === 'predictions')![1])
    for (let i = 0; i < count(SHARE.cli); i++) {
      const seed = FIRST_SEED + 2_000_000 + i
      await fuzzCase('cli', seed, async (rng, mutations) => {
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
      })
    }
  }, 600_000)

  it('no uncaught exception and no hang', () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.warn(`fuzz: ${cases} cases in ${seconds} s, ${failures.length} failure(s)`)
    // One line per distinct error (the first seed that shows it), so a regression reads in a screen.
    const distinct = new Map<string, Failure>()
    for (const f of failures) if (!distinct.has(f.error)) distinct.set(f.error, f)
    expect([...distinct.values()].map((f) => `${f.target} seed ${f.seed} [${f.mutations.join(', ')}]: ${f.error}`)).toEqual([])
  })
})
