/**
 * Episode presence: which files exist, decided from folder listings where the store can list (one request per
 * folder answers for every episode in it) and from sizes where it cannot (plain HTTP: one HEAD per file).
 */
import type { EpisodeData, EpisodePresence } from './DatasetSource'
import type { FileStore } from './fileStore'
import { basename, dirname } from './fileStore'

/** The same three levels `EpisodeData.availability` uses, decided from presence alone. */
export function availabilityOf(p: EpisodePresence): EpisodeData['availability'] {
  const cameras = p.cameras.filter((c) => c.present).length
  if (p.data !== true && cameras === 0) return 'missing'
  return p.data !== false && cameras === p.cameras.length ? 'complete' : 'partial'
}

/** At least one camera can be shown. */
export function isPlayable(p: EpisodePresence): boolean {
  return p.cameras.some((c) => c.present)
}

/** Answers "does this file exist" with one listing per folder, falling back to the file's size. */
export class FileChecker {
  private readonly listings = new Map<string, Promise<Set<string> | undefined>>()

  constructor(private readonly store: FileStore) {}

  async has(path: string): Promise<boolean> {
    const names = await this.listing(dirname(path))
    if (names !== undefined) return names.has(basename(path))
    return (await this.store.size(path)) !== undefined
  }

  private listing(dir: string): Promise<Set<string> | undefined> {
    const { store } = this
    if (store.list === undefined) return Promise.resolve(undefined)
    let entry = this.listings.get(dir)
    if (entry === undefined) {
      // A folder that cannot be listed (absent, or a server without indexes) falls back to sizes; an absent
      // folder answers "absent" for every file in it either way.
      entry = store.list(dir).then((names) => (names === undefined ? undefined : new Set(names)), () => undefined)
      this.listings.set(dir, entry)
    }
    return entry
  }
}
