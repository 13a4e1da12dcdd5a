/**
 * A small generated LeRobot v2.1 dataset whose videos the browser cannot use: episode 0 plays (H.264),
 * episode 1 is MPEG-4 Part 2 in an MP4, episode 2 is HEVC in a Matroska file named .mp4. For the problem rows'
 * end-to-end test (and a screenshot script that imports it).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { lerobotV21Fixture } from '../src/test/lerobotFixture'

export const CAMERA = 'observation.images.front'

export function videoPath(episode: number): string {
  return `videos/chunk-000/${CAMERA}/episode_${String(episode).padStart(6, '0')}.mp4`
}

const ENCODINGS = [
  ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
  ['-c:v', 'mpeg4'],
  ['-c:v', 'libx265', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p', '-f', 'matroska'],
]

/** Writes the dataset into a new temp folder, as `<folder>/undecodable`, and returns that path. */
export function writeUndecodableDataset(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'proclens-undecodable-')), 'undecodable')
  const files = lerobotV21Fixture({
    fps: 30, cameras: [{ key: CAMERA, codec: 'h264' }],
    episodes: ENCODINGS.map((_, index) => ({ index, length: 30, task: 'put the cup on the plate' })),
  })
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), bytes)
  }
  ENCODINGS.forEach((args, episode) => {
    const file = join(root, videoPath(episode))
    mkdirSync(dirname(file), { recursive: true })
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=128x96:r=30', ...args, '-frames:v', '30', file])
  })
  return root
}
