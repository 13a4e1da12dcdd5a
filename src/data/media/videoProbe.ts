/**
 * Reads a camera's video for an episode and never throws: an absent, corrupt or truncated file becomes a
 * problem, and a file that is not an MP4 at all is named for what it is (containerProblems.ts). Indexes are
 * cached per path, because LeRobot v3.0 episodes share one file.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { VideoMedia } from '../DatasetSource'
import type { FileStore } from '../fileStore'
import { FileNotFoundError } from '../fileStore'
import { videoContainerProblem } from './containerProblems'
import type { Mp4Index } from './mp4Index'
import { Mp4Error, readMp4Index } from './mp4Index'
import type { VideoExpectation } from './videoChecks'
import { describeVideo } from './videoChecks'

export class VideoIndexCache {
  private readonly cache = new Map<string, Promise<Mp4Index>>()

  constructor(private readonly store: FileStore) {}

  /** The index of `path`, read once. A failed read is not cached, so a retry can succeed. */
  index(path: string): Promise<Mp4Index> {
    let entry = this.cache.get(path)
    if (entry === undefined) {
      entry = readMp4Index(this.store, path)
      entry.catch(() => this.cache.delete(path))
      this.cache.set(path, entry)
    }
    return entry
  }
}

export interface ProbeResult {
  media: VideoMedia | undefined
  problems: Problem[]
}

/** Indexes the video and checks it against what the dataset expects. */
export async function probeVideo(store: FileStore, cache: VideoIndexCache, expect: VideoExpectation): Promise<ProbeResult> {
  const where = { episode: expect.episode, file: expect.path }
  try {
    const index = await cache.index(expect.path)
    const media = describeVideo(index, expect)
    const url = await store.mediaUrl?.(expect.path)
    if (url !== undefined) media.url = url
    return { media, problems: media.problems }
  } catch (e) {
    if (e instanceof FileNotFoundError) {
      return { media: undefined, problems: [dataProblem('video-missing', `${expect.key}: ${expect.path} is absent`, where)] }
    }
    if (e instanceof Mp4Error) {
      const container = e.container === undefined ? undefined : videoContainerProblem(e.container, expect.key, where)
      return { media: undefined, problems: [container ?? dataProblem(e.kind, `${expect.key}: ${e.message}`, where)] }
    }
    const message = e instanceof Error ? e.message : String(e)
    return { media: undefined, problems: [dataProblem('video-corrupt', `${expect.key}: cannot read ${expect.path} (${message})`, where)] }
  }
}
