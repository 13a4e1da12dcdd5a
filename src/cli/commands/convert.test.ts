import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flattenProposal } from '../../core/formats/flatten'
import { parseProcCorpus, writeProcCorpus } from '../../core/formats/procCorpus'
import { parseRecords } from '../../core/formats/records'
import { failure, GRASP, PLACE, sub, success } from '@/test/testLines'
import { parseVlmProposal, writeVlmProposal } from '../../core/formats/vlmProposal'
import { ProblemLog } from '../../core/problems'
import { main } from '../main'

let dir: string
let out: string[]
let err: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proclens-convert-'))
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
})

afterEach(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

const rawA = [success([0, 20], [sub(1, GRASP, [0, 8], 'closed'), sub(2, PLACE, [8, 14])], { notes: 'ok' })]
const rawB = [success([2, 16], [sub(1, GRASP, [2, 6]), sub(2, PLACE, [6, null])], { notes: 'task not completed' }), failure([16, 30])]

async function put(path: string, text: string): Promise<string> {
  const full = join(dir, path)
  await mkdir(join(full, '..'), { recursive: true })
  await writeFile(full, text)
  return full
}

const read = (path: string) => readFile(join(dir, path), 'utf8')

describe('proclens convert', () => {
  it('raw proposal file -> flat file: ProcVLM\'s flattening, exit 0', async () => {
    const input = await put('sub_task_jsonl/demo/episode_000001.sub_task.jsonl', writeVlmProposal(rawA))
    const code = await main(['convert', input, '--to', 'flat', '--out', join(dir, 'flat.sub_task.jsonl'), '--frames', '24'])
    expect(code).toBe(0)
    expect(await read('flat.sub_task.jsonl')).toBe(writeProcCorpus(flattenProposal(rawA, 24)))
    expect(err.at(-1)).toMatch(/converted 1 episode\(s\) to flat .* \(0 error\(s\), 1 warning\(s\)\)/)
    expect(err.join('\n')).toMatch(/notes-not-exported/)
  })

  it('a folder keeps its sub-folders and ProcVLM\'s file names, and skips other files', async () => {
    await put('raw/demo/episode_000001.sub_task.jsonl', writeVlmProposal(rawA))
    await put('raw/demo/episode_000002.sub_task.jsonl', writeVlmProposal(rawB))
    await put('raw/demo/episode_000001.plan.jsonl', '{"frame_id": 0, "task_start": 0, "plan": []}\n')
    await put('raw/demo/borders.pkl', 'x')
    const code = await main(['convert', join(dir, 'raw'), '--to', 'flat', '--out', join(dir, 'v2/sub_task'), '--json'])
    expect(code).toBe(0)
    expect(await readdir(join(dir, 'v2/sub_task/demo'))).toEqual(['episode_000001.sub_task.jsonl', 'episode_000002.sub_task.jsonl'])
    expect(await read('v2/sub_task/demo/episode_000002.sub_task.jsonl')).toBe(writeProcCorpus(flattenProposal(rawB, 30)))
    const json = JSON.parse(out.join('\n')) as { converted: { dataset: string; episode: string; output: string }[]; problems: { kind: string }[] }
    expect(json.converted.map((c) => [c.dataset, c.episode])).toEqual([['demo', 'episode_000001'], ['demo', 'episode_000002']])
    expect(json.problems.map((p) => p.kind)).toContain('frame-count-unknown')
    expect(json.problems.map((p) => p.kind)).not.toContain('fps-assumed')
  })

  it('raw -> records -> proposal gives the raw file back; records -> flat equals raw -> flat', async () => {
    const input = await put('episode_000002.sub_task.jsonl', writeVlmProposal(rawB))
    expect(await main(['convert', input, '--to', 'records', '--out', join(dir, 'r.record.json'), '--fps', '15', '--dataset', 'demo'])).toBe(0)
    const log = new ProblemLog()
    const [doc] = parseRecords(await read('r.record.json'), log)
    expect(doc).toMatchObject({ dataset: 'demo', episode: 'episode_000002', fps: 15, frameCount: 30 })
    expect(await main(['convert', join(dir, 'r.record.json'), '--to', 'proposal', '--out', join(dir, 'back.sub_task.jsonl')])).toBe(0)
    expect(parseVlmProposal(await read('back.sub_task.jsonl')).lines).toStrictEqual(rawB)
    expect(await main(['convert', join(dir, 'r.record.json'), '--to', 'flat', '--out', join(dir, 'flat.jsonl')])).toBe(0)
    expect(parseProcCorpus(await read('flat.jsonl'), log)).toEqual(flattenProposal(rawB, 30))
  })

  it('flat folder -> one records JSONL -> folder of flat files, unchanged', async () => {
    await put('flat/demo/episode_000001.sub_task.jsonl', writeProcCorpus(flattenProposal(rawA, 24)))
    await put('flat/demo/episode_000002.sub_task.jsonl', writeProcCorpus(flattenProposal(rawB, 30)))
    expect(await main(['convert', join(dir, 'flat'), '--to', 'records', '--out', join(dir, 'all.records.jsonl')])).toBe(0)
    expect(err.join('\n')).toMatch(/fps-assumed/)
    expect(await main(['convert', join(dir, 'all.records.jsonl'), '--to', 'flat', '--out', join(dir, 'again')])).toBe(0)
    expect(await read('again/episode_000001.sub_task.jsonl')).toBe(await read('flat/demo/episode_000001.sub_task.jsonl'))
    expect(await read('again/episode_000002.sub_task.jsonl')).toBe(await read('flat/demo/episode_000002.sub_task.jsonl'))
  })

  it('a folder to records writes one .record.json per episode', async () => {
    await put('raw/demo/episode_000001.sub_task.jsonl', writeVlmProposal(rawA))
    expect(await main(['convert', join(dir, 'raw'), '--to', 'records', '--out', join(dir, 'rec')])).toBe(0)
    expect(await readdir(join(dir, 'rec/demo'))).toEqual(['episode_000001.record.json'])
  })

  it('a folder of plain .json records is converted; other .json files there are skipped', async () => {
    await put('raw/demo/episode_000001.sub_task.jsonl', writeVlmProposal(rawA))
    expect(await main(['convert', join(dir, 'raw'), '--to', 'records', '--out', join(dir, 'rec'), '--fps', '30'])).toBe(0)
    await put('truth/episode_000001.json', await read('rec/demo/episode_000001.record.json'))
    await put('truth/info.json', '{"fps": 30}')
    expect(await main(['convert', join(dir, 'truth'), '--to', 'flat', '--out', join(dir, 'flat'), '--json'])).toBe(0)
    expect(await readdir(join(dir, 'flat'))).toEqual(['episode_000001.sub_task.jsonl'])
    expect(await read('flat/episode_000001.sub_task.jsonl')).toBe(writeProcCorpus(flattenProposal(rawA, 20)))
  })

  it('bad input: converts what it can, lists the problems, exits 1', async () => {
    const input = await put('demo/episode_000003.sub_task.jsonl', `not json\n${writeVlmProposal(rawA)}`)
    const code = await main(['convert', input, '--to', 'flat', '--out', join(dir, 'o.sub_task.jsonl'), '--frames', '24'])
    expect(code).toBe(1)
    expect(err.join('\n')).toMatch(/episode_000003\.sub_task\.jsonl:1 \[episode_000003\] error malformed-json/)
    expect(await read('o.sub_task.jsonl')).toBe(writeProcCorpus(flattenProposal(rawA, 24)))
  })

  it.each([
    ['an unknown format', '{"episode": "a", "frame_index": 0, "progress": 50}\n', /unknown-format/],
    ['an empty flat file', '\n', /unknown-format/],
  ])('exits 1 on %s', async (_name, text, message) => {
    const input = await put('x.sub_task.jsonl', text)
    expect(await main(['convert', input, '--to', 'flat', '--out', join(dir, 'o')])).toBe(1)
    expect(err.join('\n')).toMatch(message)
  })

  it('exits 1 on a missing input', async () => {
    expect(await main(['convert', join(dir, 'nope.sub_task.jsonl'), '--to', 'flat', '--out', join(dir, 'o')])).toBe(1)
    expect(err.join('\n')).toMatch(/file-not-readable/)
  })

  it.each([
    ['no input', ['--to', 'flat', '--out', 'o']],
    ['two inputs', ['a', 'b', '--to', 'flat', '--out', 'o']],
    ['no --to', ['a', '--out', 'o']],
    ['a bad --to', ['a', '--to', 'csv', '--out', 'o']],
    ['no --out', ['a', '--to', 'flat']],
    ['a bad --frames', ['a', '--to', 'flat', '--out', 'o', '--frames', '2.5']],
    ['a bad --fps', ['a', '--to', 'flat', '--out', 'o', '--fps', '0']],
    ['an unknown option', ['a', '--to', 'flat', '--out', 'o', '--verbose']],
  ])('exits 2 on %s', async (_name, args) => {
    expect(await main(['convert', ...args])).toBe(2)
    expect(err.join('\n')).toMatch(/Usage: proclens convert/)
  })

  it('exits 2 when several episodes are sent to one .json file', async () => {
    await put('raw/demo/episode_000001.sub_task.jsonl', writeVlmProposal(rawA))
    await put('raw/demo/episode_000002.sub_task.jsonl', writeVlmProposal(rawB))
    expect(await main(['convert', join(dir, 'raw'), '--to', 'records', '--out', join(dir, 'one.json')])).toBe(2)
  })
})
