/**
 * The one interface every dataset origin and format hides behind. Readers convert everything (BigInt, v2/v3
 * layout, image sequences) before it reaches these types; nothing downstream sees raw parquet rows.
 */
import type { Problem } from '@/core/problems'
import type { FileStore } from './fileStore'
import type { VideoCodec } from './media/codecs'
import type { Mp4Index } from './media/mp4Index'

export type DatasetFormat = 'lerobot-v2.1' | 'lerobot-v3.0' | 'image-sequence'

/** A camera as the dataset's metadata declares it (per-episode facts are in {@link CameraMedia}). */
export interface CameraInfo {
  key: string
  kind: 'video' | 'images'
  width?: number
  height?: number
  /** The codec the metadata names (LeRobot `video.codec`), normalised; the file may differ. */
  codec?: VideoCodec
  fps?: number
}

/**
 * The outcome a dataset records for an episode itself, independent of any VLM: DROID's `taskState`, a
 * LeRobot `success`-style field of the episode index, or the per-frame `next.success` column.
 */
export interface DatasetOutcome {
  success: boolean
  /** Where it was read, as the user would look for it: `information.json taskState "SUCCESS"`. */
  source: string
}

/** One row of the episode list. Cheap: read from the episode index without opening any episode file. */
export interface EpisodeSummary {
  /** The episode index (LeRobot `episode_index`; the position for image sequences). */
  index: number
  /** ProcVLM's episode name: `episode_000003` for LeRobot, the folder name for image sequences. */
  name: string
  /** Frames, from the episode index; `undefined` when the index is absent. */
  length: number | undefined
  task: string
  /** Set when the annotation index is known (local folders, a manifest, or after a full scan). */
  hasAnnotations?: boolean
  /** The dataset's own record of success, where its index carries one. */
  outcome?: DatasetOutcome
}

/** A camera's video for one episode, with the facts read from the file itself. */
export interface VideoMedia {
  key: string
  kind: 'video'
  path: string
  /** For `<video src>`; absent when the store cannot give a URL. */
  url?: string
  codec: VideoCodec
  /** The RFC 6381 string from the file (`avc1.64001f`), for `VideoDecoder.isConfigSupported`. */
  codecString: string
  /** Coded size. */
  width: number
  height: number
  /** Size after the pixel aspect ratio (equal to the coded size for square pixels). */
  displayWidth: number
  displayHeight: number
  /** Video frames belonging to this episode (inside `fromTimestamp..toTimestamp` for shared files). */
  frames: number
  fps: number
  /** LeRobot v3.0: the episode's span inside a video shared by several episodes, in seconds. */
  fromTimestamp?: number
  toTimestamp?: number
  /** The codec is one Chromium decodes (h264, av1, vp9); the app may refine with `isConfigSupported`. */
  browserPlayable: boolean
  problems: Problem[]
}

/** A camera stored as one image file per frame. */
export interface ImageMedia {
  key: string
  kind: 'images'
  /** Frame files in natural numeric order, relative to the dataset root. */
  paths: string[]
  width?: number
  height?: number
  problems: Problem[]
}

export type CameraMedia = VideoMedia | ImageMedia

/** The per-frame table of an episode, BigInt already converted. */
export interface FrameTable {
  /** Episode-local frame index (LeRobot `frame_index`; ProcVLM's `frame_id`). */
  frameIndex: Int32Array
  /** Seconds from the episode start. */
  timestamp: Float64Array
  /** LeRobot's dataset-global `index`, when the data has it. */
  globalIndex?: Float64Array
  taskIndex?: Int32Array
  /** `data`: read from the dataset; `synthesized`: built from length and fps because the data is absent. */
  origin: 'data' | 'synthesized'
}

export interface EpisodeData {
  index: number
  name: string
  /** Frames (rows of the per-frame table). */
  length: number
  fps: number
  task: string
  tasks: string[]
  /** `complete`: data and every camera present; `partial`: some; `missing`: nothing to show. */
  availability: 'complete' | 'partial' | 'missing'
  /** Cameras whose media is present, in metadata order. */
  cameras: CameraMedia[]
  frames: FrameTable
  /** Everything wrong with this episode, including each camera's problems. */
  problems: Problem[]
  /** The dataset's own record of success (index fields, DROID's task state, per-frame `next.success`). */
  outcome?: DatasetOutcome
}

export type AnnotationKind = 'proccorpus' | 'vlm-proposal' | 'truth' | 'inference'

/** An annotation file found next to a dataset (ProcVLM layout, see docs/datasets.md). */
export interface AnnotationFileRef {
  kind: AnnotationKind
  path: string
  /** Episode name the file belongs to. */
  episode: string
  /** ProcVLM dataset name segment of the path, when the layout has one. */
  dataset?: string
  /** Inference files: the model folder and the optional tag (`<episode>.<tag>.jsonl`). */
  model?: string
  tag?: string
}

/**
 * Which of an episode's files exist, found without reading them (folder listings or sizes): the list marks
 * missing episodes, "next episode" skips them, and the first episode opened is one that plays.
 */
export interface EpisodePresence {
  index: number
  /** The per-frame table's file exists; `undefined` where the format has none (image sequences). */
  data: boolean | undefined
  /** Each camera the metadata declares, in metadata order, and whether its media exists. */
  cameras: { key: string; present: boolean }[]
  /** The file paths that are absent, for the list's tooltip. */
  absent: string[]
}

export interface ScanProgress {
  done: number
  total: number
}

/** The result of reading the whole episode index. */
export interface EpisodeScan {
  episodes: EpisodeSummary[]
  /** Episodes actually listed in the index (may differ from the metadata's count: see problems). */
  episodeCount: number
  problems: Problem[]
}

export interface DatasetSource {
  readonly format: DatasetFormat
  /** ProcVLM's `dataset_name`: the root folder's name. */
  readonly name: string
  readonly fps: number
  readonly cameras: CameraInfo[]
  /** From the metadata (LeRobot `total_episodes`); a full scan verifies it. */
  readonly episodeCount: number
  /** Dataset-level problems found while opening. */
  readonly problems: Problem[]
  readonly store: FileStore
  /** Episodes with index in `[start, end)`, reading only the part of the index they need. */
  listEpisodes(start: number, end: number): Promise<EpisodeSummary[]>
  /** Never rejects on bad content: an absent or broken episode comes back with problems. */
  loadEpisode(index: number): Promise<EpisodeData>
  findAnnotations(episodeIndex: number): Promise<AnnotationFileRef[]>
  /**
   * Which files of the episodes `[start, end)` exist, without reading them. Never rejects on an absent file;
   * misplaced videos found nearby count as present (opening the episode reports where they were).
   */
  checkPresence(start: number, end: number): Promise<EpisodePresence[]>
  /** Reads the whole index in the background (filters, sorting, counts). */
  scanAllEpisodes(onProgress?: (p: ScanProgress) => void, signal?: AbortSignal): Promise<EpisodeScan>
  /** The sample table of a video file, read once and cached (the frame player decodes from it). */
  videoIndex(path: string): Promise<Mp4Index>
}
