/**
 * The problem to report when a file is not what its name says, in the words of what it really is
 * (containerProbe.ts): for a camera, the container and codec as probed, whether browsers decode that codec,
 * and the command that turns it into the MP4 ProcLens plays; for a data file, what it is instead of parquet.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import { codecName, isBrowserPlayable, reencodeCommand, REENCODE_REASON } from './codecs'
import type { ContainerProbe } from './containerProbe'
import { containerName, PROBE_BYTES } from './containerProbe'

interface Where {
  episode: number
  file: string
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`
}

function lfsObject(probe: ContainerProbe): string {
  if (probe.lfs === undefined) return ''
  return ` for a ${formatBytes(probe.lfs.size)} object (${probe.lfs.oid.slice(0, 19)}…)`
}

function quoted(probe: ContainerProbe): string {
  return probe.text === undefined ? '' : ` ("${probe.text}")`
}

/** "it holds HEVC (H.265) video (V_MPEGH/ISO/HEVC), which browsers do not decode, and". */
function codecClause(probe: ContainerProbe): string {
  if (probe.codec === undefined) return `its first ${PROBE_BYTES / 1024} KiB do not name its video codec, and`
  const named = probe.codec === 'unknown' ? `video in codec ${probe.codecId ?? '?'}` : `${codecName(probe.codec)} video (${probe.codecId ?? '?'})`
  return `it holds ${named}, which browsers ${isBrowserPlayable(probe.codec) ? 'decode, but' : 'do not decode, and'}`
}

/**
 * The problem of a camera's file that is not an MP4 at all. `undefined` for an MP4 or an unknown format: the
 * MP4 reader's own message is then the best we have.
 */
export function videoContainerProblem(probe: ContainerProbe, key: string, where: Where): Problem | undefined {
  const path = where.file
  switch (probe.container) {
    case 'matroska':
    case 'webm':
    case 'avi':
    case 'mpeg-ts':
    case 'mpeg-ps':
      return dataProblem('video-container-unsupported',
        `${key}: ${path} is ${containerName(probe.container)}, not an MP4: ${codecClause(probe)} ProcLens reads ` +
        'frames only from MP4 files',
        where,
        `re-encode it to an H.264 MP4, keeping every frame, and replace the file with it: \`${reencodeCommand(path)}\`. ` +
        REENCODE_REASON)
    case 'lfs-pointer':
      return dataProblem('lfs-pointer',
        `${key}: ${path} is a Git LFS pointer${lfsObject(probe)}, not the video: the dataset was cloned or copied ` +
        'without its Git LFS files', where)
    case 'html':
    case 'text':
      return dataProblem('video-is-text',
        `${key}: ${path} is ${containerName(probe.container)}${quoted(probe)}, not a video: a download saved ` +
        `${probe.container === 'html' ? 'a web page (an error, login or preview page)' : "a server's message"} under the video's name`,
        where)
    case 'empty':
      return dataProblem('video-truncated', `${key}: ${path} is empty (0 bytes): a download or copy did not finish`,
        where, 'download or copy the file again')
    case 'mp4':
    case 'unknown':
      return undefined
  }
}

/**
 * The problem of a data file that cannot be read as parquet, saying what it is when its first bytes tell
 * (an LFS pointer, a web page); `undefined` when they do not, and the parquet reader's message must do.
 */
export function dataFileProblem(probe: ContainerProbe, where: Where): Problem | undefined {
  const path = where.file
  switch (probe.container) {
    case 'lfs-pointer':
      return dataProblem('lfs-pointer',
        `${path} is a Git LFS pointer${lfsObject(probe)}, not the parquet file: the dataset was cloned or copied ` +
        'without its Git LFS files', where)
    case 'html':
    case 'text':
      return dataProblem('data-unreadable',
        `${path} is ${containerName(probe.container)}${quoted(probe)}, not a parquet file: a download saved it under the data file's name`,
        where, 'download the file again from a URL that serves the file itself (on the Hugging Face Hub ' +
        '`…/resolve/main/…`, not `…/blob/main/…`)')
    case 'empty':
      return dataProblem('data-unreadable', `${path} is empty (0 bytes): a download or copy did not finish`, where,
        'download or copy the file again')
    case 'mp4':
    case 'matroska':
    case 'webm':
    case 'avi':
    case 'mpeg-ts':
    case 'mpeg-ps':
    case 'unknown':
      return undefined
  }
}
