/**
 * How ffmpeg is asked to decode a still image so that the pixels equal PIL's (see yuvToRgb.ts and docs/phash.md):
 * the ffmpeg arguments around the input, the bytes of one output frame, and the step from those bytes to RGB.
 */
import type { PixelBuffer } from '../../core/frameStamp'
import type { ImageHeader } from './imageHeader'
import { jpegYccToRgb, splitPlanes, webpYuv420ToRgb } from './yuvToRgb'

/** The decode recipe for images of one header (format variant and size). */
export interface DecodePlan {
  /** Decoder options, before `-i`. */
  inputArgs: string[]
  /** Output pixel format of the rawvideo stream. */
  pixFmt: string
  frameBytes: number
  toPixels(frame: Uint8Array): PixelBuffer
}

/**
 * ffmpeg's "int" IDCT is the IJG (libjpeg) integer algorithm, the closest ffmpeg has to PIL's default
 * JDCT_ISLOW: measured on the ECoT frames it leaves the fewest pixels one level off.
 */
const JPEG_INPUT_ARGS = ['-idct', 'int']

/** The plan for images with this header. */
export function planFor(header: ImageHeader): DecodePlan {
  const { width, height } = header
  const half = (n: number): number => (n + 1) >> 1
  const yuv = (chromaWidth: number, chromaHeight: number): { width: number; height: number; chromaWidth: number; chromaHeight: number } =>
    ({ width, height, chromaWidth, chromaHeight })
  switch (header.variant) {
    case 'webp-yuv420': {
      const size = yuv(half(width), half(height))
      return { inputArgs: [], pixFmt: 'yuv420p', frameBytes: planarBytes(size), toPixels: (f) => webpYuv420ToRgb(splitPlanes(f, size)) }
    }
    case 'jpeg-420': {
      const size = yuv(half(width), half(height))
      return { inputArgs: JPEG_INPUT_ARGS, pixFmt: 'yuvj420p', frameBytes: planarBytes(size), toPixels: (f) => jpegYccToRgb(splitPlanes(f, size), '420') }
    }
    case 'jpeg-422': {
      const size = yuv(half(width), height)
      return { inputArgs: JPEG_INPUT_ARGS, pixFmt: 'yuvj422p', frameBytes: planarBytes(size), toPixels: (f) => jpegYccToRgb(splitPlanes(f, size), '422') }
    }
    case 'jpeg-444': {
      const size = yuv(width, height)
      return { inputArgs: JPEG_INPUT_ARGS, pixFmt: 'yuvj444p', frameBytes: planarBytes(size), toPixels: (f) => jpegYccToRgb(splitPlanes(f, size), '444') }
    }
    case 'rgb':
      return { inputArgs: [], pixFmt: 'rgb24', frameBytes: width * height * 3, toPixels: (f) => ({ data: f, width, height, channels: 3 }) }
  }
}

function planarBytes(s: { width: number; height: number; chromaWidth: number; chromaHeight: number }): number {
  return s.width * s.height + 2 * s.chromaWidth * s.chromaHeight
}

/** Output options for a file whose header we could not read: RGB from ffmpeg's most careful conversion. */
export const FALLBACK_OUTPUT_ARGS = ['-sws_flags', 'accurate_rnd+full_chroma_int', '-f', 'image2pipe', '-c:v', 'ppm', '-pix_fmt', 'rgb24']
