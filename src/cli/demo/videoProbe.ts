/**
 * Checks on encoded videos with ffmpeg/ffprobe: the frame stamp of every decoded frame, and the stream's
 * codec, size and keyframe positions. Used by the demo dataset's tests.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readStamp, stampCellSize } from '@/core/frameStamp'

/** True when `ffmpeg` and `ffprobe` can be run. */
export function hasFfmpeg(): boolean {
  return ['ffmpeg', 'ffprobe'].every((b) => spawnSync(b, ['-version'], { stdio: 'ignore' }).status === 0)
}

/**
 * The stamp read from every frame of `path`, in decode-output (presentation) order; `undefined` where
 * unreadable. One ffmpeg process decodes the whole file and pipes only the stamp rows, as rgb24.
 */
export async function readVideoStamps(path: string, width: number): Promise<(number | undefined)[]> {
  const rows = stampCellSize(width) + (stampCellSize(width) % 2)
  const child = spawn('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:v:0', '-fps_mode', 'passthrough', '-vf', `crop=iw:${rows}:0:0`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => chunks.push(d))
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  if (code !== 0) throw new Error(`ffmpeg could not decode ${path}: ${stderr.trim()}`)
  const all = Buffer.concat(chunks)
  const frameBytes = width * rows * 3
  const out: (number | undefined)[] = []
  for (let o = 0; o + frameBytes <= all.length; o += frameBytes) {
    out.push(readStamp({ data: all.subarray(o, o + frameBytes), width, height: rows, channels: 3 }))
  }
  return out
}

export interface StreamInfo {
  codec: string
  width: number
  height: number
  pixFmt: string
  frames: number
  fps: string
  /** Presentation frame indices of the keyframes, ascending. */
  keyframes: number[]
}

export function probeVideo(path: string, fps: number): StreamInfo {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,pix_fmt,nb_frames,r_frame_rate:packet=pts_time,flags', '-of', 'json', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`ffprobe failed on ${path}: ${r.stderr}`)
  const j = JSON.parse(r.stdout) as { streams: Record<string, string | number>[]; packets: { pts_time: string; flags: string }[] }
  const s = j.streams[0]!
  return {
    codec: String(s.codec_name),
    width: Number(s.width),
    height: Number(s.height),
    pixFmt: String(s.pix_fmt),
    frames: Number(s.nb_frames),
    fps: String(s.r_frame_rate),
    keyframes: j.packets.filter((p) => p.flags.startsWith('K')).map((p) => Math.round(Number(p.pts_time) * fps)).sort((a, b) => a - b),
  }
}
