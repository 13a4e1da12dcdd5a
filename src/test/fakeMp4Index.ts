/**
 * Sample tables for tests: an Mp4Index whose samples (decode order) have given presentation ranks and sync
 * flags, at 30 fps. Not used by the app.
 */
import type { Mp4Index, Mp4Sample } from '@/data/media/mp4Index'

const TICK = 512

export function fakeMp4Index(ranks: readonly number[], sync: (sample: number) => boolean, offsetTicks = 0, sampleSize = 100): Mp4Index {
  const samples: Mp4Sample[] = ranks.map((r, i) => ({
    cts: r * TICK + offsetTicks, dts: i * TICK, duration: TICK, offset: 1000 + i * sampleSize, size: sampleSize, isSync: sync(i),
  }))
  return {
    codecString: 'avc1.64000d', codec: 'h264', width: 320, height: 240, displayWidth: 320, displayHeight: 240,
    pixelAspect: { h: 1, v: 1 }, timescale: TICK * 30, samples, frameCount: samples.length, fps: 30, variableFrameRate: false,
    presentationOffset: offsetTicks, durationSeconds: samples.length / 30, hasAudio: false, audioCodecs: [],
    fileSize: 1000 + samples.length * sampleSize, samplesBeyondEof: 0,
  }
}

/**
 * x264-style decode order with two B-frames between references and a key frame every `gop` frames
 * (closed GOPs): I0 P3 B1 B2 P6 B4 B5 ... Returns the presentation rank of each decode-order sample and the
 * sync flags.
 */
export function bFrameStream(frames: number, gop: number): { ranks: number[]; sync: (s: number) => boolean } {
  const ranks: number[] = []
  for (let start = 0; start < frames; start += gop) {
    const end = Math.min(frames, start + gop)
    ranks.push(start)
    let prev = start
    while (prev < end - 1) {
      const ref = Math.min(prev + 3, end - 1)
      ranks.push(ref)
      for (let b = prev + 1; b < ref; b++) ranks.push(b)
      prev = ref
    }
  }
  const keys = new Set(ranks.map((r, s) => (r % gop === 0 ? s : -1)).filter((s) => s >= 0))
  return { ranks, sync: (s) => keys.has(s) }
}
