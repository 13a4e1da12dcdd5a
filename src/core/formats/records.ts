/**
 * ProcLens's own lossless record format: one JSON document per episode (or JSON Lines of them), carrying the
 * whole `AnnotationDoc` with its provenance. Everything ProcLens writes carries `schemaVersion`, is validated
 * on read, and old versions are migrated forward here.
 */
import { z } from 'zod'
import type { AnnotationDoc, Outcome, Segment } from '../annotation'
import { checkInvariants, SCHEMA_VERSION } from '../annotation'
import type { ProblemLog } from '../problems'
import type { ReviewState } from '../review'
import { REVIEW_STATUSES } from '../review'
import { looksLikeJsonlWith, reportUnrecognised } from './fileShape'
import { isObject, parseJsonl, toJsonl } from './jsonl'

export const RECORD_FORMAT = 'proclens.annotation'

const budget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weight'), weight: z.number().positive() }),
  z.object({ kind: z.literal('locked'), share: z.number().min(0).max(1) }),
])

const segment = z.object({
  id: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  kind: z.enum(['step', 'tail', 'outside']),
  label: z.string(),
  notes: z.string(),
  state: z.enum(['completed', 'incomplete']),
  budget: budget.optional(),
})

const outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done') }),
  z.object({ kind: z.literal('not-done'), cutoff: z.number().min(0).max(1) }),
  z.object({ kind: z.literal('failed') }),
])

const frameOrNull = z.number().int().nullable()

const rawSubtask = z.object({
  id: z.number(),
  name: z.string(),
  notes: z.string().optional(),
  start_frame: frameOrNull,
  complete_frame: frameOrNull,
})

const rawLine = z.union([
  z.object({
    task_id: z.number().int(),
    task_start: z.number().int(),
    task_end: z.number().int(),
    results: z.object({ task: z.string(), subtasks: z.array(rawSubtask), overall_notes: z.string().optional() }),
  }),
  z.object({ task_id: z.number().int(), task_start: z.number().int(), task_end: z.number().int(), generated_text: z.string() }),
])

const rawProposalMemo = z.object({
  lineIndex: z.number().int().nonnegative(),
  steps: z.record(z.string(), z.object({
    order: z.number(),
    id: z.number(),
    startFrame: frameOrNull,
    completeFrame: frameOrNull,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    noNotes: z.literal(true).optional(),
  })),
  unplaced: z.array(z.object({ order: z.number(), subtask: rawSubtask, after: z.string().optional() })),
  otherLines: z.array(z.object({ index: z.number().int().nonnegative(), line: rawLine })),
})

const provenance = z.object({
  sourceFile: z.string().optional(),
  sourceFormat: z.enum(['vlm-proposal', 'proccorpus-flat', 'record', 'generator', 'empty']).optional(),
  proposal: z.object({ segments: z.array(segment), outcome }).optional(),
  overallNotes: z.string().optional(),
  finishReason: z.string().optional(),
  taskIndex: z.number().int().optional(),
  rawProposal: rawProposalMemo.optional(),
})

const review = z.object({
  status: z.enum(REVIEW_STATUSES as unknown as ['unreviewed', ...string[]]),
  reason: z.string().optional(),
  reviewer: z.string().optional(),
  startedAt: z.number().optional(),
  updatedAt: z.number().optional(),
})

const historyEntry = z.object({ label: z.string(), segments: z.array(segment).min(1), outcome })

const history = z.object({ past: z.array(historyEntry), future: z.array(historyEntry), cap: z.number().int().positive() })

export const annotationDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  dataset: z.string(),
  episode: z.string(),
  episodeIndex: z.number().int().nonnegative(),
  task: z.string(),
  frameCount: z.number().int().positive(),
  fps: z.number().positive(),
  segments: z.array(segment).min(1),
  outcome,
  provenance,
})

/** One step of a saved undo history: the segments and outcome it recorded, and the label of the change. */
export interface RecordHistoryEntry {
  label: string
  segments: Segment[]
  outcome: Outcome
}

/**
 * The edit log: the document's undo history (oldest first) and redo steps (next first), as the editor keeps
 * it. Only segments and outcome change under edits; the rest of each state is the record's `doc`.
 */
export interface RecordHistory {
  past: RecordHistoryEntry[]
  future: RecordHistoryEntry[]
  cap: number
}

/** The on-disk envelope. `review` and `history` are optional: files written before they existed still read. */
export interface AnnotationRecord {
  format: typeof RECORD_FORMAT
  schemaVersion: typeof SCHEMA_VERSION
  doc: AnnotationDoc
  review?: ReviewState
  history?: RecordHistory
}

/** Everything a record holds about one episode: the corrected document, its review and its edit log. */
export interface EpisodeRecord {
  doc: AnnotationDoc
  review?: ReviewState
  history?: RecordHistory
}

/** The record for `doc` (with its review and edit log, when given), ready for `JSON.stringify`. */
export function toRecord(doc: AnnotationDoc, extra: Omit<EpisodeRecord, 'doc'> = {}): AnnotationRecord {
  const record: AnnotationRecord = { format: RECORD_FORMAT, schemaVersion: SCHEMA_VERSION, doc }
  if (extra.review !== undefined) record.review = extra.review
  if (extra.history !== undefined) record.history = extra.history
  return record
}

/** Pretty JSON for one record (a `.record.json` file): stable key order as built, two-space indent, trailing newline. */
export function recordToJson(doc: AnnotationDoc): string {
  return `${JSON.stringify(toRecord(doc), null, 2)}\n`
}

/** JSON Lines of records (a `.records.jsonl` file): one compact record per line. */
export function recordsToJsonl(docs: readonly AnnotationDoc[]): string {
  return toJsonl(docs.map((d) => toRecord(d)))
}

/**
 * One line of a `.records.jsonl` file for an episode with its review and edit log (newline included). Keys
 * come out in the schema's order whatever order the document was built in, so a record read back and written
 * again is the same bytes (exports compare byte for byte).
 */
export function episodeRecordLine(record: EpisodeRecord): string {
  const canonical: EpisodeRecord = { doc: annotationDocSchema.parse(record.doc) as AnnotationDoc }
  if (record.review !== undefined) canonical.review = review.parse(record.review) as ReviewState
  if (record.history !== undefined) canonical.history = history.parse(record.history) as RecordHistory
  return toJsonl([toRecord(canonical.doc, canonical)])
}

/**
 * Upgrades from one schema version to the next: `MIGRATIONS[v]` turns a version-`v` doc into a version-`v + 1`
 * doc. A record is migrated step by step up to `SCHEMA_VERSION` before it is validated, so old files keep
 * loading; adding a version means bumping `SCHEMA_VERSION` and adding its predecessor's step here.
 */
export const MIGRATIONS: Readonly<Record<number, (doc: unknown) => unknown>> = {}

/** The oldest schema version this ProcLens can read. */
export const OLDEST_SCHEMA_VERSION = 1

/** Describe the first few zod issues as `path: message`, for a problem a person can act on. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  return shown.join('; ') + more
}

// Built once: building a zod schema costs about a millisecond, which was most of the time of reading a record.
const ENVELOPE = z.object({
  format: z.literal(RECORD_FORMAT), schemaVersion: z.number().int(), doc: z.unknown(), review: z.unknown().optional(), history: z.unknown().optional(),
})

/**
 * Read a record (already parsed from JSON). Returns the document, or `undefined` with the problems logged;
 * a document whose invariants fail is reported and not returned.
 */
export function parseRecord(value: unknown, log: ProblemLog, where: { line?: number } = {}): AnnotationDoc | undefined {
  return parseEpisodeRecord(value, log, where)?.doc
}

/**
 * Read a record with its review and edit log. A review or edit log that does not validate is dropped with a
 * warning (the document is what matters); history states that break the document invariants are dropped too.
 */
export function parseEpisodeRecord(value: unknown, log: ProblemLog, where: { line?: number } = {}): EpisodeRecord | undefined {
  const envelope = ENVELOPE.safeParse(value)
  if (!envelope.success) {
    log.error('not-a-record', `not a ProcLens annotation record (expected "format": "${RECORD_FORMAT}" and an integer "schemaVersion")`, where)
    return undefined
  }
  const version = envelope.data.schemaVersion
  if (version > SCHEMA_VERSION) {
    log.error('record-too-new', `record schemaVersion ${version} is newer than this ProcLens (${SCHEMA_VERSION}); update ProcLens`, where)
    return undefined
  }
  const migrated = migrate(version, envelope.data.doc)
  if (migrated === undefined) {
    log.error('record-too-old', `record schemaVersion ${version} is older than any this ProcLens reads (${OLDEST_SCHEMA_VERSION} to ${SCHEMA_VERSION})`, where)
    return undefined
  }
  const parsed = annotationDocSchema.safeParse(migrated)
  if (!parsed.success) {
    const episode = isObject(migrated) && typeof migrated.episode === 'string' ? { episode: migrated.episode } : {}
    log.error('invalid-record', `invalid record: ${describeIssues(parsed.error.issues)}`, { ...where, ...episode })
    return undefined
  }
  const doc = parsed.data as AnnotationDoc
  const broken = checkInvariants(doc)
  if (broken.length > 0) {
    log.error('invalid-record', `record breaks the document invariants: ${broken.join('; ')}`, { ...where, episode: doc.episode })
    return undefined
  }
  const out: EpisodeRecord = { doc }
  const here = { ...where, episode: doc.episode }
  if (envelope.data.review !== undefined) {
    const r = review.safeParse(envelope.data.review)
    if (r.success) out.review = r.data as ReviewState
    else log.warn('invalid-review', `review dropped: ${describeIssues(r.error.issues)}`, here)
  }
  if (envelope.data.history !== undefined) {
    const h = history.safeParse(envelope.data.history)
    if (!h.success) log.warn('invalid-history', `edit log dropped: ${describeIssues(h.error.issues)}`, here)
    else {
      const entries = h.data as RecordHistory
      const sound = (e: RecordHistoryEntry): boolean => checkInvariants({ ...doc, segments: e.segments, outcome: e.outcome }).length === 0
      const kept = { past: entries.past.filter(sound), future: entries.future.filter(sound), cap: entries.cap }
      const dropped = entries.past.length + entries.future.length - kept.past.length - kept.future.length
      if (dropped > 0) log.warn('invalid-history', `${dropped} edit-log step(s) break the document invariants and were dropped`, here)
      out.history = kept
    }
  }
  return out
}

/**
 * Read a records file: one JSON record (pretty or compact) or JSON Lines of records. Bad records are reported
 * with their line and skipped.
 */
export function parseRecords(text: string, log: ProblemLog): AnnotationDoc[] {
  return parseEpisodeRecords(text, log).map((r) => r.doc)
}

/** {@link parseRecords}, keeping each record's review and edit log. */
export function parseEpisodeRecords(text: string, log: ProblemLog): EpisodeRecord[] {
  let whole: unknown
  try {
    whole = JSON.parse(text)
  } catch {
    whole = undefined
  }
  if (whole !== undefined) {
    const record = parseEpisodeRecord(whole, log)
    return record === undefined ? [] : [record]
  }
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  if (!firstLine.trim().endsWith('}')) {
    // Not JSON Lines either: a pretty-printed record with a syntax error. One problem, not one per line.
    log.error('malformed-json', 'not valid JSON (neither one record nor JSON Lines of records)')
    return []
  }
  if (!looksLikeJsonlWith(text, ['format', 'schemaVersion', 'doc'])) {
    // Another format's JSON Lines: one error saying so, not a not-a-record per line.
    reportUnrecognised(text, `ProcLens records: a JSON object per line with "format": "${RECORD_FORMAT}", "schemaVersion" and "doc"`, log)
    return []
  }
  return parseJsonl(text, log).flatMap(({ line, value }) => parseEpisodeRecord(value, log, { line }) ?? [])
}

/** Bring a version-`fromVersion` doc up to `SCHEMA_VERSION`; undefined when no migration path exists. */
function migrate(fromVersion: number, doc: unknown): unknown {
  if (fromVersion < OLDEST_SCHEMA_VERSION) return undefined
  let current = doc
  for (let v = fromVersion; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v]
    if (step === undefined) return undefined
    current = step(current)
  }
  return current
}
