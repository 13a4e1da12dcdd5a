/**
 * ProcLens's IndexedDB database (Dexie). Everything stored here carries the dataset it belongs to, so several
 * datasets can be reviewed side by side. Schema changes add a `version(n)` with an upgrade; never edit an old one.
 */
import Dexie from 'dexie'
import type { Table } from 'dexie'
import type { ReviewStatus } from '@/core/review'

export interface ReviewRecord {
  /** The dataset's identity: its absolute URL, or `local:<folder name>` for a local folder. */
  dataset: string
  episode: number
  status: ReviewStatus
  /** Milliseconds since the epoch. */
  updatedAt: number
}

export class ProcLensDb extends Dexie {
  reviews!: Table<ReviewRecord, [string, number]>

  constructor(name = 'proclens') {
    super(name)
    this.version(1).stores({ reviews: '[dataset+episode], dataset' })
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

/** Set an episode's review status; `unreviewed` removes the record. */
export async function setReviewStatus(database: ProcLensDb, record: Omit<ReviewRecord, 'updatedAt'>): Promise<void> {
  if (record.status === 'unreviewed') await database.reviews.delete([record.dataset, record.episode])
  else await database.reviews.put({ ...record, updatedAt: Date.now() })
}

/** Every stored status of a dataset, by episode index. */
export async function reviewStatuses(database: ProcLensDb, dataset: string): Promise<Map<number, ReviewStatus>> {
  const records = await database.reviews.where('dataset').equals(dataset).toArray()
  return new Map(records.map((r) => [r.episode, r.status]))
}
