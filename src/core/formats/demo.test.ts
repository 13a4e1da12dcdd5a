// The demo dataset's annotation files (public/demo/annotation, made by `npm run make-demo`): every raw proposal,
// flattened file and truth record imports without an error, and the flattened files are exactly ProcLens's
// export of the raw proposals (which is ProcVLM's flattening of them).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ProblemLog } from '../problems'
import { docToFlat } from './docToFlat'
import { docToProposal } from './docToProposal'
import { flatToDoc, importProcCorpus } from './flatToDoc'
import { flattenProposal } from './flatten'
import { parseProcCorpus, parseProcCorpusRows } from './procCorpus'
import { importVlmProposal } from './proposalToDoc'
import { parseRecords } from './records'
import { parseVlmProposal } from './vlmProposal'

const root = fileURLToPath(new URL('../../../public/demo/annotation', import.meta.url))
const rawDir = `${root}/sub_task_jsonl/demo`
const flatDir = `${root}/v2/sub_task/demo`
const truthDir = `${root}/truth`
const listed = (dir: string, suffix: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).sort() : [])
const errorsOf = (problems: readonly { severity: string }[]) => problems.filter((p) => p.severity === 'error')

describe.skipIf(!existsSync(rawDir) || !existsSync(flatDir))('the demo annotation files', () => {
  const rawFiles = listed(rawDir, '.sub_task.jsonl')
  const flatFiles = listed(flatDir, '.sub_task.jsonl')

  it('has a flattened file for every raw proposal', () => {
    expect(rawFiles.length).toBeGreaterThan(0)
    expect(flatFiles).toEqual(rawFiles)
  })

  it.each(rawFiles)('%s: raw imports without errors, round-trips, and flattens to the flattened file', (name) => {
    const rawText = readFileSync(`${rawDir}/${name}`, 'utf8')
    const flatText = readFileSync(`${flatDir}/${name}`, 'utf8')
    const flat = parseProcCorpus(flatText, new ProblemLog())
    const frameCount = flat.length
    const { doc, problems } = importVlmProposal(rawText, { file: `sub_task_jsonl/demo/${name}`, frameCount, fps: 30 })
    expect(errorsOf(problems)).toEqual([])
    expect(doc).toMatchObject({ dataset: 'demo', episode: name.replace('.sub_task.jsonl', ''), frameCount })
    const lines = parseVlmProposal(rawText).lines
    expect(docToProposal(doc!).lines).toStrictEqual(lines)
    expect(docToFlat(doc!).frames).toStrictEqual(flat)
    expect(flat).toStrictEqual(flattenProposal(lines, frameCount))
  })

  it.each(flatFiles)('%s: flat imports without errors and exports back unchanged', (name) => {
    const flatText = readFileSync(`${flatDir}/${name}`, 'utf8')
    const { doc, problems } = importProcCorpus(flatText, { file: `v2/sub_task/demo/${name}`, fps: 30 })
    expect(errorsOf(problems)).toEqual([])
    const rows = parseProcCorpusRows(flatText, new ProblemLog())
    expect(docToFlat(doc!).frames).toStrictEqual(rows.map((r) => r.frame))
    expect(flatToDoc(rows, { fps: 30 }).doc!.segments).toEqual(doc!.segments)
  })

  it.each(listed(truthDir, '.json'))('truth %s is a valid ProcLens record', (name) => {
    const log = new ProblemLog({ file: name })
    const docs = parseRecords(readFileSync(`${truthDir}/${name}`, 'utf8'), log)
    expect(log.problems).toEqual([])
    expect(docs).toHaveLength(1)
    expect(errorsOf(docToFlat(docs[0]!).problems)).toEqual([])
  })
})
