/**
 * ProcLens's own lossless record format: one JSON document per episode (or JSON Lines of them), carrying the
 * whole `AnnotationDoc` with its provenance. Everything ProcLens writes carries `schemaVersion`, is validated
 * on read, and old versions are migrated forward here.
 */
import { z } from 'zod'
import type { AnnotationDoc } from '../annotation'
import { checkInvariants, SCHEMA_VERSION } from '../annotation'
import type { ProblemLog } from '../problems'
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

/** The on-disk envelope. */
export interface AnnotationRecord {
  format: typeof RECORD_FORMAT
  schemaVersion: typeof SCHEMA_VERSION
  doc: AnnotationDoc
}

/** The record for `doc`, ready for `JSON.stringify`. */
export function toRecord(doc: AnnotationDoc): AnnotationRecord {
  return { format: RECORD_FORMAT, schemaVersion: SCHEMA_VERSION, doc }
}

/** Pretty JSON for one record (a `.record.json` file): stable key order as built, two-space indent, trailing newline. */
export function recordToJson(doc: AnnotationDoc): string {
  return `${JSON.stringify(toRecord(doc), null, 2)}\n`
}

/** JSON Lines of records (a `.records.jsonl` file): one compact record per line. */
export function recordsToJsonl(docs: readonly AnnotationDoc[]): string {
  return toJsonl(docs.map(toRecord))
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

/**
 * Read a record (already parsed from JSON). Returns the document, or `undefined` with the problems logged;
 * a document whose invariants fail is reported and not returned.
 */
export function parseRecord(value: unknown, log: ProblemLog, where: { line?: number } = {}): AnnotationDoc | undefined {
  const envelope = z.object({ format: z.literal(RECORD_FORMAT), schemaVersion: z.number().int(), doc: z.unknown() }).safeParse(value)
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
  return doc
}

/**
 * Read a records file: one JSON record (pretty or compact) or JSON Lines of records. Bad records are reported
 * with their line and skipped.
 */
export function parseRecords(text: string, log: ProblemLog): AnnotationDoc[] {
  let whole: unknown
  try {
    whole = JSON.parse(text)
  } catch {
    whole = undefined
  }
  if (whole !== undefined) {
    const doc = parseRecord(whole, log)
    return doc === undefined ? [] : [doc]
  }
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  if (!firstLine.trim().endsWith('}')) {
    // Not JSON Lines either: a pretty-printed record with a syntax error. One problem, not one per line.
    log.error('malformed-json', 'not valid JSON (neither one record nor JSON Lines of records)')
    return []
  }
  return parseJsonl(text, log).flatMap(({ line, value }) => parseRecord(value, log, { line }) ?? [])
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
