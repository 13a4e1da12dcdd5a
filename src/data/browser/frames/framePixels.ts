/**
 * The RGBA pixels of a decoded frame (a VideoFrame or an ImageBitmap from the player's sources), drawn once into
 * an OffscreenCanvas and read back, for the core's encoders (JPEG for ProcVQA images and model requests).
 */
import type { PixelBuffer } from '@/core/frameStamp'
import type { FrameImage } from './frameSource'

export function framePixels(image: FrameImage, width: number, height: number): PixelBuffer {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (context === null) throw new Error('no 2D canvas to read the frame back')
  context.drawImage(image, 0, 0, width, height)
  return { data: context.getImageData(0, 0, width, height).data, width, height, channels: 4 }
}
