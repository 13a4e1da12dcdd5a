/**
 * LeRobot v2.1 metadata: `meta/info.json` (shaped like a real v2.1 dataset's), `meta/episodes.jsonl` and
 * `meta/tasks.jsonl`.
 */
import { JOINT_NAMES } from './arm'

export interface CameraMeta {
  key: string
  codec: 'av1' | 'h264'
}

export interface InfoInput {
  fps: number
  width: number
  height: number
  cameras: readonly CameraMeta[]
  totalEpisodes: number
  totalFrames: number
  totalTasks: number
}

export const CHUNKS_SIZE = 1000
export const ROBOT_TYPE = 'proclens_demo_arm'

function scalar(dtype: string): object {
  return { dtype, shape: [1], names: null }
}

export function infoJson(input: InfoInput): object {
  const vector = { dtype: 'float32', shape: [JOINT_NAMES.length], names: [...JOINT_NAMES] }
  const video = (codec: string): object => ({
    dtype: 'video',
    shape: [input.height, input.width, 3],
    names: ['height', 'width', 'channel'],
    info: {
      'video.height': input.height,
      'video.width': input.width,
      'video.codec': codec,
      'video.pix_fmt': 'yuv420p',
      'video.is_depth_map': false,
      'video.fps': input.fps,
      'video.channels': 3,
      has_audio: false,
    },
  })
  return {
    codebase_version: 'v2.1',
    robot_type: ROBOT_TYPE,
    total_episodes: input.totalEpisodes,
    total_frames: input.totalFrames,
    total_tasks: input.totalTasks,
    total_videos: input.totalEpisodes * input.cameras.length,
    total_chunks: Math.ceil(input.totalEpisodes / CHUNKS_SIZE),
    chunks_size: CHUNKS_SIZE,
    fps: input.fps,
    splits: { train: `0:${input.totalEpisodes}` },
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4',
    features: {
      'observation.state': vector,
      action: vector,
      ...Object.fromEntries(input.cameras.map((c) => [c.key, video(c.codec)])),
      timestamp: scalar('float32'),
      frame_index: scalar('int64'),
      episode_index: scalar('int64'),
      index: scalar('int64'),
      task_index: scalar('int64'),
    },
  }
}

/** Relative path of an episode's parquet file. */
export function dataPath(episodeIndex: number): string {
  return `data/chunk-${String(Math.floor(episodeIndex / CHUNKS_SIZE)).padStart(3, '0')}/episode_${String(episodeIndex).padStart(6, '0')}.parquet`
}

/** Relative path of an episode's video for camera `key`. */
export function videoPath(episodeIndex: number, key: string): string {
  return `videos/chunk-${String(Math.floor(episodeIndex / CHUNKS_SIZE)).padStart(3, '0')}/${key}/episode_${String(episodeIndex).padStart(6, '0')}.mp4`
}
