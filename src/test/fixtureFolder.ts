/**
 * Writes generated datasets to a temp folder for tests: the in-memory fixture files (lerobotFixture.ts) and
 * small videos made with ffmpeg (tests that need them skip when ffmpeg is absent).
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { FixtureFiles } from './lerobotFixture'

export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0

const run = promisify(execFile)

export const H264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart']

export function writeFiles(root: string, files: FixtureFiles): void {
  for (const [path, bytes] of files) writeFile(root, path, bytes)
}

export function writeFile(root: string, path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), bytes)
}

/** Moves a file inside `root`, making the target's folders. */
export function moveFile(root: string, from: string, to: string): void {
  mkdirSync(dirname(join(root, to)), { recursive: true })
  renameSync(join(root, from), join(root, to))
}

/** A 96x64 test-pattern video of `frames` frames at 30 fps, encoded with `args` (the format follows the name). */
export async function ffmpegVideo(root: string, path: string, args: string[], frames = 30): Promise<void> {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  await run('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=96x64:r=30', ...args, '-frames:v', String(frames), join(root, path)])
}
