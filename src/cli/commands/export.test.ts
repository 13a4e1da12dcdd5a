import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseEpisodeRecords, episodeRecordLine } from '../../core/formats/records'
import { ProblemLog } from '../../core/problems'
import { main } from '../main'

const DEMO = 'public/demo'
let dir: string
let out: string[]
let err: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proclens-export-'))
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})

afterEach(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name))).sort()
}

describe('proclens export', () => {
  it('untouched proposals export to exactly the flattened labels ProcVLM made from them, whichever way they are found', async () => {
    for (const [name, extra] of [['own', []], ['root', ['--annotations', join(DEMO, 'annotation')]]] as const) {
      const target = join(dir, name)
      expect(await main(['export', DEMO, '--format', 'proccorpus', '--out', target, ...extra])).toBe(0)
      const written = await files(target)
      expect(written).toHaveLength(7)
      for (const f of written) {
        expect(await readFile(join(target, f), 'utf8'), f).toBe(await readFile(join(DEMO, 'annotation', f), 'utf8'))
      }
    }
  })

  it('records round trip: records exported from records are the same bytes, and export the same ProcCorpus files', async () => {
    expect(await main(['export', DEMO, '--format', 'records,proccorpus', '--out', join(dir, 'a')])).toBe(0)
    const records = join(dir, 'a', 'records', 'demo.records.jsonl')
    const log = new ProblemLog()
    const parsed = parseEpisodeRecords(await readFile(records, 'utf8'), log)
    expect(parsed.map((r) => r.doc.episode)).toEqual(['episode_000000', 'episode_000001', 'episode_000002', 'episode_000003', 'episode_000004', 'episode_000005', 'episode_000006'])
    expect(await main(['export', DEMO, '--annotations', records, '--format', 'records', '--format', 'proccorpus', '--out', join(dir, 'b')])).toBe(0)
    expect(await files(join(dir, 'b'))).toEqual(await files(join(dir, 'a')))
    for (const f of await files(join(dir, 'a'))) expect(await readFile(join(dir, 'b', f), 'utf8'), f).toBe(await readFile(join(dir, 'a', f), 'utf8'))
  })

  it('selection lists from the reviews records carry, in ProcVLM\'s own line format; --episodes limits the export', async () => {
    expect(await main(['export', DEMO, '--format', 'records', '--out', join(dir, 'a')])).toBe(0)
    const records = parseEpisodeRecords(await readFile(join(dir, 'a', 'records', 'demo.records.jsonl'), 'utf8'), new ProblemLog())
    const statuses = ['accepted', 'rejected', 'flagged', 'accepted', 'in-progress', 'unreviewed', 'accepted'] as const
    const reviewed = records.map((r, i) => ({ ...r, review: { status: statuses[i]!, reviewer: 'ana', updatedAt: 1 } }))
    await writeFile(join(dir, 'reviewed.jsonl'), reviewed.map(episodeRecordLine).join(''))
    expect(await main(['export', DEMO, '--annotations', join(dir, 'reviewed.jsonl'), '--format', 'selection', '--episodes', '0-3,6', '--out', join(dir, 's')])).toBe(0)
    const line = (i: number) => `{"dataset_name":"demo","episode_name":"episode_00000${i}"}\n`
    expect(await readFile(join(dir, 's', 'selection', 'accepted.jsonl'), 'utf8')).toBe(line(0) + line(3) + line(6))
    expect(await readFile(join(dir, 's', 'selection', 'rejected.jsonl'), 'utf8')).toBe(line(1))
    expect(await readFile(join(dir, 's', 'selection', 'flagged.jsonl'), 'utf8')).toBe(line(2))
  })

  it.each<[string, string[], RegExp]>([
    ['no format', ['export', DEMO, '--out', 'x'], /--format is required/],
    ['an unknown format', ['export', DEMO, '--format', 'csv', '--out', 'x'], /unknown format 'csv'/],
    ['a bad episode list', ['export', DEMO, '--format', 'records', '--episodes', '5-2', '--out', 'x'], /runs backwards/],
    ['no output folder', ['export', DEMO, '--format', 'records'], /--out DIR is required/],
  ])('usage error: %s', async (_name, argv, message) => {
    expect(await main(argv)).toBe(2)
    expect(err.join('\n')).toMatch(message)
  })

  it('an episode the dataset does not have is an error; the others are still exported', async () => {
    expect(await main(['export', DEMO, '--format', 'proccorpus', '--episodes', '1,40', '--out', join(dir, 'o')])).toBe(1)
    expect(err.join('\n')).toMatch(/no episode 40/)
    expect(await files(join(dir, 'o'))).toEqual([join('v2', 'sub_task', 'demo', 'episode_000001.sub_task.jsonl')])
  })
})

describe('proclens export --format procvqa', () => {
  // Seeds and sampling are tested on the core (procvqa.test.ts); here, what the CLI adds: frames, JPEGs, files.
  it('writes records whose every <image> has its JPEG, and the same files for the same seed', async () => {
    const run = async (name: string, seed: string) => {
      expect(await main(['export', DEMO, '--format', 'procvqa', '--episodes', '0', '--seed', seed, '--out', join(dir, name)])).toBe(0)
      return files(join(dir, name))
    }
    const a = await run('a', '3')
    expect(await run('b', '3')).toEqual(a)
    for (const f of a) expect(await readFile(join(dir, 'b', f)), f).toEqual(await readFile(join(dir, 'a', f)))
    const jsonl = a.filter((f) => f.endsWith('.jsonl'))
    expect(jsonl.map((f) => f.split('/').slice(0, 2).join('/'))).toEqual(expect.arrayContaining(['a/demo', 'b/demo', 'c/demo']))
    const images = new Set(a.filter((f) => f.endsWith('.jpg')))
    let records = 0
    for (const f of jsonl) {
      for (const line of (await readFile(join(dir, 'a', f), 'utf8')).split('\n').filter((l) => l !== '')) {
        const record = JSON.parse(line) as { image: string[]; conversations: { from: string; value: string }[] }
        records++
        expect(record.conversations[0]!.value.split('<image>').length - 1).toBe(record.image.length)
        for (const path of record.image) {
          expect(path).toMatch(/^images\/demo\/observation\.images\.front\/episode_000000\/\d{6}\.jpg$/)
          expect(images.has(path), path).toBe(true)
        }
      }
    }
    expect(records).toBeGreaterThan(20)
    const jpeg = await readFile(join(dir, 'a', [...images][0]!))
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8])
  }, 120_000)
})
