/**
 * ProcLens's IndexedDB database (Dexie). Everything stored here carries the dataset it belongs to (its identity:
 * `datasetIdentity`), so several datasets can be reviewed side by side. Schema changes add a `version(n)` with
 * an upgrade; an old version's `stores(...)` is never edited, and `db.test.ts` opens a database written by every
 * earlier version.
 *
 * | Version | Tables |
 * |---|---|
 * | 1 | `reviews`: review status per episode |
 * | 2 | + `heads`: each corrected episode's history (which states, labels, undo/redo position, save revision); `states`: the segments and outcome of each state a history refers to; `visualChange`: per-frame pHashes of a camera |
 * | 3 | + `predictionFiles`: model prediction files loaded for a dataset, with their model name and instruction |
 * | 4 | + `outbox`: committed edits waiting to be pushed to a team server; `teamBases`: per episode and annotator, the server version this browser's next edit builds on (and a conflict to resolve); `teamHeads`: every annotator's head as last pulled (docs/team-sync.md) |
 */
import Dexie from 'dexie'
import type { Table } from 'dexie'
import type { AnnotationDoc, Outcome, Segment } from '@/core/annotation'
import type { ReviewState, ReviewStatus } from '@/core/review'
import type { LoadedPredictionFile } from '../annotations/loadedPredictions'
import type { TeamEdit, TeamHead } from '../team/teamClient'
import { migrateStatus } from '@/core/review'

/**
 * An episode's review (`ReviewState`) under its dataset. Records written before reasons and reviewers existed
 * hold only `status` and `updatedAt`, and `reviewed` where `accepted` is now: `reviewStates` reads them forward.
 */
export interface ReviewRecord extends ReviewState {
  /** The dataset's identity: its absolute URL, or `local:<folder name>` for a local folder. */
  dataset: string
  episode: number
  /** Milliseconds since the epoch. */
  updatedAt: number
}

/** What a history entry refers to: the state saved under `state`, reached by the change called `label`. */
export interface HeadEntry {
  label: string
  state: number
}

/**
 * One corrected episode: its history as references to saved states. Everything of a document but its segments
 * and outcome never changes under edits, so it is stored once here (`doc`), and each state stores only those two.
 */
export interface HeadRecord {
  dataset: string
  episode: number
  /** Counts saves; a save replaces the head only when it still holds the revision the saver last saw. */
  revision: number
  /** The tab that saved last. */
  writer: string
  savedAt: number
  /** The unchanging part of the document. */
  doc: Omit<AnnotationDoc, 'segments' | 'outcome'>
  past: HeadEntry[]
  present: number
  future: HeadEntry[]
  cap: number
}

export interface StateRecord {
  dataset: string
  episode: number
  id: number
  segments: Segment[]
  outcome: Outcome
}

/** The per-frame pHashes of one camera of one episode (visual change), computed once per camera. */
export interface VisualChangeRecord {
  dataset: string
  episode: number
  camera: string
  /** `hashOf` of the media the hashes were computed from; a different file computes again. */
  media: string
  /** 16 hex digits per frame, concatenated; a frame that could not be hashed is `----------------`. */
  hashes: string
  /** Each frame's size as `width * 65536 + height` (frames of different sizes count as similar, as in ProcVLM). */
  sizes: Uint32Array
  /** Hashing method: bumped when the computation changes, so old results are recomputed. */
  method: number
  createdAt: number
}

/** A prediction file loaded for a dataset (`data/annotations/loadedPredictions.ts` reads it). */
export interface PredictionFileRecord extends LoadedPredictionFile {
  id?: number
  dataset: string
  addedAt: number
}

/**
 * One committed edit waiting for the team server: exactly the contract's `Edit`, plus who pushes it where and
 * the order it was saved in (`seq`). Written in the transaction of the save it records; deleted only once the
 * server answered `applied` or `duplicate` for its id.
 */
export interface OutboxRecord extends TeamEdit {
  /** Auto-increment: pushes follow it. */
  seq?: number
  /** The team server's URL the row goes to. */
  server: string
  /** Who was signed in when the edit was made; only that annotator pushes it. */
  annotator: string
}

/**
 * What this browser knows of its annotator's head of an episode on the team server: the version the next edit
 * builds on (the last one the server confirmed), and the server's head when a push found it elsewhere.
 */
export interface TeamBaseRecord {
  dataset: string
  episode: number
  annotator: string
  version: number
  /** Set by a `conflict` answer: pushes of this episode wait until the annotator chooses (docs/team-sync.md). */
  conflict?: { head: TeamHead | null; at: number }
}

/** An annotator's head as last pulled from the team server (the agreement view and the admin page read them). */
export type TeamHeadRecord = TeamHead

export const DB_NAME = 'proclens'

/** Every schema version, oldest first: `db.test.ts` writes a database with each and opens it with the newest. */
export const SCHEMA: readonly Record<string, string>[] = [
  { reviews: '[dataset+episode], dataset' },
  {
    reviews: '[dataset+episode], dataset',
    heads: '[dataset+episode], dataset',
    states: '[dataset+episode+id], [dataset+episode]',
    visualChange: '[dataset+episode+camera]',
  },
  {
    reviews: '[dataset+episode], dataset',
    heads: '[dataset+episode], dataset',
    states: '[dataset+episode+id], [dataset+episode]',
    visualChange: '[dataset+episode+camera]',
    predictionFiles: '++id, dataset',
  },
  {
    reviews: '[dataset+episode], dataset',
    heads: '[dataset+episode], dataset',
    states: '[dataset+episode+id], [dataset+episode]',
    visualChange: '[dataset+episode+camera]',
    predictionFiles: '++id, dataset',
    outbox: '++seq, &id, [dataset+episode+annotator], dataset',
    teamBases: '[dataset+episode+annotator], dataset',
    teamHeads: '[dataset+episode+annotator], dataset',
  },
]

export class ProcLensDb extends Dexie {
  reviews!: Table<ReviewRecord, [string, number]>
  heads!: Table<HeadRecord, [string, number]>
  states!: Table<StateRecord, [string, number, number]>
  visualChange!: Table<VisualChangeRecord, [string, number, string]>
  predictionFiles!: Table<PredictionFileRecord, number>
  outbox!: Table<OutboxRecord, number>
  teamBases!: Table<TeamBaseRecord, [string, number, string]>
  teamHeads!: Table<TeamHeadRecord, [string, number, string]>

  constructor(name = DB_NAME, options: { versions?: number } = {}) {
    // Strict durability: a save reported complete has reached the disk, not only the browser's memory.
    super(name, { chromeTransactionDurability: 'strict' })
    const versions = options.versions ?? SCHEMA.length
    for (let v = 1; v <= versions; v++) this.version(v).stores(SCHEMA[v - 1]!)
  }
}

/** The app's database. Tests open their own with another name. */
export const db = new ProcLensDb()

/**
 * Ask the browser to keep this origin's data under storage pressure; without it, IndexedDB is best-effort and
 * may be evicted (and WebKit drops it after 7 days unused). Returns whether the browser agreed.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false
  } catch {
    return false
  }
}

/**
 * Set an episode's review status (keeping when it began, and the reason unless a new one is given); `unreviewed`
 * removes the record. `at` defaults to now; an import passes the time the record carries.
 */
export async function setReviewStatus(
  database: ProcLensDb,
  record: { dataset: string; episode: number; status: ReviewStatus; reason?: string; reviewer?: string; startedAt?: number; at?: number },
): Promise<void> {
  const key: [string, number] = [record.dataset, record.episode]
  if (record.status === 'unreviewed') return void await database.reviews.delete(key)
  const at = record.at ?? Date.now()
  await database.transaction('rw', database.reviews, async () => {
    const before = await database.reviews.get(key)
    const next: ReviewRecord = { dataset: record.dataset, episode: record.episode, status: record.status, updatedAt: at, startedAt: record.startedAt ?? before?.startedAt ?? at }
    const reason = record.reason ?? (record.status === 'flagged' || record.status === 'rejected' ? before?.reason : undefined)
    if (reason !== undefined && reason !== '') next.reason = reason
    const reviewer = record.reviewer ?? before?.reviewer
    if (reviewer !== undefined && reviewer !== '') next.reviewer = reviewer
    await database.reviews.put(next)
  })
}

/** The review a stored record describes, read forward from older versions. */
export function reviewOf(record: ReviewRecord): ReviewState {
  const { dataset: _d, episode: _e, ...state } = record
  return { ...state, status: migrateStatus(state.status) }
}

/** Every stored review of a dataset, by episode index. */
export async function reviewStates(database: ProcLensDb, dataset: string): Promise<Map<number, ReviewState>> {
  const records = await database.reviews.where('dataset').equals(dataset).toArray()
  return new Map(records.map((r) => [r.episode, reviewOf(r)]))
}

/** Every stored status of a dataset, by episode index. */
export async function reviewStatuses(database: ProcLensDb, dataset: string): Promise<Map<number, ReviewStatus>> {
  return new Map([...await reviewStates(database, dataset)].map(([episode, state]) => [episode, state.status]))
}

/** The prediction files loaded for a dataset, oldest first. */
export async function predictionFiles(database: ProcLensDb, dataset: string): Promise<PredictionFileRecord[]> {
  return (await database.predictionFiles.where('dataset').equals(dataset).toArray()).sort((a, b) => a.addedAt - b.addedAt)
}
