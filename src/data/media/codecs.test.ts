import { describe, expect, it } from 'vitest'
import { codecFromCodecString, codecFromMetadataName, isBrowserPlayable, reencodeCommand } from './codecs'

describe('codecs', () => {
  it.each([
    ['avc1.64001f', undefined, 'h264', true], ['avc3.42E01E', undefined, 'h264', true], ['hvc1.1.6.L93.B0', undefined, 'hevc', false],
    ['hev1.1.6.L93.B0', undefined, 'hevc', false], ['av01.0.04M.08', undefined, 'av1', true], ['vp09.00.10.08', undefined, 'vp9', true],
    ['mp4v', 0x20, 'mpeg4', false], ['mp4v.20.9', undefined, 'mpeg4', false], ['mp4v', 0x61, 'mpeg2', false], ['mp4v.6a', undefined, 'mpeg1', false],
    ['mjpa', undefined, 'mjpeg', false], ['xyz1', undefined, 'unknown', false],
  ])('%s (oti %s) is %s, playable %s', (codecString, oti, codec, playable) => {
    const c = codecFromCodecString(codecString, oti)
    expect(c).toBe(codec)
    expect(isBrowserPlayable(c)).toBe(playable)
  })

  it.each([['av1', 'av1'], ['libsvtav1', 'av1'], ['H264', 'h264'], ['hevc', 'hevc'], ['mpeg4', 'mpeg4'], ['vp9', 'vp9'], ['prores', 'unknown']])(
    'metadata name %s is %s', (name, codec) => expect(codecFromMetadataName(name)).toBe(codec))

  it('builds a re-encode command that keeps every frame, quoting paths that need it', () => {
    expect(reencodeCommand('videos/a/episode_000001.mp4')).toBe(
      'ffmpeg -i videos/a/episode_000001.mp4 -map 0:v:0 -c:v libx264 -pix_fmt yuv420p -crf 18 -g 2 -fps_mode passthrough -an -movflags +faststart videos/a/episode_000001.h264.mp4')
    expect(reencodeCommand("my videos/it's.mp4")).toContain(`-i 'my videos/it'\\''s.mp4'`)
  })
})
