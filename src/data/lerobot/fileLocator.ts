/**
 * Finds a dataset file that is not where the metadata's template says: first the other layouts the file
 * usually ends up in (a few size requests: the only search over HTTP without directory listings), then, on
 * stores that can list, a search of `videos/` or `data/` for a file of the same name. Each folder is walked at
 * most once per dataset, within fixed bounds, and every answer is kept: LeRobot v3.0 episodes share files.
 */
import type { FileStore } from '../fileStore'
import { basename, joinPath } from '../fileStore'

const MAX_LISTINGS = 2000
const MAX_FILES = 500_000
const EXTENSIONS = {
  videos: /\.(mp4|m4v|mov|mkv|webm|avi|ts)$/i,
  data: /\.parquet$/i,
} as const

export type SearchRoot = keyof typeof EXTENSIONS

export interface LocateRequest {
  /** The path the metadata's template gives. */
  template: string
  /** Other layouts, tried in order. */
  alternatives: string[]
  /** The folder searched on stores that can list. */
  under: SearchRoot
  /** A file found by the search must also pass this (in the camera's folder, in the right chunk). */
  accept: (path: string) => boolean
}

export type LocateResult =
  | { found: true; path: string; moved: boolean }
  /**
   * `looked`: where else it was looked for, e.g. "also looked at 5 other usual paths and anywhere under videos/
   * (12 folders searched)", or why a folder could not be searched.
   */
  | { found: false; looked: string }

interface Walk {
  /** Files by {@link nameKey}, in walk order. */
  byName: Map<string, string[]>
  /** "anywhere under videos/ (12 folders searched)"; `undefined` when nothing could be walked. */
  searched: string | undefined
  /** Why nothing could be walked. */
  why?: string
}

/**
 * A file's name without its extension and with numbers unpadded (`file-000.mp4` → `file-0`): a misplaced
 * file keeps its name but not always its padding or, for a re-muxed video, its extension.
 */
export function nameKey(name: string): string {
  return name.replace(/\.[^.]*$/, '').replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''))
}

export class FileLocator {
  private readonly walks = new Map<SearchRoot, Promise<Walk>>()
  private readonly answers = new Map<string, Promise<LocateResult>>()

  constructor(private readonly store: FileStore) {}

  /** Where the file of `request.template` is, or where it was looked for. Each template is looked up once. */
  locate(request: LocateRequest): Promise<LocateResult> {
    let answer = this.answers.get(request.template)
    if (answer === undefined) {
      answer = this.find(request)
      // A failed request (a network error) is not an answer: the next episode asks again.
      answer.catch(() => this.answers.delete(request.template))
      this.answers.set(request.template, answer)
    }
    return answer
  }

  private async find(request: LocateRequest): Promise<LocateResult> {
    const { template } = request
    if ((await this.store.size(template)) !== undefined) return { found: true, path: template, moved: false }
    const alternatives = [...new Set(request.alternatives)].filter((p) => p !== template)
    for (const candidate of alternatives) {
      if ((await this.store.size(candidate)) !== undefined) return { found: true, path: candidate, moved: true }
    }
    const tried = alternatives.length === 0 ? [] : [`at ${alternatives.length} other usual path${alternatives.length === 1 ? '' : 's'}`]
    const walk = this.store.list === undefined
      ? { byName: new Map<string, string[]>(), searched: undefined, why: 'this store cannot list folders' }
      : await this.walk(request.under)
    const name = basename(template)
    const matches = (walk.byName.get(nameKey(name)) ?? []).filter(request.accept)
    // A file of exactly the template's name wins over one that differs in padding or extension.
    const match = matches.find((p) => basename(p) === name) ?? matches[0]
    if (match !== undefined) return { found: true, path: match, moved: true }
    const places = walk.searched === undefined ? tried : [...tried, walk.searched]
    const also = places.length === 0 ? 'looked nowhere else' : `also looked ${places.join(' and ')}`
    return { found: false, looked: walk.why === undefined ? also : `${also}; ${request.under}/ was not searched: ${walk.why}` }
  }

  private walk(root: SearchRoot): Promise<Walk> {
    let walk = this.walks.get(root)
    if (walk === undefined) {
      walk = this.walkFolder(root)
      walk.catch(() => this.walks.delete(root))
      this.walks.set(root, walk)
    }
    return walk
  }

  private async walkFolder(root: SearchRoot): Promise<Walk> {
    const byName = new Map<string, string[]>()
    const top = await this.store.list?.(root)
    if (top === undefined) {
      const canList = (await this.store.list?.('')) !== undefined
      return { byName, searched: undefined, why: canList ? `there is no ${root}/ folder` : 'the server cannot list folders' }
    }
    const queue: [string, string[]][] = [[root, top]]
    let listings = 1
    let files = 0
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [dir, entries] = next
      for (const entry of entries) {
        const path = joinPath(dir, entry)
        if (entry.endsWith('/')) {
          if (listings >= MAX_LISTINGS) continue
          listings += 1
          const inner = await this.store.list?.(path)
          if (inner !== undefined) queue.push([path, inner])
        } else if (EXTENSIONS[root].test(entry) && files < MAX_FILES) {
          files += 1
          const key = nameKey(entry)
          const list = byName.get(key)
          if (list === undefined) byName.set(key, [path])
          else list.push(path)
        }
      }
    }
    const bounded = listings >= MAX_LISTINGS || files >= MAX_FILES ? `, stopped at the limit of ${MAX_LISTINGS} folders or ${MAX_FILES} files` : ''
    return { byName, searched: `anywhere under ${root}/ (${listings} folder${listings === 1 ? '' : 's'} searched${bounded})` }
  }
}
