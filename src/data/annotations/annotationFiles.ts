/**
 * Finds annotation files next to a dataset, in ProcVLM's layout (docs/datasets.md):
 *
 *   annotation/v2/sub_task/<dataset>/<episode>.sub_task.jsonl      ProcCorpus (flattened, one line per frame)
 *   annotation/sub_task_jsonl/<dataset>/<episode>.sub_task.jsonl   raw VLM proposals (one line per task segment)
 *   annotation/truth/<episode>.json                                ProcLens truth records
 *   annotation/inference/<model>/<episode>[.<tag>].jsonl           inference output (evqa/inference.py)
 *
 * Stores that can list (local folders, Node, HTTP servers with directory listings) are walked once. Plain
 * HTTP cannot list: there the optional manifest `annotation/index.json` (`{"version": 1, "files": [paths]}`)
 * names the files, and without it the first three layouts are found by trying the episode's paths.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { AnnotationFileRef } from '../DatasetSource'
import type { FileStore } from '../fileStore'
import { joinPath } from '../fileStore'

export const ANNOTATION_ROOT = 'annotation'
export const ANNOTATION_INDEX = 'annotation/index.json'
const MAX_LISTINGS = 5000

/** Recognises an annotation path; `undefined` for anything else. */
export function classifyAnnotationPath(path: string): AnnotationFileRef | undefined {
  const parts = path.split('/')
  if (parts[0] !== ANNOTATION_ROOT) return undefined
  let m: RegExpExecArray | null
  if (parts.length === 5 && /^v\d+$/.test(parts[1] ?? '') && parts[2] === 'sub_task'
    && (m = /^(.+)\.sub_task\.jsonl$/.exec(parts[4] ?? '')) !== null) {
    return { kind: 'proccorpus', path, episode: m[1] ?? '', dataset: parts[3] ?? '' }
  }
  if (parts.length === 4 && parts[1] === 'sub_task_jsonl' && (m = /^(.+)\.sub_task\.jsonl$/.exec(parts[3] ?? '')) !== null) {
    return { kind: 'vlm-proposal', path, episode: m[1] ?? '', dataset: parts[2] ?? '' }
  }
  if (parts.length === 3 && parts[1] === 'truth' && (m = /^(.+)\.json$/.exec(parts[2] ?? '')) !== null) {
    return { kind: 'truth', path, episode: m[1] ?? '' }
  }
  if (parts.length === 4 && parts[1] === 'inference' && (m = /^([^.]+)(?:\.(.+))?\.jsonl$/.exec(parts[3] ?? '')) !== null) {
    const ref: AnnotationFileRef = { kind: 'inference', path, episode: m[1] ?? '', model: parts[2] ?? '' }
    if (m[2] !== undefined) ref.tag = m[2]
    return ref
  }
  return undefined
}

function addRef(map: Map<string, AnnotationFileRef[]>, ref: AnnotationFileRef): void {
  const list = map.get(ref.episode)
  if (list === undefined) map.set(ref.episode, [ref])
  else list.push(ref)
}

export class AnnotationFinder {
  private indexPromise: Promise<Map<string, AnnotationFileRef[]> | undefined> | undefined
  /** Problems met reading the manifest. */
  readonly problems: Problem[] = []

  constructor(
    private readonly store: FileStore,
    private readonly datasetName: string,
  ) {}

  /** Every annotation file by episode name, or `undefined` when the store can neither list nor has a manifest. */
  index(): Promise<Map<string, AnnotationFileRef[]> | undefined> {
    this.indexPromise ??= this.buildIndex()
    return this.indexPromise
  }

  /** The annotation files of one episode. */
  async forEpisode(episode: string): Promise<AnnotationFileRef[]> {
    const index = await this.index()
    if (index !== undefined) return this.preferOwnDataset(index.get(episode) ?? [])
    const candidates = [
      joinPath(ANNOTATION_ROOT, 'v2/sub_task', this.datasetName, `${episode}.sub_task.jsonl`),
      joinPath(ANNOTATION_ROOT, 'sub_task_jsonl', this.datasetName, `${episode}.sub_task.jsonl`),
      joinPath(ANNOTATION_ROOT, 'truth', `${episode}.json`),
    ]
    const present = await Promise.all(candidates.map(async (p) => ((await this.store.size(p)) === undefined ? undefined : p)))
    return present.flatMap((p) => {
      const ref = p === undefined ? undefined : classifyAnnotationPath(p)
      return ref === undefined ? [] : [ref]
    })
  }

  /** Files under another dataset name are kept only when none match this dataset's name (a renamed root). */
  private preferOwnDataset(refs: AnnotationFileRef[]): AnnotationFileRef[] {
    const own = refs.filter((r) => r.dataset === undefined || r.dataset === this.datasetName)
    const others = refs.filter((r) => r.dataset !== undefined && r.dataset !== this.datasetName)
    const ownKinds = new Set(own.map((r) => r.kind))
    return [...own, ...others.filter((r) => !ownKinds.has(r.kind))]
  }

  private async buildIndex(): Promise<Map<string, AnnotationFileRef[]> | undefined> {
    const fromManifest = await this.readManifest()
    if (fromManifest !== undefined) return fromManifest
    if (this.store.list === undefined) return undefined
    const top = await this.store.list(ANNOTATION_ROOT)
    if (top === undefined) return this.store.list('').then((root) => (root === undefined ? undefined : new Map()))
    const map = new Map<string, AnnotationFileRef[]>()
    const queue = [ANNOTATION_ROOT]
    let listings = 0
    while (queue.length > 0 && listings < MAX_LISTINGS) {
      const dir = queue.shift() ?? ''
      const entries = dir === ANNOTATION_ROOT ? top : await this.store.list(dir)
      listings += 1
      for (const entry of entries ?? []) {
        if (entry.endsWith('/')) queue.push(joinPath(dir, entry))
        else {
          const ref = classifyAnnotationPath(joinPath(dir, entry))
          if (ref !== undefined) addRef(map, ref)
        }
      }
    }
    return map
  }

  private async readManifest(): Promise<Map<string, AnnotationFileRef[]> | undefined> {
    if ((await this.store.size(ANNOTATION_INDEX)) === undefined) return undefined
    try {
      const raw = JSON.parse(await this.store.readText(ANNOTATION_INDEX)) as { version?: unknown; files?: unknown }
      if (raw.version !== 1 || !Array.isArray(raw.files)) throw new Error('expected {"version": 1, "files": [...]}')
      const map = new Map<string, AnnotationFileRef[]>()
      for (const file of raw.files) {
        const ref = typeof file === 'string' ? classifyAnnotationPath(file) : undefined
        if (ref !== undefined) addRef(map, ref)
      }
      return map
    } catch (e) {
      this.problems.push(dataProblem('annotation-index-invalid',
        `${ANNOTATION_INDEX} is unusable (${e instanceof Error ? e.message : String(e)}); looking for files by name`,
        { file: ANNOTATION_INDEX }))
      return undefined
    }
  }
}
