/**
 * Episodes at the sizes robot datasets have (640×480, 720×480, 1280×720), three cameras each, generated under
 * test-results/bench-data/ for the player benchmark (e2e/bench/player.bench.ts) and encoded once:
 *
 * - episode 0: three AV1 cameras with a key frame every 2 frames (SVT-AV1, as LeRobot encodes);
 * - episode 1: three H.264 cameras with a 200-frame GOP and B-frames (x264 defaults), as many real recordings.
 *
 * The picture is ffmpeg's testsrc2 with sensor-like noise, each camera in another hue; every frame carries the
 * demo's frame stamp (core/frameStamp.ts), drawn by ffmpeg boxes this file derives from the stamp's layout, so
 * the benchmark checks that every frame shown is the frame asked for.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { STAMP_CELLS, STAMP_DATA_BITS, stampCellSize } from '../../src/core/frameStamp'
import { BENCH_DATA, lerobotMeta } from './editorData'

export const REAL_FPS = 30
export const CAMERAS = ['observation.images.front', 'observation.images.top', 'observation.images.wrist'] as const

export interface RealSizeDataset {
  root: string
  name: string
  width: number
  height: number
  frames: number
  episodes: { index: number; label: string; gop: number }[]
}

/** One ffmpeg expression per stamp cell: 1 where the cell is white for frame `n` (see stampCells). */
function cellExpressions(): string[] {
  const bit = (b: number) => `mod(floor(n/${2 ** b}),2)`
  const bits = Array.from({ length: STAMP_DATA_BITS }, (_, i) => bit(STAMP_DATA_BITS - 1 - i))
  const parity = `mod(${bits.join('+')},2)`
  return ['1', '0', ...bits, parity, '0']
}

/** The frame stamp as ffmpeg filters: a black row, then a white box per cell whose expression is 1. */
export function stampFilter(width: number): string {
  const cell = stampCellSize(width)
  const white = cellExpressions().flatMap((expr, i) => (expr === '0' ? [] : [
    `drawbox=x=${i * cell}:y=0:w=${cell}:h=${cell}:color=white:t=fill${expr === '1' ? '' : `:enable='eq(${expr},1)'`}`,
  ]))
  return [`drawbox=x=0:y=0:w=${STAMP_CELLS * cell}:h=${cell}:color=black:t=fill`, ...white].join(',')
}

const ENCODERS = {
  av1: ['-c:v', 'libsvtav1', '-preset', '10', '-g', '2', '-crf', '32', '-pix_fmt', 'yuv420p'],
  h264: ['-c:v', 'libx264', '-preset', 'veryfast', '-g', '200', '-keyint_min', '200', '-sc_threshold', '0', '-bf', '3', '-pix_fmt', 'yuv420p'],
} as const

function encode(file: string, o: { width: number; height: number; frames: number; hue: number; codec: keyof typeof ENCODERS }): void {
  mkdirSync(dirname(file), { recursive: true })
  const filters = `hue=h=${o.hue},noise=alls=6:allf=t,${stampFilter(o.width)}`
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${o.width}x${o.height}:rate=${REAL_FPS}`,
    '-frames:v', String(o.frames), '-vf', filters, ...ENCODERS[o.codec], '-movflags', '+faststart', file],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SVT_LOG: '1' } })
}

/** The dataset at `width`×`height` (encoded on first use; a parameters file decides whether it can be reused). */
export function makeRealSizeDataset(width: number, height: number, frames = 300): RealSizeDataset {
  const name = `real-${width}x${height}`
  const root = join(BENCH_DATA, name)
  const episodes = [{ index: 0, label: 'AV1, GOP 2', gop: 2, codec: 'av1' as const }, { index: 1, label: 'H.264, GOP 200, B-frames', gop: 200, codec: 'h264' as const }]
  const params = JSON.stringify({ width, height, frames, ENCODERS, stamp: stampFilter(width), version: 1 })
  const paramsFile = join(root, '.params')
  if (!existsSync(paramsFile) || readFileSync(paramsFile, 'utf8') !== params) {
    rmSync(root, { recursive: true, force: true })
    for (const ep of episodes) {
      CAMERAS.forEach((key, c) => encode(join(root, `videos/chunk-000/${key}/episode_${String(ep.index).padStart(6, '0')}.mp4`), {
        width, height, frames, hue: c * 120, codec: ep.codec,
      }))
    }
    writeFileSync(paramsFile, params)
  }
  // The metadata names the codec of episode 0; the player trusts each file.
  lerobotMeta(root, { frames, episodes: episodes.length, cameras: CAMERAS.map((key) => ({ key, codec: 'av1', width, height })) })
  return { root, name, width, height, frames, episodes: episodes.map(({ index, label, gop }) => ({ index, label, gop })) }
}
