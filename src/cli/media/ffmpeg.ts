/**
 * Running ffmpeg as a child process: the one place that knows the binary's name, how to say it is missing, and
 * how to turn its exit into an error that quotes what it printed.
 */
import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'

/** The ffmpeg binary: `$PROCLENS_FFMPEG` when set, else `ffmpeg` from PATH. */
export function ffmpegBinary(): string {
  const fromEnv = process.env['PROCLENS_FFMPEG']
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : 'ffmpeg'
}

/** ffmpeg is not installed (or not on PATH). */
export class FfmpegMissingError extends Error {
  constructor(binary: string) {
    super(`ffmpeg not found ('${binary}'): ProcLens decodes images and videos with it. Install it with ` +
      '`sudo apt-get install ffmpeg` (Debian/Ubuntu), or set PROCLENS_FFMPEG to its path.')
    this.name = 'FfmpegMissingError'
  }
}

/** ffmpeg ran but could not decode the input. */
export class MediaDecodeError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`cannot decode ${file}: ${detail}`)
    this.name = 'MediaDecodeError'
  }
}

/** A started ffmpeg: its process, and a promise of its exit (rejecting with one of the errors above). */
export interface FfmpegRun {
  child: ChildProcessWithoutNullStreams
  done: Promise<void>
}

const STDERR_KEEP = 4000

/** Start ffmpeg with `args` (after `-hide_banner -nostdin -v error`); `file` names the input in errors. */
export function startFfmpeg(args: string[], file: string): FfmpegRun {
  const binary = ffmpegBinary()
  const child = spawn(binary, ['-hide_banner', '-nostdin', '-v', 'error', ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  child.stdin.end()
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < STDERR_KEEP) stderr += chunk
  })
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new FfmpegMissingError(binary) : err)
    })
    child.on('close', (code, signal) => {
      if (code === 0) resolve()
      else {
        const why = stderr.trim().split('\n').slice(-3).join(' | ')
        reject(new MediaDecodeError(file, why !== '' ? why : `ffmpeg exited with ${signal ?? String(code)}`))
      }
    })
  })
  // The caller awaits `done` later; keep an early rejection from being reported as unhandled.
  done.catch(() => undefined)
  return { child, done }
}

/** Run ffmpeg to completion and return everything it wrote to stdout. */
export async function runFfmpeg(args: string[], file: string): Promise<Buffer> {
  const run = startFfmpeg(args, file)
  const chunks: Buffer[] = []
  run.child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  await run.done
  return Buffer.concat(chunks)
}
