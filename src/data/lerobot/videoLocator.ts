/**
 * Finds a camera's video when it is not where the `video_path` template says: the usual LeRobot layouts with
 * the chunk computed either way, then (stores that can list) any file under `videos/` with the expected name in
 * a folder named after the camera.
 */
import type { FileStore } from '../fileStore'
import { basename, joinPath } from '../fileStore'

const MAX_LISTINGS = 2000
const MAX_FILES = 500_000

export interface LocatedVideo {
  path: string
  /** The file is not at the template's path. */
  moved: boolean
}

export class VideoLocator {
  private videoFiles: Promise<Map<string, string[]>> | undefined

  constructor(private readonly store: FileStore) {}

  /**
   * `templatePath` first, then `alternatives` (other layouts), then a search of `videos/`.
   * `undefined` when the video is nowhere.
   */
  async locate(key: string, templatePath: string, alternatives: string[]): Promise<LocatedVideo | undefined> {
    if ((await this.store.size(templatePath)) !== undefined) return { path: templatePath, moved: false }
    for (const candidate of alternatives) {
      if (candidate !== templatePath && (await this.store.size(candidate)) !== undefined) {
        return { path: candidate, moved: true }
      }
    }
    if (this.store.list === undefined) return undefined
    const files = await this.listVideos()
    const named = files.get(basename(templatePath)) ?? []
    const match = named.find((p) => p.split('/').includes(key))
    return match === undefined ? undefined : { path: match, moved: true }
  }

  private listVideos(): Promise<Map<string, string[]>> {
    this.videoFiles ??= this.walk()
    return this.videoFiles
  }

  private async walk(): Promise<Map<string, string[]>> {
    const byName = new Map<string, string[]>()
    const queue = ['videos']
    let listings = 0
    let files = 0
    while (queue.length > 0 && listings < MAX_LISTINGS && files < MAX_FILES) {
      const dir = queue.shift() ?? ''
      const entries = (await this.store.list?.(dir)) ?? []
      listings += 1
      for (const entry of entries) {
        const path = joinPath(dir, entry)
        if (entry.endsWith('/')) queue.push(path)
        else if (/\.(mp4|mkv|webm|mov)$/i.test(entry)) {
          files += 1
          const list = byName.get(entry)
          if (list === undefined) byName.set(entry, [path])
          else list.push(path)
        }
      }
    }
    return byName
  }
}

/** Where LeRobot v2.x videos end up in practice, besides the info.json template. */
export function v2VideoAlternatives(key: string, episodeIndex: number, chunksSize: number): string[] {
  const ep = `episode_${String(episodeIndex).padStart(6, '0')}.mp4`
  const chunks = new Set([Math.floor(episodeIndex / chunksSize), Math.floor(episodeIndex / 1000)])
  return [...chunks].flatMap((c) => {
    const chunk = `chunk-${String(c).padStart(3, '0')}`
    return [`videos/${chunk}/${key}/${ep}`, `videos/${key}/${chunk}/${ep}`]
  }).concat([`videos/${key}/${ep}`])
}
