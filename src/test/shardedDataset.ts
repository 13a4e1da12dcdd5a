/**
 * A generated multi-episode LeRobot v3.0 dataset for the sharding tests: nine short episodes in three shared
 * data and video files (so a LeRobot file's episodes fall in different shards), one camera made with ffmpeg
 * (so ProcVQA has frames to decode), and a records file with every episode's labels and a review (so the
 * selection lists have entries) plus one episode without a record (skipped, as the unsharded export skips it).
 */
import { writeFileSync } from 'node:fs'
import { episodeRecordLine } from '@/core/formats/records'
import type { ReviewStatus } from '@/core/review'
import { docOf } from './docs'
import { ffmpegVideo, H264, writeFiles } from './fixtureFolder'
import { lerobotV30Fixture } from './lerobotFixture'

export const SHARDED_LENGTHS = [30, 24, 36, 30, 27, 33, 24, 30, 36]
export const SHARDED_CAMERA = 'observation.images.front'
const PER_FILE = 3
const STATUSES: ReviewStatus[] = ['accepted', 'rejected', 'flagged', 'unreviewed', 'accepted', 'in-progress', 'accepted', 'rejected']

/** Writes the dataset into `root` (named `name` in exports: the folder's name) and the records file to `records`. */
export async function writeShardedDataset(root: string, records: string, name: string): Promise<void> {
  const lengths = SHARDED_LENGTHS
  writeFiles(root, lerobotV30Fixture({ fps: 30, lengths, cameras: [{ key: SHARDED_CAMERA, codec: 'h264', width: 96, height: 64 }], episodesPerFile: PER_FILE }))
  for (let file = 0; file * PER_FILE < lengths.length; file++) {
    const frames = lengths.slice(file * PER_FILE, (file + 1) * PER_FILE).reduce((a, b) => a + b, 0)
    await ffmpegVideo(root, `videos/${SHARDED_CAMERA}/chunk-000/file-${String(file).padStart(3, '0')}.mp4`, H264, frames)
  }
  const lines = lengths.map((length, i) => {
    if (i === 7) return '' // no labels for episode 7
    const step = Math.floor((length - 4) / 3)
    const doc = docOf([[`Grasp the cup ${i % 2}.`, step], ['Lift the cup.', step], ['Place the cup.', length - 4 - 2 * step], ['tail', 4]], { episode: `episode_${String(i).padStart(6, '0')}` })
    return episodeRecordLine({ doc: { ...doc, dataset: name, episodeIndex: i }, review: { status: STATUSES[i % STATUSES.length]!, reviewer: 'ana', updatedAt: 1_700_000_000_000 + i } })
  })
  writeFileSync(records, lines.join(''))
}
