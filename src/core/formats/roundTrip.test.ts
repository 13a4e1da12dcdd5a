import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc } from '../annotation'
import { checkInvariants } from '../annotation'
import { docToFlat } from './docToFlat'
import { docToProposal } from './docToProposal'
import { flattenProposal, proposalIsDone } from './flatten'
import { flatToDoc } from './flatToDoc'
import type { FlatFrame, RawProposalLine, RawProposalSuccess, RawSubtask } from './procvlmTypes'
import { isRawSuccess } from './procvlmTypes'
import { proposalToDoc } from './proposalToDoc'
import { PROPOSAL_CASES } from '@/test/testLines'
import { parseVlmProposal, writeVlmProposal } from './vlmProposal'

const rows = (frames: readonly FlatFrame[]) => frames.map((frame, i) => ({ frame, line: i + 1 }))
const frameCountOf = (lines: readonly RawProposalLine[], given?: number) => given ?? Math.max(...lines.map((l) => l.task_end))

function importRaw(lines: readonly RawProposalLine[], frameCount: number): AnnotationDoc {
  const { doc } = proposalToDoc(lines, { frameCount, fps: 10 })
  expect(doc).toBeDefined()
  return doc!
}

/**
 * The three round trips every raw proposal ProcVLM could have written must pass (the flat one only when the
 * flat file lists each frame once: overlapping task segments list frames twice, which no document can hold).
 */
function checkRoundTrips(lines: readonly RawProposalLine[], frameCount: number, flatLossless: boolean): void {
  // Through the file text too, so what is compared is what would be on disk.
  const onDisk = parseVlmProposal(writeVlmProposal(lines)).lines
  const doc = importRaw(onDisk, frameCount)
  // raw -> doc -> raw gives the same lines.
  expect(docToProposal(doc).lines).toStrictEqual(onDisk)
  // doc -> flat is exactly ProcVLM's flattening of the raw file.
  const flat = docToFlat(doc).frames
  expect(flat).toStrictEqual(flattenProposal(onDisk, frameCount))
  if (!flatLossless) return
  // flat -> doc -> flat gives the same frames.
  const fromFlat = flatToDoc(rows(flat), { frameCount, fps: 10 }).doc!
  expect(checkInvariants(fromFlat)).toEqual([])
  expect(docToFlat(fromFlat).frames).toStrictEqual(flat)
}

describe('round trips over every proposal case', () => {
  const unreachable = new Set(['a task segment past the episode is cut'])
  it.each(Object.entries(PROPOSAL_CASES).filter(([name]) => !unreachable.has(name)))('%s', (_name, c) => {
    checkRoundTrips(c.lines, frameCountOf(c.lines, c.frames), !c.kinds.includes('overlapping-tasks'))
  })

  it('a task segment past the episode is cut, so its end is what changes (reported as an error)', () => {
    const c = PROPOSAL_CASES['a task segment past the episode is cut']!
    const out = docToProposal(importRaw(c.lines, 12)).lines
    expect(out).toStrictEqual([{ ...c.lines[0], task_end: 12 }])
  })
})

const nameArb = fc.constantFrom('Grasp the cup.', 'Place the cup onto the plate.', 'Push the plate left.', 'Open the drawer.', 'Grasp the cup.', 'Done', 'done')
const notesArb = fc.option(fc.constantFrom('', 'not present', 'closed at 8', 'task not completed'), { nil: undefined })

/** Raw success lines as a VLM could answer: frames anywhere around the task, null often, names repeating. */
function rawLineArb(frameCount: number): fc.Arbitrary<RawProposalSuccess> {
  return fc.tuple(fc.integer({ min: 0, max: frameCount - 1 }), fc.integer({ min: 1, max: frameCount })).chain(([a, b]) => {
    const ts = Math.min(a, b - 1 < a ? a : b - 1)
    const te = Math.max(ts + 1, b)
    const frame = fc.option(fc.integer({ min: ts - 2, max: te + 2 }), { nil: null, freq: 3 })
    const subtask = fc.record({ name: nameArb, start: frame, complete: frame, notes: notesArb })
    return fc.record({
      subtasks: fc.array(subtask, { maxLength: 7 }),
      overall: fc.option(fc.constantFrom('', 'All good.', 'The cup fell. Task NOT COMPLETED.'), { nil: undefined }),
      taskId: fc.integer({ min: 0, max: 3 }),
    }).map(({ subtasks, overall, taskId }) => {
      const list: RawSubtask[] = subtasks.map((s, i) => {
        const r: RawSubtask = { id: i + 1, name: s.name, start_frame: s.start === null ? null : Math.max(0, s.start), complete_frame: s.complete === null ? null : Math.max(0, s.complete) }
        if (s.notes !== undefined) r.notes = s.notes
        return r
      })
      const line: RawProposalSuccess = { task_id: taskId, task_start: ts, task_end: te, results: { task: 'put the cup on the plate', subtasks: list } }
      if (overall !== undefined) line.results.overall_notes = overall
      return line
    })
  })
}

describe('properties', () => {
  it('any raw proposal line: raw -> doc -> raw is the identity and doc -> flat is ProcVLM\'s flattening', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), rawLineArb(n))), ([n, line]) => {
      const doc = importRaw([line], n)
      expect(checkInvariants(doc)).toEqual([])
      expect(docToProposal(doc).lines).toStrictEqual([line])
      expect(docToFlat(doc).frames).toStrictEqual(flattenProposal([line], n))
    }), { numRuns: 500 })
  })

  it('any raw file (several task segments, failure lines): raw -> doc -> raw is the identity', () => {
    const fileArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(
      fc.constant(n),
      fc.array(fc.oneof(rawLineArb(n), rawLineArb(n).map((l): RawProposalLine => ({ task_id: l.task_id, task_start: l.task_start, task_end: l.task_end, generated_text: 'oops' }))), { minLength: 1, maxLength: 4 }),
    ))
    fc.assert(fc.property(fileArb, ([n, lines]) => {
      const doc = importRaw(lines, n)
      expect(docToProposal(doc).lines).toStrictEqual(lines)
      expect(docToFlat(doc).frames).toStrictEqual(flattenProposal(lines, n))
    }), { numRuns: 300 })
  })

  it('any valid document: ProcVLM reads its outcome, and each completed step labels its own frames', () => {
    fc.assert(fc.property(docArb, (doc) => {
      const line = docToProposal(doc).lines.find(isRawSuccess)
      const inside = doc.segments.filter((s) => s.kind !== 'outside')
      if (line === undefined) {
        expect(inside).toEqual([])
        return
      }
      const completed = doc.segments.some((s) => s.kind === 'step' && s.state === 'completed')
      expect(proposalIsDone(line)).toBe(doc.outcome.kind === 'done' && completed)
      const flat = docToFlat(doc).frames
      const taskEnd = inside[inside.length - 1]!.end
      for (const s of doc.segments) {
        if (s.kind !== 'step' || s.state !== 'completed') continue
        for (let f = s.start; f < Math.min(s.end, taskEnd - 1); f++) expect(flat[f]!.sub_task).toBe(s.label)
      }
    }), { numRuns: 500 })
  })

  it('any valid document: flat export -> import -> export is a fixed point', () => {
    fc.assert(fc.property(docArb, (doc) => {
      expect(checkInvariants(doc)).toEqual([])
      const flat = docToFlat(doc).frames
      const again = flatToDoc(rows(flat), { frameCount: doc.frameCount, fps: doc.fps }).doc!
      expect(docToFlat(again).frames).toStrictEqual(flat)
      // And the flat export is ProcVLM's flattening of the raw export.
      expect(flat).toStrictEqual(flattenProposal(docToProposal(doc).lines, doc.frameCount))
    }), { numRuns: 500 })
  })
})

/** Random sound documents: outside edges, steps (some incomplete), an optional tail, any outcome. */
const docArb: fc.Arbitrary<AnnotationDoc> = fc.record({
  before: fc.nat({ max: 3 }),
  after: fc.nat({ max: 3 }),
  steps: fc.array(fc.record({ len: fc.integer({ min: 1, max: 6 }), label: nameArb, incomplete: fc.boolean(), notes: fc.constantFrom('', 'a note') }), { maxLength: 6 }),
  tail: fc.nat({ max: 4 }),
  outcome: fc.constantFrom({ kind: 'done' as const }, { kind: 'not-done' as const, cutoff: 0.5 }, { kind: 'failed' as const }),
}).filter((r) => r.steps.length > 0 || r.tail > 0 || r.before + r.after > 0).map((r) => {
  const segments: AnnotationDoc['segments'] = []
  let f = 0
  const push = (len: number, part: Omit<AnnotationDoc['segments'][number], 'id' | 'start' | 'end'>) => {
    segments.push({ id: `s${segments.length + 1}`, start: f, end: f + len, ...part })
    f += len
  }
  if (r.before > 0) push(r.before, { kind: 'outside', label: '', notes: '', state: 'completed' })
  for (const s of r.steps) push(s.len, { kind: 'step', label: s.label, notes: s.notes, state: s.incomplete ? 'incomplete' : 'completed' })
  if (r.tail > 0) push(r.tail, { kind: 'tail', label: '', notes: '', state: 'completed' })
  if (r.after > 0) push(r.after, { kind: 'outside', label: '', notes: '', state: 'completed' })
  return {
    schemaVersion: 1, dataset: 'demo', episode: 'episode_000001', episodeIndex: 1, task: 'put the cup on the plate',
    frameCount: f, fps: 10, segments, outcome: r.outcome, provenance: {},
  } satisfies AnnotationDoc
})
