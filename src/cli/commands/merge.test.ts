import { appendFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { shardOf } from '../../core/shard'
import { hasFfmpeg } from '../../test/fixtureFolder'
import { writeShardedDataset } from '../../test/shardedDataset'
import { main } from '../main'

const FORMATS = 'proccorpus,procvqa,lerobot,records,selection'
let dir: string
let dataset: string
let records: string
let err: string[]

/** Every file under `root` (the shard's private folder aside), relative, sorted. */
async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).filter((f) => !f.startsWith('.proclens-shard')).sort()
}

async function expectSameTree(actual: string, expected: string): Promise<void> {
  const want = await files(expected)
  expect(await files(actual)).toEqual(want)
  for (const f of want) expect(Buffer.compare(await readFile(join(actual, f)), await readFile(join(expected, f))), f).toBe(0)
}

const exportArgs = (out: string, extra: string[] = []) => ['export', dataset, '--annotations', records, '--format', FORMATS, '--language', '--seed', '4', '--out', out, ...extra]

beforeAll(async () => {
  err = []
  quiet()
  dir = await mkdtemp(join(tmpdir(), 'proclens-merge-'))
  dataset = join(dir, 'gen')
  records = join(dir, 'labels.records.jsonl')
  if (hasFfmpeg) await writeShardedDataset(dataset, records, 'gen')
}, 60_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function quiet(): void {
  vi.restoreAllMocks()
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
}

beforeEach(() => {
  err = []
  quiet()
})

describe.skipIf(!hasFfmpeg)('proclens export --shard and proclens merge', () => {
  let whole: string

  beforeAll(async () => {
    whole = join(dir, 'whole')
    expect(await main(exportArgs(whole))).toBe(0)
  }, 120_000)

  it('the unsharded export is what the shards are compared with: every format, a LeRobot file spanning shards', async () => {
    const written = await files(whole)
    for (const prefix of ['v2/sub_task/gen/', 'a/gen/', 'images/gen/', 'records/gen.records.jsonl', 'selection/accepted.jsonl', 'meta/episodes/', 'data/chunk-000/file-000.parquet']) {
      expect(written.some((f) => f.startsWith(prefix)), prefix).toBe(true)
    }
    // Episodes 0-2 share a data file; with N = 3 they are not all in one shard.
    expect(new Set([0, 1, 2].map((i) => shardOf('gen', `episode_00000${i}`, 3))).size).toBeGreaterThan(1)
  })

  it.each([1, 2, 3, 7])('N = %i: the shards merged equal the unsharded export byte for byte', async (n) => {
    const shards = Array.from({ length: n }, (_, i) => join(dir, `n${n}`, `shard-${i}`))
    for (const [i, out] of shards.entries()) expect(await main(exportArgs(out, ['--shard', `${i}/${n}`]))).toBe(0)
    const merged = join(dir, `n${n}`, 'merged')
    // Given in any order: the merge orders by episode, not by folder.
    expect(await main(['merge', merged, ...shards.reverse()])).toBe(0)
    await expectSameTree(merged, whole)
  }, 180_000)

  it('auto/N reads the index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX', async () => {
    const n = 2
    vi.stubEnv('SLURM_ARRAY_TASK_ID', '0')
    expect(await main(exportArgs(join(dir, 'auto', '0'), ['--shard', `auto/${n}`]))).toBe(0)
    vi.stubEnv('SLURM_ARRAY_TASK_ID', '')
    vi.stubEnv('JOB_COMPLETION_INDEX', '1')
    expect(await main(exportArgs(join(dir, 'auto', '1'), ['--shard', `auto/${n}`]))).toBe(0)
    vi.unstubAllEnvs()
    expect(await main(['merge', '--out', join(dir, 'auto', 'merged'), join(dir, 'auto', '0'), join(dir, 'auto', '1')])).toBe(0)
    await expectSameTree(join(dir, 'auto', 'merged'), whole)
  }, 180_000)

  it('a killed shard resumes: the episodes it finished are not done again, and the merge is the same bytes', async () => {
    const n = 2
    const shards = [0, 1].map((i) => join(dir, 'resume', `shard-${i}`))
    for (const [i, out] of shards.entries()) expect(await main(exportArgs(out, ['--shard', `${i}/${n}`]))).toBe(0)
    // A kill in the middle of an episode: its journal line half written, its records line half written, its
    // ProcCorpus file gone, one of its images cut short.
    const journal = join(shards[0]!, '.proclens-shard', 'journal.jsonl')
    const lines = (await readFile(journal, 'utf8')).split('\n').filter((l) => l !== '')
    const at = lines.findLastIndex((l) => l.includes('"records"'))
    const last = JSON.parse(lines[at]!) as { name: string; files: string[]; records: [number, number] }
    const redo = lines.length - at
    await writeFile(journal, `${lines.slice(0, at).map((l) => `${l}\n`).join('')}${lines[at]!.slice(0, 20)}`)
    await truncate(join(shards[0]!, '.proclens-shard', 'records.part.jsonl'), last.records[0] + 5)
    await rm(join(shards[0]!, last.files.find((f) => f.startsWith('v2/'))!))
    await truncate(join(shards[0]!, last.files.find((f) => f.endsWith('.jpg'))!), 10)
    // Merging now names what is missing.
    expect(await main(['merge', join(dir, 'resume', 'early'), ...shards])).toBe(1)
    expect(err.join('\n')).toMatch(new RegExp(`shard 0/2 in .* is incomplete: .* missing ${last.name}.*; run the same command again to resume it`))
    err.length = 0
    expect(await main(exportArgs(shards[0]!, ['--shard', `0/${n}`]))).toBe(0)
    expect(err.join('\n')).toMatch(new RegExp(`exported ${redo - (lines.slice(at).length - lines.slice(at).filter((l) => l.includes('"records"')).length)}, ${at} already done`))
    expect(await main(['merge', join(dir, 'resume', 'merged'), ...shards])).toBe(0)
    await expectSameTree(join(dir, 'resume', 'merged'), whole)
  }, 180_000)

  it('merge refuses shards that do not make one whole run, naming the shards and episodes', async () => {
    const base = join(dir, 'bad')
    const three = [0, 1, 2].map((i) => join(base, `s${i}`))
    for (const [i, out] of three.entries()) expect(await main(['export', dataset, '--annotations', records, '--format', 'records,selection', '--out', out, '--shard', `${i}/3`])).toBe(0)
    const cases: [string[], RegExp][] = [
      [[three[0]!, three[1]!], /shard\(s\) 2\/3 missing: their episodes are in no folder given \(run the same command with --shard 2\/3\)/],
      [[three[0]!, three[1]!, three[2]!, three[1]!], /shard 1\/3 is given 2 times/],
      [[three[0]!, join(dir, 'whole')], /is not a shard's output: it has no .proclens-shard\/plan.json/],
    ]
    const other = join(base, 'seed')
    expect(await main(['export', dataset, '--annotations', records, '--format', 'records,selection', '--seed', '9', '--out', other, '--shard', '2/3'])).toBe(0)
    cases.push([[three[0]!, three[1]!, other], /is a shard of another run .*seed: 0 vs 9/])
    const four = join(base, 'four')
    expect(await main(['export', dataset, '--annotations', records, '--format', 'records,selection', '--out', four, '--shard', '2/4'])).toBe(0)
    cases.push([[three[0]!, three[1]!, four], /is a shard of another run .*N: 3 vs 4/])
    for (const [folders, message] of cases) {
      err.length = 0
      expect(await main(['merge', join(base, 'out'), ...folders]), String(message)).toBe(1)
      expect(err.join('\n')).toMatch(message)
    }
    // An episode's journal line lost after the fact: the merge names it.
    const journal = join(three[1]!, '.proclens-shard', 'journal.jsonl')
    const lines = (await readFile(journal, 'utf8')).split('\n').filter((l) => l !== '')
    const dropped = JSON.parse(lines[0]!) as { name: string }
    await writeFile(journal, lines.slice(1).map((l) => `${l}\n`).join(''))
    err.length = 0
    expect(await main(['merge', join(base, 'out'), ...three])).toBe(1)
    expect(err.join('\n')).toContain(`missing ${dropped.name}`)
    await appendFile(journal, `${lines[0]!}\n`)
    // The same folder given to another run's shard is refused before anything is written.
    err.length = 0
    expect(await main(['export', dataset, '--annotations', records, '--format', 'records', '--out', three[0]!, '--shard', '0/3'])).toBe(1)
    expect(err.join('\n')).toMatch(/holds shard 0\/3 of another run \(formats: .*\); give each run its own empty folder/)
  }, 180_000)

  it.each<[string, RegExp]>([
    ['3/3', /--shard '3\/3': the shard index is 3, but shards of 3 are numbered 0 to 2/],
    ['x', /--shard 'x': expected i\/N/],
  ])('usage error: --shard %s', async (spec, message) => {
    expect(await main(['export', dataset, '--format', 'records', '--out', join(dir, 'x'), '--shard', spec])).toBe(2)
    expect(err.join('\n')).toMatch(message)
  })
})

describe('proclens inspect --shard and proclens merge', () => {
  it.each([['the demo', 'public/demo'], ['a generated v3.0 dataset', 'gen']])('%s: inspect.json of 3 shards merged is what inspect --json prints', async (_name, path) => {
    if (path === 'gen' && !hasFfmpeg) return
    const target = path === 'gen' ? dataset : path
    const printed: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')))
    expect(await main(['inspect', target, '--json'])).toBe(0)
    const shards = [0, 1, 2].map((i) => join(dir, 'inspect', path.replace(/\W/g, '-'), `s${i}`))
    for (const [i, out] of shards.entries()) expect(await main(['inspect', target, '--shard', `${i}/3`, '--out', out])).toBe(0)
    const merged = join(dir, 'inspect', path.replace(/\W/g, '-'), 'merged')
    expect(await main(['merge', merged, ...shards])).toBe(0)
    expect(await readFile(join(merged, 'inspect.json'), 'utf8')).toBe(`${printed.join('\n')}\n`)
  }, 60_000)

  it('--shard needs --out, and --out needs --shard', async () => {
    expect(await main(['inspect', 'public/demo', '--shard', '0/2'])).toBe(2)
    expect(err.join('\n')).toMatch(/--shard needs --out DIR/)
    expect(await main(['inspect', 'public/demo', '--out', join(dir, 'o')])).toBe(2)
    expect(err.join('\n')).toMatch(/--out is for a sharded run/)
  })
})
