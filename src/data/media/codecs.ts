/**
 * Video codec names, what Chromium can decode (docs/platform-notes §10), and the re-encode advice we give
 * when it cannot.
 */

export type VideoCodec =
  | 'h264'
  | 'hevc'
  | 'av1'
  | 'vp9'
  | 'vp8'
  | 'mpeg4'
  | 'mpeg2'
  | 'mpeg1'
  | 'mjpeg'
  | 'unknown'

const CODEC_NAMES: Record<VideoCodec, string> = {
  h264: 'H.264', hevc: 'HEVC (H.265)', av1: 'AV1', vp9: 'VP9', vp8: 'VP8', mpeg4: 'MPEG-4 Part 2',
  mpeg2: 'MPEG-2', mpeg1: 'MPEG-1', mjpeg: 'Motion JPEG', unknown: 'an unknown codec',
}

/** A human name for a codec ("HEVC (H.265)"). */
export function codecName(codec: VideoCodec): string {
  return CODEC_NAMES[codec]
}

const PLAYABLE: ReadonlySet<VideoCodec> = new Set<VideoCodec>(['h264', 'av1', 'vp9'])

/** Chromium plays and WebCodecs-decodes these (H.264, AV1, VP9); HEVC and MPEG-4 Part 2 fail on Linux. */
export function isBrowserPlayable(codec: VideoCodec): boolean {
  return PLAYABLE.has(codec)
}

/**
 * The codec of an RFC 6381 string or sample-entry fourcc (`avc1.64001f`, `hvc1…`, `av01…`, `vp09…`, `mp4v`).
 * `oti` is the MPEG-4 object type of an `mp4v` entry: 0x20 is Part 2, 0x60–0x65 MPEG-2, 0x6A MPEG-1.
 */
export function codecFromCodecString(codecString: string, oti?: number): VideoCodec {
  const fourcc = codecString.slice(0, 4).toLowerCase()
  switch (fourcc) {
    case 'avc1':
    case 'avc3':
      return 'h264'
    case 'hvc1':
    case 'hev1':
      return 'hevc'
    case 'av01':
      return 'av1'
    case 'vp09':
      return 'vp9'
    case 'vp08':
      return 'vp8'
    case 'mjpa':
    case 'mjpb':
    case 'jpeg':
      return 'mjpeg'
    case 'mp4v': {
      const type = oti ?? Number.parseInt(codecString.split('.')[1] ?? '20', 16)
      if (type >= 0x60 && type <= 0x65) return 'mpeg2'
      if (type === 0x6a) return 'mpeg1'
      if (type === 0x6c) return 'mjpeg'
      return 'mpeg4'
    }
    default:
      return 'unknown'
  }
}

const METADATA_NAMES: Record<string, VideoCodec> = {
  h264: 'h264', avc: 'h264', avc1: 'h264', libx264: 'h264', x264: 'h264', 'h.264': 'h264',
  hevc: 'hevc', h265: 'hevc', 'h.265': 'hevc', libx265: 'hevc', hvc1: 'hevc', x265: 'hevc',
  av1: 'av1', av01: 'av1', libsvtav1: 'av1', 'libaom-av1': 'av1', libdav1d: 'av1', librav1e: 'av1',
  vp9: 'vp9', 'libvpx-vp9': 'vp9', vp09: 'vp9', vp8: 'vp8', libvpx: 'vp8',
  mpeg4: 'mpeg4', mp4v: 'mpeg4', mpeg2video: 'mpeg2', mpeg1video: 'mpeg1', mjpeg: 'mjpeg',
}

/** Normalises a codec name as metadata writes it (LeRobot `video.codec`: `av1`, `h264`, `libsvtav1`, …). */
export function codecFromMetadataName(name: string): VideoCodec {
  return METADATA_NAMES[name.trim().toLowerCase()] ?? 'unknown'
}

/** Quotes a path for a POSIX shell when it needs it. */
export function shellQuote(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`
}

/**
 * The exact command that re-encodes a video so every browser decodes it, keeping every frame. The output goes
 * next to the input; replacing the original keeps the dataset's paths valid.
 */
export function reencodeCommand(path: string): string {
  const out = path.replace(/\.[^./]+$/, '') + '.h264.mp4'
  return [
    'ffmpeg -i', shellQuote(path),
    '-map 0:v:0 -c:v libx264 -pix_fmt yuv420p -crf 18 -g 2 -fps_mode passthrough -an -movflags +faststart',
    shellQuote(out),
  ].join(' ')
}

/** Why {@link reencodeCommand} has the options it has (shown with it; options in backticks, as remedies write code). */
export const REENCODE_REASON =
  'H.264 decodes in every current browser; `-fps_mode passthrough` keeps every frame with its timestamp so ' +
  '`frame_index` still matches the data; `-g 2` keeps frame stepping fast; `-an` drops audio. For AV1 (smaller, ' +
  "LeRobot's default) use `-c:v libsvtav1 -crf 30 -g 2 -preset 8` instead of the libx264 options."
