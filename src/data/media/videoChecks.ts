/**
 * Turns a video's index into the camera's media description and the problems a reviewer must know about:
 * a codec the browser cannot decode (with the re-encode command), metadata that names another codec, variable
 * frame rate, frame count or fps that disagree with the data, non-square pixels, audio, truncation.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { VideoMedia } from '../DatasetSource'
import type { VideoCodec } from './codecs'
import { codecName, isBrowserPlayable, reencodeCommand, REENCODE_REASON } from './codecs'
import type { Mp4Index } from './mp4Index'
import { framesInSpan } from './mp4Index'

export interface VideoExpectation {
  key: string
  path: string
  episode: number
  /** The codec the metadata names, when it names one. */
  metadataCodec?: VideoCodec
  /** The episode's frame rate (from the dataset's metadata). */
  fps: number
  /** Rows of the episode's per-frame table; `undefined` when unknown. */
  frames: number | undefined
  /** LeRobot v3.0: the episode's span inside a shared file, in seconds. */
  span?: { from: number; to: number }
  /** Set when the fps difference is expected and explained elsewhere (DROID previews). */
  fpsNote?: string
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

function durationRange(index: Mp4Index): { min: number; max: number } {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < index.samples.length - 1; i++) {
    const d = index.samples[i]?.duration ?? 0
    min = Math.min(min, d)
    max = Math.max(max, d)
  }
  return { min, max }
}

function codecProblems(index: Mp4Index, expect: VideoExpectation, where: { episode: number; file: string }): Problem[] {
  const out: Problem[] = []
  if (!isBrowserPlayable(index.codec)) {
    out.push(dataProblem('codec-unsupported',
      `${expect.key}: the video is ${codecName(index.codec)} (${index.codecString}), which browsers do not decode ` +
      '(Chromium on Linux plays H.264, AV1 and VP9)',
      where,
      `re-encode it to H.264, keeping every frame, and replace the file: \`${reencodeCommand(expect.path)}\`. ${REENCODE_REASON}`))
  }
  if (expect.metadataCodec !== undefined && expect.metadataCodec !== 'unknown' && expect.metadataCodec !== index.codec) {
    out.push(dataProblem('codec-mismatch',
      `${expect.key}: the metadata says ${codecName(expect.metadataCodec)} but the file is ` +
      `${codecName(index.codec)} (${index.codecString}); ProcLens trusts the file`, where))
  }
  return out
}

function timingProblems(
  index: Mp4Index,
  expect: VideoExpectation,
  frames: number,
  where: { episode: number; file: string },
): Problem[] {
  const out: Problem[] = []
  if (index.variableFrameRate) {
    const { min, max } = durationRange(index)
    out.push(dataProblem('variable-frame-rate',
      `${expect.key}: variable frame rate (frame durations from ${round(min / index.timescale * 1000, 2)} to ` +
      `${round(max / index.timescale * 1000, 2)} ms); frame k is matched by its timestamp, not by k / fps`, where))
  }
  if (expect.fps > 0 && Math.abs(index.fps - expect.fps) / expect.fps > 0.01) {
    out.push(dataProblem('fps-mismatch',
      `${expect.key}: the video plays at ${round(index.fps, 2)} fps but the dataset's frame rate is ${expect.fps}` +
      (expect.fpsNote === undefined ? '' : ` (${expect.fpsNote})`), where))
  }
  if (expect.frames !== undefined && frames !== expect.frames) {
    out.push(dataProblem('frame-count-mismatch',
      `${expect.key}: the video has ${frames} frames for this episode but the per-frame table has ${expect.frames} rows` +
      (frames < expect.frames ? '; the last rows have no image' : '; the extra video frames are not in the data'),
      where))
  }
  return out
}

function fileProblems(index: Mp4Index, expect: VideoExpectation, where: { episode: number; file: string }): Problem[] {
  const out: Problem[] = []
  if (index.pixelAspect.h !== index.pixelAspect.v) {
    out.push(dataProblem('non-square-pixels',
      `${expect.key}: pixel aspect ${index.pixelAspect.h}:${index.pixelAspect.v}, so the ${index.width}x${index.height} ` +
      `frames display as ${index.displayWidth}x${index.displayHeight}; coordinates are in coded pixels`, where))
  }
  if (index.hasAudio) {
    out.push(dataProblem('audio-track',
      `${expect.key}: the file also has an audio track (${index.audioCodecs.join(', ')}); ProcLens ignores it`, where))
  }
  if (index.samplesBeyondEof > 0) {
    out.push(dataProblem('video-truncated',
      `${expect.key}: the file is truncated: ${index.samplesBeyondEof} of ${index.frameCount} frames lie beyond its ` +
      `end (${index.fileSize} bytes); those frames cannot be shown`, where))
  }
  return out
}

/** The media description of a video for one episode, and everything wrong with it. */
export function describeVideo(index: Mp4Index, expect: VideoExpectation): VideoMedia {
  const where = { episode: expect.episode, file: expect.path }
  const frames = expect.span === undefined ? index.frameCount : framesInSpan(index, expect.span.from, expect.span.to).count
  const media: VideoMedia = {
    key: expect.key,
    kind: 'video',
    path: expect.path,
    codec: index.codec,
    codecString: index.codecString,
    width: index.width,
    height: index.height,
    displayWidth: index.displayWidth,
    displayHeight: index.displayHeight,
    frames,
    fps: round(index.fps, 6),
    browserPlayable: isBrowserPlayable(index.codec),
    problems: [
      ...codecProblems(index, expect, where),
      ...timingProblems(index, expect, frames, where),
      ...fileProblems(index, expect, where),
    ],
  }
  if (expect.span !== undefined) {
    media.fromTimestamp = expect.span.from
    media.toTimestamp = expect.span.to
  }
  return media
}
