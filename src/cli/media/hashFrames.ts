/**
 * pHashes of an episode's frames, as ProcVLM's similarity rule needs them (hash and size per frame). A frame
 * that cannot be hashed keeps its place with no hash (its similarities then count as 1.0, with a warning); a
 * source that stops decoding is an error naming it.
 */
import { frameRanges } from '../../core/formats/flatLabels'
import type { PixelBuffer } from '../../core/frameStamp'
import { phashHex } from '../../core/phash'
import type { ProblemLog } from '../../core/problems'
import type { HashedFrame } from '../../core/similarities'

/** Hashes every frame `frames` yields; `name` names the source in messages. Empty when decoding failed. */
export async function hashFrames(name: string, frames: AsyncIterable<{ image: PixelBuffer }>, log: ProblemLog): Promise<HashedFrame[]> {
  const out: HashedFrame[] = []
  const failed: number[] = []
  try {
    for await (const { image } of frames) {
      let phash: string | undefined
      try {
        phash = phashHex(image)
      } catch {
        failed.push(out.length)
      }
      out.push({ phash, width: image.width, height: image.height })
    }
  } catch (e) {
    log.error('frames-unreadable', `${name}: ${e instanceof Error ? e.message : String(e)} (after ${out.length} frame(s))`)
    return []
  }
  if (failed.length > 0) log.warn('frame-not-hashed', `frames ${frameRanges(failed)} could not be hashed; their similarities count as 1.0`)
  return out
}
