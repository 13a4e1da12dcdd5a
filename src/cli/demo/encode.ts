/**
 * Encoding with Debian's ffmpeg: rgb24 frames on stdin, one process per camera. The flags are LeRobot's
 * (`libsvtav1 -g 2 -crf 30 -preset 8 -pix_fmt yuv420p`); the H.264 camera uses the same 2-frame GOP with no
 * B-frames, except in the long-GOP episode (x264's usual 250, with B-frames, no scene-cut keyframes).
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'

export interface EncodeSpec {
  codec: 'av1' | 'h264'
  /** Keyframe interval in frames. */
  gop: number
  width: number
  height: number
  fps: number
  path: string
}

/** x264 quality: flat schematic frames stay legible well above the default 23. */
export const H264_CRF = 28

/** The codec part of the ffmpeg command line (documented verbatim in docs/demo.md). */
export function codecArgs(spec: Pick<EncodeSpec, 'codec' | 'gop'>): string[] {
  if (spec.codec === 'av1') return ['-c:v', 'libsvtav1', '-g', String(spec.gop), '-crf', '30', '-preset', '8', '-pix_fmt', 'yuv420p']
  const gop = spec.gop <= 2 ? ['-g', String(spec.gop), '-bf', '0'] : ['-g', String(spec.gop), '-sc_threshold', '0']
  return ['-c:v', 'libx264', ...gop, '-crf', String(H264_CRF), '-pix_fmt', 'yuv420p']
}

export function ffmpegArgs(spec: EncodeSpec): string[] {
  return [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${spec.width}x${spec.height}`, '-r', String(spec.fps), '-i', 'pipe:0',
    '-an', ...codecArgs(spec), '-movflags', '+faststart', '-y', spec.path,
  ]
}

const QUEUED_FRAMES = 48

export interface Encoder {
  /** Queue one frame (copied); resolves when ffmpeg can take more. */
  write(rgb: Uint8Array): Promise<void>
  /** Close stdin and wait for ffmpeg to finish; rejects with ffmpeg's message on failure. */
  finish(): Promise<void>
}

export function startEncoder(spec: EncodeSpec): Encoder {
  const child = spawn('ffmpeg', ffmpegArgs(spec), { stdio: ['pipe', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve(code))
  })
  let failed: Error | undefined
  child.stdin.on('error', (e) => {
    failed = e
  })
  return {
    async write(rgb) {
      if (failed !== undefined) throw new Error(`ffmpeg stopped writing ${spec.path}: ${stderr !== '' ? stderr : failed.message}`)
      child.stdin.write(Buffer.from(rgb))
      // Let the renderer run up to QUEUED_FRAMES ahead, so neither encoder waits for the other.
      if (child.stdin.writableLength > QUEUED_FRAMES * rgb.length) await Promise.race([once(child.stdin, 'drain'), exited])
    },
    async finish() {
      child.stdin.end()
      const code = await exited
      if (code !== 0) throw new Error(`ffmpeg failed on ${spec.path} (exit ${String(code)}): ${stderr.trim()}`)
    },
  }
}
