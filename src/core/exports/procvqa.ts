/**
 * The ProcVQA export: ProcVLM's question–answer training records (procvlm-formats.md §4) for one annotated
 * episode, with the answers taken from the document's corrected target. Pure and deterministic for a seed;
 * pixels are someone else's job (decode each of `images`, `encodeJpeg` it, write it at its path).
 *
 * API
 * ```ts
 *  procvqaEpisode(input: ProcvqaInput): ProcvqaEpisode
 *    input   { doc, similarities, camera, seed, families? }
 *    result  { episode, records: ProcvqaItem[], images: {frame, path}[], files: ExportFile[], problems, skipped }
 *  procvqaLayout({ dataset, camera, episode }): { jsonl: {a, b, c}, imageDir }
 *  procvqaJsonl(records: ProcvqaRecord[]): string
 * ```
 * Export root (ProcVLM's `data_path`; every path below is relative to it):
 * ```text
 *  a/<dataset>/<episode>.jsonl           a1 and a2 records     (ProcVLM: <json_output_dir>/<task id>/<dataset>/<episode>.jsonl)
 *  b/<dataset>/<episode>.jsonl           b1 and b2 records
 *  c/<dataset>/<episode>.jsonl           c records
 *  images/<dataset>/<camera>/<episode>/<frame:06d>.jpg                  (ProcVLM: <data_output_dir>/images/…)
 * ```
 * Each generator follows `evqa/tools/pick_procedural.py` (sampling, probabilities, caps, answer strings) in
 * procvqaSegmentation.ts (a), procvqaPlanning.ts (b) and procvqaProgress.ts (c). Where ProcLens differs, on
 * purpose (docs/procvqa-export.md):
 * - targets come from the annotator profile (`docProgress`): budget overrides, the not-done cutoff, the
 *   document's own steps; ProcVLM's pipeline would recompute them from flattened labels without either;
 * - randomness is a seeded mulberry32 per episode and generator, `deriveSeed(seed, dataset, episode, group)`:
 *   the same seed gives the same files in ProcLens, whatever the export's order or the other episodes in it,
 *   but never the choices Python's `random` would make;
 * - frames outside the task are left out (ProcVLM skips such an episode: its padded frames make it "multi-task");
 * - every record carries `meta` (ProcVLM's loader ignores it).
 */
import type { AnnotationDoc } from '../annotation'
import { checkInvariants } from '../annotation'
import { isValidLabel } from '../budgets'
import { docSegmentLabels, docTaskRange } from '../docLabels'
import { docProgress, docRemainingActions } from '../docProgress'
import type { Problem } from '../problems'
import { ProblemLog } from '../problems'
import type { Rng } from '../random'
import { deriveSeed, makeRng } from '../random'
import type { ExportFile } from './exportFile'
import { pythonJsonDumps } from './pythonJson'
import { planningRecords } from './procvqaPlanning'
import { progressRecords } from './procvqaProgress'
import type { ProcvqaEpisodeFacts, ProcvqaFamily, ProcvqaGroup, ProcvqaItem, ProcvqaRecord, ProcvqaSource } from './procvqaRecord'
import { PROCVQA_GROUPS, groupOf, placeholderCount } from './procvqaRecord'
import { segmentationRecords } from './procvqaSegmentation'
import type { ProcvqaSkip, ProcvqaSkipCounts } from './procvqaSkips'
import { SKIP_TEXT } from './procvqaSkips'

export type { ProcvqaFamily, ProcvqaGroup, ProcvqaItem, ProcvqaMeta, ProcvqaRecord, ProcvqaSource, ProcvqaTurn } from './procvqaRecord'
export type { ProcvqaSkip, ProcvqaSkipCounts } from './procvqaSkips'

export const PROCVQA_FAMILIES: readonly ProcvqaFamily[] = ['a1', 'a2', 'b1', 'b2', 'c']

export interface ProcvqaInput {
  doc: AnnotationDoc
  /** `similarities[i - 1]` = pHash sim(frame i-1, frame i) of `camera`'s frames; length `frameCount - 1`. */
  similarities: ArrayLike<number>
  /** The camera key whose frames the records show (ProcVLM: the exo camera, procvlm-formats.md §1.4). */
  camera: string
  seed: number
  /**
   * Which families to keep; default all five. Choosing never changes what is drawn: a generator runs when
   * any of its families is wanted, and its records of other families are dropped afterwards.
   */
  families?: readonly ProcvqaFamily[]
}

export interface ProcvqaEpisode {
  /** The episode's name in every path: the document's, or `episode_XXXXXX` when it lacks that token. */
  episode: string
  /** Family a's records, then b's, then c's, each in ProcVLM's order. Empty when the episode was skipped. */
  records: ProcvqaItem[]
  /** Every frame the records show, once, in frame order, with its image path. */
  images: { frame: number; path: string }[]
  /** The JSONL file of each generator that ran (empty when it made no record, as ProcVLM writes it). */
  files: ExportFile[]
  /** Errors: the episode was skipped. Warnings: exported, but see the message. */
  problems: Problem[]
  /** Frames a generator picked but could not make a record of, by reason. */
  skipped: ProcvqaSkipCounts
}

/** Where an episode's files go, relative to the export root. */
export function procvqaLayout(input: { dataset: string; camera: string; episode: string }): { jsonl: Record<ProcvqaGroup, string>; imageDir: string } {
  const { dataset, episode } = input
  return {
    jsonl: { a: `a/${dataset}/${episode}.jsonl`, b: `b/${dataset}/${episode}.jsonl`, c: `c/${dataset}/${episode}.jsonl` },
    imageDir: `images/${dataset}/${input.camera}/${episode}`,
  }
}

/**
 * The JSONL text of these records: one line each, `\n`-terminated, exactly as ProcVLM's `append_jsonlines`
 * writes them (the `jsonlines` package: `ensure_ascii=False`, separators `", "` and `": "`), keys in the
 * record's order. `json.loads` reads it back as the same record.
 */
export function procvqaJsonl(records: readonly ProcvqaRecord[]): string {
  return records.map((r) => `${pythonJsonDumps(r, { ensureAscii: false })}\n`).join('')
}

const EPISODE_TOKEN = /episode_\d+/

/** A usable path segment: not empty, not `.` or `..`, no separator or control character. */
function isPathSegment(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\u0000-\u001f]/.test(name)
}

/** Why the episode cannot be exported, or undefined. */
function refusal(doc: AnnotationDoc, input: ProcvqaInput): { kind: string; message: string } | undefined {
  const broken = checkInvariants(doc)
  if (broken.length > 0) return { kind: 'procvqa-unsound-document', message: `the document is unsound: ${broken.join('; ')}` }
  for (const [what, name] of [['dataset', doc.dataset], ['camera', input.camera]] as const) {
    if (!isPathSegment(name)) return { kind: 'procvqa-path-name', message: `the ${what} name ${JSON.stringify(name)} cannot be a folder name` }
  }
  if (placeholderCount(doc.task) > 0) return { kind: 'procvqa-placeholder-in-task', message: 'the task text holds <image> or <video>, which ProcVLM\'s loader would take for an image' }
  if (doc.outcome.kind === 'failed') return { kind: 'procvqa-failed-episode', message: 'the task failed with no completed step; ProcVLM makes no sample of such an episode' }
  const unnamed = doc.segments.filter((s) => s.kind === 'step' && !isValidLabel(s.label)).length
  if (unnamed > 0) return { kind: 'procvqa-unnamed-step', message: `${unnamed} step(s) have no name (or are named done / not done); name them first` }
  if (!doc.segments.some((s) => s.kind === 'step')) return { kind: 'procvqa-no-steps', message: 'the episode has no step; ProcVLM skips episodes without sub-tasks' }
  if (input.similarities.length !== doc.frameCount - 1) {
    return { kind: 'procvqa-similarities', message: `${input.similarities.length} similarities for ${doc.frameCount} frames (${doc.frameCount - 1} expected): the progress targets would be wrong` }
  }
  return undefined
}

function factsOf(doc: AnnotationDoc, input: ProcvqaInput, pathEpisode: string): ProcvqaEpisodeFacts {
  const source: ProcvqaSource = {
    tool: 'proclens', progress: 'annotator', outcome: doc.outcome.kind,
    ...(doc.outcome.kind === 'not-done' ? { cutoff: doc.outcome.cutoff } : {}),
    budgets: doc.segments.some((s) => s.budget !== undefined) ? 'corrected' : 'procvlm',
    seed: input.seed,
  }
  // ProcVLM's reason is a piece of the CoT split on '.', so it never ends in one; a typed reason might.
  const reason = doc.provenance.finishReason?.trim().replace(/[.\s]+$/, '')
  return {
    doc, pathEpisode, camera: input.camera, source,
    labels: docSegmentLabels(doc),
    progress: docProgress(doc, input.similarities, { profile: 'annotator' }).progress,
    remaining: docRemainingActions(doc, { profile: 'annotator' }),
    range: docTaskRange(doc)!,
    finishReason: reason === undefined || reason === '' ? undefined : reason,
  }
}

const GENERATORS: Record<ProcvqaGroup, (facts: ProcvqaEpisodeFacts, rng: Rng, skips: ProcvqaSkipCounts) => ProcvqaItem[]> = {
  a: (facts, rng) => segmentationRecords(facts, rng),
  b: planningRecords,
  c: progressRecords,
}

/** The ProcVQA records of one episode (see the module comment). Never throws on bad input: it reports problems. */
export function procvqaEpisode(input: ProcvqaInput): ProcvqaEpisode {
  const { doc } = input
  const log = new ProblemLog({ episode: doc.episode })
  const named = EPISODE_TOKEN.test(doc.episode) && isPathSegment(doc.episode)
  const episode = named ? doc.episode : `episode_${String(doc.episodeIndex).padStart(6, '0')}`
  const result: ProcvqaEpisode = { episode, records: [], images: [], files: [], problems: log.problems, skipped: {} }
  if (!named) log.warn('procvqa-episode-name', `the episode name has no episode_<digits> token, which ProcVLM's metrics group by; its files are named ${episode}`)
  const refused = refusal(doc, input)
  if (refused !== undefined) {
    log.error(refused.kind, refused.message)
    return result
  }
  const facts = factsOf(doc, input, episode)
  const outside = doc.frameCount - (facts.range.end - facts.range.start)
  if (outside > 0) log.warn('procvqa-outside-frames', `${outside} frame(s) outside the task are in no record`)
  const wanted = new Set(input.families ?? PROCVQA_FAMILIES)
  const layout = procvqaLayout({ dataset: doc.dataset, camera: input.camera, episode })
  for (const group of PROCVQA_GROUPS) {
    if (!PROCVQA_FAMILIES.some((f) => groupOf(f) === group && wanted.has(f))) continue
    const rng = makeRng(deriveSeed(input.seed, doc.dataset, doc.episode, group))
    const items = GENERATORS[group](facts, rng, result.skipped).filter((item) => wanted.has(item.family))
    result.records.push(...items)
    result.files.push({ path: layout.jsonl[group], data: procvqaJsonl(items.map((item) => item.record)) })
  }
  for (const [reason, count] of Object.entries(result.skipped) as [ProcvqaSkip, number][]) {
    log.warn('procvqa-skipped-frames', `${count} picked frame(s) made no record: ${SKIP_TEXT[reason]}`)
  }
  const frames = new Map<number, string>()
  for (const item of result.records) item.frames.forEach((f, i) => frames.set(f, item.record.image[i]!))
  result.images = [...frames].sort(([a], [b]) => a - b).map(([frame, path]) => ({ frame, path }))
  return result
}
