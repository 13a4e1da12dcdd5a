/**
 * When a folder is not a dataset, say what it holds instead ("no dataset here: 1 prediction file (…)"), so a
 * user who pointed at the wrong folder sees why at once.
 */
import { classifyAnnotationPath } from './annotations/annotationFiles'
import type { FileStore } from './fileStore'
import { joinPath } from './fileStore'

/** The folder is not a dataset ProcLens can open; the message says what was found. */
export class NotADatasetError extends Error {
  /**
   * The store could not list the root, so the message says only what is missing. Over HTTP that is also what a
   * wrong path looks like, which is why a failed open by URL asks the server again (`diagnoseOpenError`).
   */
  readonly unlisted: boolean

  constructor(message: string, options: { unlisted?: boolean } = {}) {
    super(message)
    this.name = 'NotADatasetError'
    this.unlisted = options.unlisted ?? false
  }
}

type Category = 'prediction' | 'progress-label' | 'annotation' | 'jsonl' | 'json' | 'video' | 'parquet' | 'image' | 'other'

const NOUNS: Record<Category, string> = {
  prediction: 'prediction file', 'progress-label': 'progress-label file', annotation: 'annotation file',
  jsonl: 'JSONL file', json: 'JSON file', video: 'video file', parquet: 'parquet file', image: 'image file', other: 'other file',
}

const MAX_FILES = 2000
const MAX_DEPTH = 3
/** What a dataset root holds, for messages about one that does not. */
export const EXPECTED_AT_ROOT =
  'expected meta/info.json (LeRobot v2.1/v3.0), dataset.json, episode folders with episode.json or information.json, ' +
  'or folders of numbered image frames'

function byExtension(path: string): Category {
  if (/\.jsonl$/i.test(path)) return 'jsonl'
  if (/\.json$/i.test(path)) return 'json'
  if (/\.(mp4|mkv|webm|mov|avi)$/i.test(path)) return 'video'
  if (/\.parquet$/i.test(path)) return 'parquet'
  if (/\.(jpe?g|png|webp)$/i.test(path)) return 'image'
  return 'other'
}

/** Reads the first line of a JSONL file and tells predictions, progress labels and annotations apart. */
async function sniffJsonl(store: FileStore, path: string): Promise<Category> {
  try {
    const head = new TextDecoder().decode(await store.readBytes(path, { start: 0, end: 64 * 1024 }))
    const keys = Object.keys(JSON.parse(head.split('\n')[0] ?? '') as Record<string, unknown>)
    const has = (...names: string[]): boolean => names.some((n) => keys.includes(n))
    if (has('model_response', 'extracted_percentages', 'voc_score', 'parsed_progress', 'progress_source', 'prediction', 'predicted_progress')) {
      return 'prediction'
    }
    if (has('progress_score', 'ground_truth_completion', 'progress')) return 'progress-label'
    if (has('frame_id', 'sub_task', 'complete_frame')) return 'annotation'
  } catch {
    // Not JSON Lines after all: counted as a plain JSONL file.
  }
  return 'jsonl'
}

async function walk(store: FileStore): Promise<string[] | undefined> {
  const root = await store.list?.('')
  if (root === undefined) return undefined
  const files: string[] = []
  let level: { dir: string; entries: string[] }[] = [{ dir: '', entries: root }]
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0 && files.length < MAX_FILES; depth++) {
    const next: { dir: string; entries: string[] }[] = []
    for (const { dir, entries } of level) {
      for (const e of entries) {
        const path = joinPath(dir, e)
        if (!e.endsWith('/')) files.push(path)
        else if (depth < MAX_DEPTH && !e.startsWith('.')) next.push({ dir: path, entries: (await store.list?.(path)) ?? [] })
      }
    }
    level = next
  }
  return files
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** The error for a root that holds no dataset, saying what it holds: "no dataset here: 2 progress-label files (…); expected …". */
export async function notADatasetError(store: FileStore): Promise<NotADatasetError> {
  const files = await walk(store)
  if (files === undefined) {
    return new NotADatasetError(`no dataset here: ${store.label} has no meta/info.json, dataset.json, episode.json or ` +
      'information.json, and it cannot list its folders to look further', { unlisted: true })
  }
  if (files.length === 0) return new NotADatasetError(`no dataset here: ${store.label} is empty`)
  const groups = new Map<Category, string[]>()
  for (const path of files.filter((f) => !/(^|\/)(README|SOURCE|LICENSE)[^/]*$/i.test(f))) {
    let category = byExtension(path)
    if (category === 'jsonl') category = await sniffJsonl(store, path)
    if (classifyAnnotationPath(path) !== undefined) category = 'annotation'
    const list = groups.get(category)
    if (list === undefined) groups.set(category, [path])
    else list.push(path)
  }
  const ignored = files.length - [...groups.values()].reduce((n, g) => n + g.length, 0)
  const parts = [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([category, paths]) => {
      const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ', …' : '')
      return `${plural(paths.length, NOUNS[category])} (${shown})`
    })
  if (ignored > 0) parts.push(plural(ignored, 'README/SOURCE file'))
  return new NotADatasetError(`no dataset here: ${parts.join(', ')}; ${EXPECTED_AT_ROOT}`)
}
