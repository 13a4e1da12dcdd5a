// Damaged datasets for the bad-input corpus, as code: each row takes a valid dataset (the demo, LeRobot v2.1 with
// two AV1 cameras; or a LeRobot v3.0 fixture of three episodes in two data files), damages one file the way the
// row says, and names the problem the readers must report: its kind, the file and the episode. Made at test
// time from the project's own fixtures, never committed (the files/ corpus holds the text formats).
//
// Rows cover what the dataset tests elsewhere do not (src/data/messyDatasets.test.ts has missing videos and data,
// HEVC/MPEG-4 codecs, a moov cut off, VFR, frame counts and rates that disagree; mislabelledFiles.test.ts has
// Matroska/WebM/AVI/LFS/HTML under .mp4 names; media/mp4Index.test.ts has garbage and cut files, unit-level).
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet'
import { parquetHeader } from 'hyparquet/src/column.js'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { demoDatasetFiles } from '../fuzz/targets'
import type { FixtureFiles } from '../lerobotFixture'
import { lerobotV30Fixture } from '../lerobotFixture'

export interface DatasetRow {
  name: string
  /** The category the row belongs to. */
  category: 'zero-length video' | 'corrupted mp4 boxes' | 'truncated mp4' | 'parquet with missing columns' | 'damaged parquet' | 'meta that contradicts the files'
  base: 'demo' | 'v3.0'
  damage: (files: FixtureFiles) => Promise<void> | void
  kind: string
  file: string
  /** The episode the problem is on; undefined for a problem of the dataset (a meta file). */
  episode: number | undefined
  /** A phrase the message must hold: what is wrong, in the user's terms. */
  says: string
}

const FRONT = 'videos/chunk-000/observation.images.front/episode_000003.mp4'
const DEMO_DATA = 'data/chunk-000/episode_000003.parquet'
const V3_DATA = 'data/chunk-000/file-001.parquet'
const encoder = new TextEncoder()

/** The bases: the demo (7 episodes) and a v3.0 fixture whose episode 2 is alone in `V3_DATA`. */
export function baseFiles(base: DatasetRow['base']): FixtureFiles {
  return base === 'demo' ? demoDatasetFiles() : lerobotV30Fixture({ fps: 30, lengths: [20, 30, 25], cameras: [], withData: true, episodesPerFile: 2 })
}

/** Byte offset of the box at `path` (e.g. `['moov', 'trak', 'mdia']`), walking box headers from the start. */
export function boxOffset(bytes: Uint8Array, path: readonly string[]): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let start = 0
  let end = bytes.length
  let found = -1
  for (const type of path) {
    found = -1
    for (let at = start; at + 8 <= end; at += view.getUint32(at)) {
      if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === type) {
        found = at
        break
      }
    }
    if (found < 0) throw new Error(`no box ${path.join('/')}`)
    // Children start after the header; stsd's after its version, flags and entry count as well.
    start = found + (type === 'stsd' ? 16 : 8)
    end = found + view.getUint32(found)
  }
  return found
}

/** The file at `path` with its box at `box` given `size` as its size field. */
function setBoxSize(files: FixtureFiles, path: string, box: readonly string[], size: number): void {
  const bytes = files.get(path)!.slice()
  new DataView(bytes.buffer).setUint32(boxOffset(bytes, box), size)
  files.set(path, bytes)
}

const IDENTITY = ['timestamp', 'frame_index', 'episode_index', 'index', 'task_index']

/** The data file at `path` rewritten with its identity columns but `drop` (the demo's state and action go too). */
async function dropColumns(files: FixtureFiles, path: string, drop: string): Promise<void> {
  const bytes = files.get(path)!
  const columns = parquetSchema(parquetMetadata(bytes)).children.map((c) => c.element.name).filter((n) => IDENTITY.includes(n) && n !== drop)
  const rows = await parquetReadObjects({ file: bytes.slice().buffer, columns }) as Record<string, unknown>[]
  files.set(path, new Uint8Array(parquetWriteBuffer({
    columnData: columns.map((name) => ({ name, data: rows.map((r) => r[name]), type: name === 'timestamp' ? 'FLOAT' as const : 'INT64' as const })),
  })))
}

/** meta/info.json with `patch` applied. */
function patchInfo(files: FixtureFiles, patch: Record<string, unknown>): void {
  const info = JSON.parse(new TextDecoder().decode(files.get('meta/info.json'))) as Record<string, unknown>
  files.set('meta/info.json', encoder.encode(JSON.stringify({ ...info, ...patch }, null, 2)))
}

const STBL = ['moov', 'trak', 'mdia', 'minf', 'stbl']

export const DATASET_ROWS: DatasetRow[] = [
  {
    name: 'video-zero-length', category: 'zero-length video', base: 'demo', damage: (f) => void f.set(FRONT, new Uint8Array(0)),
    kind: 'video-truncated', file: FRONT, episode: 3, says: 'is empty (0 bytes)',
  },
  {
    name: 'video-moov-size-past-end', category: 'corrupted mp4 boxes', base: 'demo', damage: (f) => setBoxSize(f, FRONT, ['moov'], 10_000_000),
    kind: 'video-corrupt', file: FRONT, episode: 3, says: "box 'moov' at byte 32 says it is 10000000 bytes, past the end of the file (377143 bytes), but its contents end at byte 4422, where 'mdat' begins: its size is damaged",
  },
  {
    name: 'video-moov-size-short', category: 'corrupted mp4 boxes', base: 'demo', damage: (f) => setBoxSize(f, FRONT, ['moov'], 100),
    kind: 'video-corrupt', file: FRONT, episode: 3, says: "box 'mvhd' at byte 40 says it is 108 bytes, but its 'moov' ends at byte 132: the box sizes are damaged",
  },
  {
    name: 'video-trak-size-short', category: 'corrupted mp4 boxes', base: 'demo', damage: (f) => setBoxSize(f, FRONT, ['moov', 'trak'], 50),
    kind: 'video-corrupt', file: FRONT, episode: 3, says: "box 'tkhd' at byte 156 says it is 92 bytes, but its 'trak' ends at byte 198",
  },
  {
    name: 'video-stsz-size-huge', category: 'corrupted mp4 boxes', base: 'demo', damage: (f) => setBoxSize(f, FRONT, [...STBL, 'stsz'], 0x7fffffff),
    kind: 'video-corrupt', file: FRONT, episode: 3, says: "box 'stsz' at byte 2220 says it is 2147483647 bytes, but its 'stbl' ends at byte 4316",
  },
  {
    name: 'video-sample-entry-size', category: 'corrupted mp4 boxes', base: 'demo', damage: (f) => setBoxSize(f, FRONT, [...STBL, 'stsd', 'av01'], 100_000),
    kind: 'video-corrupt', file: FRONT, episode: 3, says: "box 'av01' at byte 457 says it is 100000 bytes, but its 'stsd' ends at byte 598",
  },
  {
    name: 'video-ftyp-size-under-8', category: 'corrupted mp4 boxes', base: 'demo', damage: (f) => setBoxSize(f, FRONT, ['ftyp'], 3),
    kind: 'video-corrupt', file: FRONT, episode: 3, says: "box 'ftyp' at byte 0 has an invalid size 3",
  },
  {
    name: 'video-cut-in-mdat', category: 'truncated mp4', base: 'demo', damage: (f) => void f.set(FRONT, f.get(FRONT)!.slice(0, 100_000)),
    kind: 'video-truncated', file: FRONT, episode: 3, says: '390 of 514 frames lie beyond its end (100000 bytes)',
  },
  {
    name: 'data-no-frame-index', category: 'parquet with missing columns', base: 'demo', damage: (f) => dropColumns(f, DEMO_DATA, 'frame_index'),
    kind: 'data-column-missing', file: DEMO_DATA, episode: 3, says: 'the data has no frame_index column; its 514 rows are numbered 0…513',
  },
  {
    name: 'data-no-timestamp', category: 'parquet with missing columns', base: 'demo', damage: (f) => dropColumns(f, DEMO_DATA, 'timestamp'),
    kind: 'data-column-missing', file: DEMO_DATA, episode: 3, says: "the data has no timestamp column; frames are timed at the metadata's 30 fps",
  },
  {
    name: 'v3-data-no-episode-index', category: 'parquet with missing columns', base: 'v3.0', damage: (f) => dropColumns(f, V3_DATA, 'episode_index'),
    kind: 'data-column-missing', file: V3_DATA, episode: 2, says: 'the data has no episode_index column, so rows 50–74 cannot be checked to hold episode 2',
  },
  {
    name: 'v3-data-no-index', category: 'parquet with missing columns', base: 'v3.0', damage: (f) => dropColumns(f, V3_DATA, 'index'),
    kind: 'data-column-missing', file: V3_DATA, episode: 2, says: "the data has no index column, so the file's first row is taken as global row 0",
  },
  {
    // The fuzzer's hang (dataset seed 1000249): 42 bytes zeroed from the first page header's last field (its
    // repetition_levels_byte_length and the closing stops) into the page. hyparquet 1.33 looped forever on it.
    name: 'v3-data-page-header-zeroed', category: 'damaged parquet', base: 'v3.0',
    damage: (f) => {
      const bytes = f.get(V3_DATA)!.slice()
      const index = parquetMetadata(bytes).row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === 'index')!
      const reader = { view: new DataView(bytes.buffer), offset: Number(index.meta_data!.data_page_offset) }
      parquetHeader(reader)
      bytes.fill(0, reader.offset - 5, reader.offset + 37)
      f.set(V3_DATA, bytes)
    },
    kind: 'data-unreadable', file: V3_DATA, episode: 2, says: `${V3_DATA}: the header of page 1 of column index lacks repetition_levels_byte_length: the file is damaged`,
  },
  {
    name: 'meta-total-frames', category: 'meta that contradicts the files', base: 'demo', damage: (f) => patchInfo(f, { total_frames: 50 }),
    kind: 'frame-total-mismatch', file: 'meta/episodes.jsonl', episode: undefined, says: 'info.json says total_frames 50 but the 7 episodes of meta/episodes.jsonl add up to 8002 frames',
  },
  {
    name: 'v3-meta-total-episodes', category: 'meta that contradicts the files', base: 'v3.0', damage: (f) => patchInfo(f, { total_episodes: 5, splits: { train: '0:5' } }),
    kind: 'episode-count-mismatch', file: 'meta/episodes/', episode: undefined, says: 'info.json says total_episodes 5 but meta/episodes/ lists 3 episodes',
  },
]
