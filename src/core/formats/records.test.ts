import { describe, expect, it } from 'vitest'
import type { AnnotationDoc } from '../annotation'
import { ProblemLog } from '../problems'
import { detectFormat } from './detectFormat'
import { docToFlat } from './docToFlat'
import { docToProposal } from './docToProposal'
import { proposalToDoc } from './proposalToDoc'
import { episodeRecordLine, parseEpisodeRecords, parseRecord, parseRecords, recordsToJsonl, recordToJson, RECORD_FORMAT, toRecord } from './records'
import { failure, PROPOSAL_CASES } from '@/test/testLines'

const docs: AnnotationDoc[] = Object.values(PROPOSAL_CASES).map((c) => proposalToDoc(c.lines, { frameCount: c.frames ?? 40, fps: 10, file: 'd/episode_000004.sub_task.jsonl' }).doc!)

const doc = docs[0]!

describe('records', () => {
  it('one record as JSON: every imported document comes back equal, memo included, and exports the same', () => {
    for (const doc of docs) {
      const log = new ProblemLog()
      const back = parseRecords(recordToJson(doc), log)
      expect(log.problems).toEqual([])
      expect(back).toEqual([doc])
      expect(docToProposal(back[0]!)).toEqual(docToProposal(doc))
      expect(docToFlat(back[0]!)).toEqual(docToFlat(doc))
    }
  })

  it('many records as JSON Lines', () => {
    const log = new ProblemLog()
    const text = recordsToJsonl(docs)
    expect(text.split('\n').filter((l) => l !== '')).toHaveLength(docs.length)
    expect(parseRecords(text, log)).toEqual(docs)
    expect(log.problems).toEqual([])
  })

  const record = toRecord(doc) as unknown as Record<string, unknown>
  it.each<[string, unknown, string, RegExp]>([
    ['not a record', { hello: 1 }, 'not-a-record', /proclens\.annotation/],
    ['a newer schema', { ...record, schemaVersion: 99 }, 'record-too-new', /99 is newer/],
    ['an older schema than any migration', { ...record, schemaVersion: 0 }, 'record-too-old', /older/],
    ['a bad field', { ...record, doc: { ...doc, fps: -1 } }, 'invalid-record', /fps/],
    ['a bad memo', { ...record, doc: { ...doc, provenance: { ...doc.provenance, rawProposal: { lineIndex: 0, steps: { s1: { order: 'x' } }, unplaced: [], otherLines: [] } } } }, 'invalid-record', /provenance\.rawProposal\.steps\.s1/],
    ['broken invariants', { ...record, doc: { ...doc, frameCount: doc.frameCount + 5 } }, 'invalid-record', /invariants/],
  ])('%s', (_name, value, kind, message) => {
    const log = new ProblemLog({ file: 'r.record.json' })
    expect(parseRecord(value, log, { line: 3 })).toBeUndefined()
    expect(log.problems).toHaveLength(1)
    expect(log.problems[0]).toMatchObject({ kind, severity: 'error', file: 'r.record.json', line: 3 })
    expect(log.problems[0]!.message).toMatch(message)
  })

  it('a pretty record with a syntax error is one problem, not one per line', () => {
    const log = new ProblemLog()
    expect(parseRecords(recordToJson(doc).replace('"episode"', '"episode'), log)).toEqual([])
    expect(log.problems.map((p) => p.kind)).toEqual(['malformed-json'])
  })

  it('a bad line among good JSON Lines is skipped with its line number', () => {
    const log = new ProblemLog()
    const text = `${JSON.stringify(toRecord(doc))}\n{"format": "${RECORD_FORMAT}"}\n${JSON.stringify(toRecord(docs[1]!))}\n`
    expect(parseRecords(text, log)).toEqual([doc, docs[1]])
    expect(log.problems.map((p) => [p.kind, p.line])).toEqual([['not-a-record', 2]])
  })
})

describe('detectFormat', () => {
  it.each([
    ['a pretty record', recordToJson(doc), 'record'],
    ['records as JSON Lines', recordsToJsonl(docs.slice(0, 2)), 'record'],
    ['a raw proposal', JSON.stringify(failure([0, 10])), 'vlm-proposal'],
    ['a raw proposal after a malformed line', `oops\n${JSON.stringify(failure([0, 10]))}`, 'vlm-proposal'],
    ['a flattened file', '{"frame_id": 0, "task": "t", "sub_task": "done"}\n', 'proccorpus-flat'],
    ['anything else', '{"episode": "a", "frame_index": 0, "progress": 1}', undefined],
    ['nothing', '', undefined],
  ])('%s', (_name, text, format) => {
    expect(detectFormat(text)).toBe(format)
  })
})

describe('records with review and edit log', () => {
  const before = docs[0]!
  const moved = { ...before, segments: before.segments.map((s, i) => (i === 0 ? { ...s, end: s.end - 1 } : i === 1 ? { ...s, start: s.start - 1 } : s)) }
  const history = {
    past: [{ label: 'Move boundary', segments: before.segments, outcome: before.outcome }],
    future: [{ label: 'Set outcome', segments: moved.segments, outcome: { kind: 'not-done' as const, cutoff: 0.5 } }],
    cap: 200,
  }
  const review = { status: 'flagged' as const, reason: 'gripper hidden', reviewer: 'ana', startedAt: 1, updatedAt: 2 }

  it('come back whole, and older readers of the document still see the same document', () => {
    const log = new ProblemLog()
    const line = episodeRecordLine({ doc: moved, review, history })
    expect(parseEpisodeRecords(line, log)).toEqual([{ doc: moved, review, history }])
    expect(parseRecords(line, log)).toEqual([moved])
    expect(log.problems).toEqual([])
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown status', { review: { status: 'done' } }, /review dropped/],
    ['an edit log without cap', { history: { past: [], future: [] } }, /edit log dropped/],
    ['an edit-log state with a gap', { history: { ...history, past: [{ label: 'x', segments: [{ ...before.segments[0]!, end: 1 }], outcome: { kind: 'done' } }] } }, /1 edit-log step\(s\)/],
  ])('%s is dropped with a warning; the document is kept', (_name, extra, message) => {
    const log = new ProblemLog()
    const [back] = parseEpisodeRecords(JSON.stringify({ ...toRecord(moved), ...extra }), log)
    expect(back?.doc).toEqual(moved)
    expect(log.problems.map((p) => `${p.severity} ${p.message}`).join('\n')).toMatch(message)
    expect(log.problems.every((p) => p.severity === 'warning')).toBe(true)
  })
})
