/**
 * Decoding images and videos into PixelBuffers in Node, with ffmpeg as a child process.
 *
 * - A video: one ffmpeg process streams every frame as RGB (binary PPM on a pipe), converted by ffmpeg itself, so
 *   the pixels equal those of `ffmpeg -i video frame_%06d.png` (what the pHash reference hashes).
 * - An image, or a folder of images taken in natural order of their names: ffmpeg decodes, and for lossy WebP and
 *   YCbCr JPEG the last step (chroma upsampling + YUV -> RGB) is redone here the way libwebp / libjpeg-turbo do it,
 *   so the pixels match what PIL hands to imagehash (see docs/phash.md for how close). A folder is decoded in
 *   runs of same-format, same-size files through one ffmpeg process per run, because starting ffmpeg costs more
 *   than decoding a small frame.
 */
import { mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, extname, join, resolve } from 'node:path'
import type { PixelBuffer } from '../../core/frameStamp'
import { FALLBACK_OUTPUT_ARGS, planFor } from './decodePlan'
import type { DecodePlan } from './decodePlan'
import { FfmpegMissingError, MediaDecodeError, startFfmpeg } from './ffmpeg'
import { readImageHeader } from './imageHeader'
import type { ImageHeader } from './imageHeader'
import { compareNatural } from './naturalSort'
import { fixedFrames, ppmFrames } from './rawFrames'

export { FfmpegMissingError, MediaDecodeError } from './ffmpeg'

/** File extensions read as still images (lower case). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp'])

/** One frame of an episode: its 0-based position, a name for messages, and its pixels. */
export interface Frame {
  index: number
  name: string
  image: PixelBuffer
}

const HEADER_BYTES = 64 * 1024
// Decoded bytes buffered per ffmpeg run of a folder: bounds memory, and lets a run that went wrong be redone file
// by file without having yielded misattributed frames.
const RUN_BYTES = 48 * 1024 * 1024
const MAX_RUN_FILES = 2000

async function readHeader(path: string): Promise<ImageHeader | undefined> {
  const handle = await open(path, 'r')
  try {
    const buf = new Uint8Array(HEADER_BYTES)
    const { bytesRead } = await handle.read(buf, 0, HEADER_BYTES, 0)
    return readImageHeader(buf.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

function concatListLine(path: string): string {
  return `file '${resolve(path).replaceAll("'", "'\\''")}'`
}

/** Decode `files` (all with header `plan`'s format and size) through one ffmpeg process. */
async function decodeRun(files: string[], plan: DecodePlan): Promise<PixelBuffer[]> {
  let listDir: string | undefined
  // PIL does not apply EXIF orientation (imagehash hashes the stored pixels), so neither do we.
  const input: string[] = ['-noautorotate']
  if (files.length === 1) input.push('-i', files[0]!)
  else {
    listDir = await mkdtemp(join(tmpdir(), 'proclens-frames-'))
    const list = join(listDir, 'list.txt')
    await writeFile(list, files.map(concatListLine).join('\n') + '\n')
    // setpts=N: the concat input gives every image the same timestamp; numbering them keeps the muxer quiet.
    input.push('-f', 'concat', '-safe', '0', '-i', list, '-vf', 'setpts=N')
  }
  try {
    const run = startFfmpeg([...plan.inputArgs, ...input, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', plan.pixFmt, 'pipe:1'], files[0]!)
    const frames: PixelBuffer[] = []
    const leftover = { bytes: 0 }
    for await (const raw of fixedFrames(run.child.stdout, plan.frameBytes, leftover)) frames.push(plan.toPixels(raw))
    await run.done
    if (frames.length !== files.length || leftover.bytes !== 0) {
      throw new MediaDecodeError(files.length === 1 ? files[0]! : `${files[0]!} (+${String(files.length - 1)} more)`,
        `expected ${String(files.length)} frame(s), ffmpeg produced ${String(frames.length)}`)
    }
    return frames
  } finally {
    if (listDir !== undefined) await rm(listDir, { recursive: true, force: true })
  }
}

/** Decode a file we have no exact plan for: ffmpeg's own RGB conversion, size from the PPM header. */
async function decodeAlone(path: string): Promise<PixelBuffer> {
  const run = startFfmpeg(['-noautorotate', '-i', path, '-frames:v', '1', ...FALLBACK_OUTPUT_ARGS, 'pipe:1'], path)
  let image: PixelBuffer | undefined
  for await (const f of ppmFrames(run.child.stdout)) image ??= { data: f.data, width: f.width, height: f.height, channels: 3 }
  await run.done
  if (image === undefined) throw new MediaDecodeError(path, 'ffmpeg produced no image')
  return image
}

/** Decode one still image (PNG, JPEG, WebP, BMP, or anything else ffmpeg reads) to RGB. */
export async function decodeImageFile(path: string): Promise<PixelBuffer> {
  const header = await readHeader(path)
  if (header === undefined) return decodeAlone(path)
  const [image] = await decodeRun([path], planFor(header))
  return image!
}

/** The image files of `dir` (not hidden, known extensions), in natural order of their names. */
export async function listImageFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort(compareNatural)
    .map((name) => join(dir, name))
}

interface Run {
  files: string[]
  plan: DecodePlan | undefined
  /** Set when the file could not even be opened. */
  error?: Error
}

async function* planRuns(files: string[]): AsyncGenerator<Run> {
  let run: Run | undefined
  let key = ''
  for (const file of files) {
    let header: ImageHeader | undefined
    try {
      header = await readHeader(file)
    } catch (e) {
      if (run !== undefined) yield run
      run = undefined
      yield { files: [file], plan: undefined, error: e instanceof Error ? e : new Error(String(e)) }
      continue
    }
    const fileKey = header === undefined ? '' : `${header.variant}:${String(header.width)}x${String(header.height)}`
    const plan = header === undefined ? undefined : planFor(header)
    const full = run?.plan !== undefined && run.files.length >= Math.min(MAX_RUN_FILES, Math.max(1, Math.floor(RUN_BYTES / run.plan.frameBytes)))
    if (run !== undefined && (fileKey === '' || fileKey !== key || full)) {
      yield run
      run = undefined
    }
    if (run === undefined) {
      run = { files: [file], plan }
      key = fileKey
    } else run.files.push(file)
  }
  if (run !== undefined) yield run
}

/** One file of decodeImageFiles: its pixels, or why it could not be read. */
export type DecodedFile = { file: string; image: PixelBuffer; error?: never } | { file: string; error: Error; image?: never }

async function decodeOne(file: string, plan: DecodePlan | undefined): Promise<DecodedFile> {
  try {
    const image = plan === undefined ? await decodeAlone(file) : (await decodeRun([file], plan))[0]!
    return { file, image }
  } catch (e) {
    if (e instanceof FfmpegMissingError) throw e
    return { file, error: e instanceof Error ? e : new Error(String(e)) }
  }
}

/**
 * Decode `files` in the given order, one result per file; a file that cannot be read gives an `error` result
 * and the rest carry on. Throws only FfmpegMissingError.
 */
export async function* decodeImageFiles(files: string[]): AsyncGenerator<DecodedFile> {
  for await (const run of planRuns(files)) {
    if (run.error !== undefined) {
      yield { file: run.files[0]!, error: run.error }
      continue
    }
    if (run.files.length === 1 || run.plan === undefined) {
      yield await decodeOne(run.files[0]!, run.plan)
      continue
    }
    let images: PixelBuffer[] | undefined
    try {
      images = await decodeRun(run.files, run.plan)
    } catch (e) {
      if (e instanceof FfmpegMissingError) throw e
    }
    if (images !== undefined) for (const [i, image] of images.entries()) yield { file: run.files[i]!, image }
    // The run failed: decode file by file to tell the good files from the bad one.
    else for (const file of run.files) yield await decodeOne(file, run.plan)
  }
}

async function* readImageFolder(dir: string): AsyncGenerator<Frame> {
  let index = 0
  for await (const result of decodeImageFiles(await listImageFiles(dir))) {
    if (result.error !== undefined) {
      throw result.error instanceof MediaDecodeError ? result.error : new MediaDecodeError(result.file, result.error.message)
    }
    yield { index: index++, name: basename(result.file), image: result.image }
  }
}

async function* readVideo(path: string): AsyncGenerator<Frame> {
  const run = startFfmpeg(['-i', path, '-fps_mode', 'passthrough', '-f', 'image2pipe', '-c:v', 'ppm', '-pix_fmt', 'rgb24', 'pipe:1'], path)
  const name = basename(path)
  let index = 0
  let finished = false
  try {
    for await (const f of ppmFrames(run.child.stdout)) {
      yield { index, name: `${name}#${String(index)}`, image: { data: f.data, width: f.width, height: f.height, channels: 3 } }
      index++
    }
    await run.done
    finished = true
    if (index === 0) throw new MediaDecodeError(path, 'no video frames')
  } finally {
    // The consumer stopped early (or decoding failed): do not leave ffmpeg running.
    if (!finished && run.child.exitCode === null) run.child.kill('SIGKILL')
  }
}

/**
 * The frames of an episode, in order: `pathDirOrVideo` is a folder of images (natural order of the names,
 * e.g. `step_2` before `step_10`), a video file (every decoded frame), or a single image. Throws
 * FfmpegMissingError when ffmpeg is not installed and MediaDecodeError naming the file that cannot be decoded
 * (frames before it have been yielded).
 */
export async function* readFrames(pathDirOrVideo: string): AsyncGenerator<Frame> {
  const info = await stat(pathDirOrVideo)
  if (info.isDirectory()) yield* readImageFolder(pathDirOrVideo)
  else if (IMAGE_EXTENSIONS.has(extname(pathDirOrVideo).toLowerCase())) {
    yield { index: 0, name: basename(pathDirOrVideo), image: await decodeImageFile(pathDirOrVideo) }
  } else yield* readVideo(pathDirOrVideo)
}
