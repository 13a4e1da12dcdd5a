/** A camera's decoded frames for one episode, whichever kind of media it is (video through ffmpeg, image files). */
import { join } from 'node:path'
import type { PixelBuffer } from '../../core/frameStamp'
import { ptsToFrame } from '../../core/time'
import type { CameraMedia } from '../../data/DatasetSource'
import { decodeImageFiles, readFrames } from './frames'

async function* imageFrames(root: string, paths: readonly string[]): AsyncGenerator<{ image: PixelBuffer }> {
  for await (const r of decodeImageFiles(paths.map((p) => join(root, p)))) {
    if (r.error !== undefined) throw r.error
    yield { image: r.image }
  }
}

/** A camera's frames of the episode; a LeRobot v3.0 span keeps only the episode's own frames of the shared file. */
export async function* cameraFrames(root: string, camera: CameraMedia, fps: number): AsyncGenerator<{ image: PixelBuffer }> {
  if (camera.kind === 'images') {
    yield* imageFrames(root, camera.paths)
    return
  }
  const first = camera.fromTimestamp === undefined ? 0 : ptsToFrame(camera.fromTimestamp, fps)
  let k = 0
  for await (const f of readFrames(join(root, camera.path))) {
    if (k >= first && k < first + camera.frames) yield f
    if (++k >= first + camera.frames) break
  }
}

