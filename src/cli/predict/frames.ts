/**
 * An episode's camera frames for a model: decoded once in order (ffmpeg for video, image files otherwise,
 * through `cameraFrames`), and only the wanted ones encoded as JPEG (the core's pure-JS encoder, PIL's default
 * quality 75) and kept as base64, ready for a data URL.
 */
import { encodeJpeg } from '../../core/image/jpeg'
import { toBase64 } from '../../core/predict/base64'
import type { CameraMedia } from '../../data/DatasetSource'
import { cameraFrames } from '../commands/progressDataset'

/** Base64 JPEGs of the `wanted` frame indices the camera has; a frame past its end is simply absent. */
export async function jpegFrames(root: string, camera: CameraMedia, fps: number, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  if (wanted.size === 0) return out
  const last = Math.max(...wanted)
  let index = 0
  for await (const { image } of cameraFrames(root, camera, fps)) {
    if (wanted.has(index)) out.set(index, toBase64(encodeJpeg(image)))
    // Stop decoding once the last wanted frame is in: a short run over a long video need not read it all.
    if (++index > last) break
  }
  return out
}
