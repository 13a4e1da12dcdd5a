/**
 * Checks a SARM export as read back from disk, without Python: every rule of §6 "Without Python" for convention A
 * in `../shared/docs/lerobot-subtask-formats.md`, plus §2.5's usability rule. The exporter runs it on what it
 * writes; the tests run it on what they read back. Values may arrive as BigInt (raw parquet INT64) or numbers.
 */
import type { Problem } from '../problems'
import { ProblemLog } from '../problems'
import { SARM_FIELDS, SARM_PREFIXES } from './lerobotSubtasks'
import type { Proportions } from './temporalProportions'

/** The parts of a parquet SchemaElement that make two files' schemas equal or not. */
export interface SchemaLike {
  name: string
  type?: string
  repetition_type?: string
  converted_type?: string
  num_children?: number
  logical_type?: unknown
}

export interface EpisodesFileSnapshot {
  path: string
  schema: readonly SchemaLike[]
  /** Every row, with at least `episode_index`, `length` and the SARM columns. */
  rows: readonly Readonly<Record<string, unknown>>[]
}

export interface SarmSnapshot {
  fps: number
  /** Every `meta/episodes` file, in the sorted path order LeRobot concatenates them in. */
  files: readonly EpisodesFileSnapshot[]
  proportions: { dense: Proportions | undefined; sparse: Proportions | undefined }
}

const num = (v: unknown): number | undefined => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : undefined)

function list(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v as unknown[]
  return ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<unknown>) : undefined
}

function signature(schema: readonly SchemaLike[]): string {
  return JSON.stringify(schema.map((e) => [e.name, e.type, e.repetition_type, e.converted_type, e.num_children ?? 0, e.logical_type ?? null]),
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

function checkProportions(level: string, proportions: Proportions | undefined, log: ProblemLog): void {
  if (proportions === undefined) return
  const file = `meta/temporal_proportions_${level}.json`
  const seen = new Set<string>()
  for (const [name, value] of proportions) {
    if (seen.has(name)) log.error('sarm-proportions-invalid', `${file}: key "${name}" appears twice`)
    seen.add(name)
    if (!(value > 0) || !Number.isFinite(value)) log.error('sarm-proportions-invalid', `${file}: "${name}" is ${value}; every value must be > 0`)
  }
}

/** One episode's lists at one prefix: null when un-annotated, else the problems found. */
function checkLevel(args: {
  row: Readonly<Record<string, unknown>>; prefix: string; length: number; fps: number; keys: Set<string> | undefined; episode: number; log: ProblemLog
}): 'null' | 'usable' | 'unusable' {
  const { row, prefix, length, fps, keys, episode, log } = args
  const at = (field: string): unknown => row[`${prefix}${field}`]
  const values = SARM_FIELDS.map((f) => at(f))
  if (values.every((v) => v === null || v === undefined)) return 'null'
  const [names, startTimes, endTimes, starts, ends] = values.map(list)
  const where = { episode }
  const level = prefix === '' ? 'legacy subtask_*' : `${prefix}*`
  if (names === undefined || starts === undefined || ends === undefined || names.length === 0 ||
      names.length !== starts.length || names.length !== ends.length) {
    log.error('sarm-unusable', `${level}: names, start frames and end frames must be lists of one non-zero length ` +
      `(${names?.length ?? 'null'}, ${starts?.length ?? 'null'}, ${ends?.length ?? 'null'}); SARM gives this episode zero targets`, where)
    return 'unusable'
  }
  if (startTimes?.length !== names.length || endTimes?.length !== names.length) {
    log.error('sarm-lengths-differ', `${level}: the times lists have ${startTimes?.length ?? 'null'} and ${endTimes?.length ?? 'null'} ` +
      `entries, the names ${names.length}`, where)
  }
  for (let k = 0; k < names.length; k++) {
    const [name, s, e] = [names[k], num(starts[k]), num(ends[k])]
    if (typeof name !== 'string') log.error('sarm-name-invalid', `${level}: name ${k} is not a string`, where)
    else if (keys !== undefined && !keys.has(name)) {
      log.error('sarm-name-unknown', `${level}: "${name}" is not a key of the proportions file; SARM would map it to stage 0`, where)
    }
    if (s === undefined || e === undefined || !Number.isInteger(s) || !Number.isInteger(e)) {
      log.error('sarm-frames-invalid', `${level}: subtask ${k} has non-integer frames (${String(starts[k])}, ${String(ends[k])})`, where)
      continue
    }
    if (e < s) log.error('sarm-frames-invalid', `${level}: subtask ${k} ends (${e}) before it starts (${s})`, where)
    if (s < 0 || e > length - 1) log.warn('sarm-frames-outside', `${level}: subtask ${k} [${s}, ${e}] is outside [0, ${length - 1}]`, where)
    const prevEnd = k > 0 ? num(ends[k - 1]) : undefined
    const prevStart = k > 0 ? num(starts[k - 1]) : undefined
    if (prevStart !== undefined && s <= prevStart) log.error('sarm-unsorted', `${level}: subtask ${k} starts at ${s}, not after subtask ${k - 1} (${prevStart})`, where)
    else if (prevEnd !== undefined && s <= prevEnd) log.error('sarm-overlap', `${level}: subtask ${k} starts at ${s}, inside subtask ${k - 1} (ends ${prevEnd})`, where)
    for (const [times, frame, what] of [[startTimes, s, 'start'], [endTimes, e, 'end']] as const) {
      const t = num(times?.[k])
      if (t !== undefined && Math.abs(t - frame / fps) > 1e-6) {
        log.warn('sarm-times-disagree', `${level}: subtask ${k} ${what} time ${t} s is not frame ${frame} / ${fps} fps`, where)
      }
    }
  }
  return 'usable'
}

/** Every rule broken by the export, each naming its file or episode; empty when SARM will read it as intended. */
export function validateSarmExport(snapshot: SarmSnapshot): Problem[] {
  const log = new ProblemLog()
  const { files, proportions, fps } = snapshot
  checkProportions('dense', proportions.dense, log)
  checkProportions('sparse', proportions.sparse, log)
  const first = files[0]
  if (first === undefined) {
    log.error('sarm-no-episodes', 'no meta/episodes file was written')
    return log.problems
  }
  const expected = signature(first.schema)
  for (const f of files.slice(1)) {
    if (signature(f.schema) !== expected) {
      log.error('sarm-schema-differs', `${f.path} has another schema than ${first.path}; LeRobot concatenates the files with the first one's`)
    }
  }
  const keys = {
    dense_: proportions.dense && new Set(proportions.dense.map(([n]) => n)),
    sparse_: proportions.sparse && new Set(proportions.sparse.map(([n]) => n)),
    '': proportions.sparse && new Set(proportions.sparse.map(([n]) => n)),
  }
  const usable = { dense_: 0, sparse_: 0, '': 0 }
  let position = 0
  for (const file of files) {
    const fileLog = new ProblemLog({ file: file.path })
    for (const column of SARM_PREFIXES.flatMap((p) => SARM_FIELDS.map((f) => `${p}${f}`))) {
      if (!file.schema.some((e) => e.name === column)) fileLog.error('sarm-column-missing', `column ${column} is missing`)
    }
    const misplaced: { position: number; episode: number }[] = []
    for (const row of file.rows) {
      const episode = num(row.episode_index) ?? -1
      if (episode !== position) misplaced.push({ position, episode })
      position++
      const length = num(row.length) ?? 0
      for (const prefix of SARM_PREFIXES) {
        const state = checkLevel({ row, prefix, length, fps, keys: keys[prefix], episode, log: fileLog })
        if (state === 'usable') usable[prefix]++
      }
      const values = (prefix: string): string => JSON.stringify(SARM_FIELDS.map((f) => list(row[`${prefix}${f}`])?.map((v) => num(v) ?? v) ?? null))
      if (values('') !== values('sparse_')) fileLog.warn('sarm-legacy-stale', 'the legacy subtask_* columns differ from sparse_*', { episode })
    }
    const [firstMisplaced] = misplaced
    if (firstMisplaced !== undefined) {
      // One problem per file: a single misplaced row shifts every row after it.
      fileLog.error('sarm-row-order', `row ${firstMisplaced.position} of the concatenated episodes holds episode ${firstMisplaced.episode}` +
        `${misplaced.length > 1 ? ` (and ${misplaced.length - 1} more rows of this file are out of place)` : ''}; SARM, like LeRobot, ` +
        'reads row position as the episode index', { episode: firstMisplaced.episode })
    }
    log.problems.push(...fileLog.problems)
  }
  if (usable.dense_ === 0) {
    log.error('sarm-none-usable', 'no episode has usable dense annotations; SARM refuses to train (v0.6.1+) or trains on zero targets')
  }
  if (usable.dense_ > 0 && proportions.dense === undefined) log.error('sarm-proportions-missing', 'meta/temporal_proportions_dense.json is missing')
  if (usable.sparse_ > 0 && proportions.sparse === undefined) log.error('sarm-proportions-missing', 'meta/temporal_proportions_sparse.json is missing')
  return log.problems
}
