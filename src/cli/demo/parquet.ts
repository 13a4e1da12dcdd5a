/**
 * Writes an episode's parquet file with the same physical schema LeRobot (pyarrow) writes: optional scalar
 * columns, `observation.state` and `action` as 3-level LIST<FLOAT>, and the `huggingface` features metadata.
 * hyparquet-writer writes a real LIST only from an explicit schema (platform-notes §5).
 */
import type { SchemaElement } from 'hyparquet-writer'
import type { EpisodeColumns } from './robotData'

function listOfFloat(name: string): SchemaElement[] {
  return [
    { name, repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'FLOAT', repetition_type: 'OPTIONAL' },
  ]
}

function scalar(name: string, type: 'FLOAT' | 'INT64'): SchemaElement {
  return { name, type, repetition_type: 'OPTIONAL' }
}

/** The `huggingface` key-value metadata `datasets` puts in every LeRobot parquet file. */
function huggingfaceMetadata(vectorLength: number): string {
  const seq = { feature: { dtype: 'float32', _type: 'Value' }, length: vectorLength, _type: 'Sequence' }
  const value = (dtype: string): object => ({ dtype, _type: 'Value' })
  return JSON.stringify({
    info: {
      features: {
        'observation.state': seq,
        action: seq,
        timestamp: value('float32'),
        frame_index: value('int64'),
        episode_index: value('int64'),
        index: value('int64'),
        task_index: value('int64'),
      },
    },
  })
}

/** The parquet file's bytes. */
export async function episodeParquet(cols: EpisodeColumns): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer')
  const big = (xs: number[]): bigint[] => xs.map((x) => BigInt(x))
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'observation.state', data: cols.state },
      { name: 'action', data: cols.action },
      { name: 'timestamp', data: cols.timestamp },
      { name: 'frame_index', data: big(cols.frameIndex) },
      { name: 'episode_index', data: big(cols.episodeIndex) },
      { name: 'index', data: big(cols.index) },
      { name: 'task_index', data: big(cols.taskIndex) },
    ],
    schema: [
      { name: 'schema', repetition_type: 'REQUIRED', num_children: 7 },
      ...listOfFloat('observation.state'),
      ...listOfFloat('action'),
      scalar('timestamp', 'FLOAT'),
      scalar('frame_index', 'INT64'),
      scalar('episode_index', 'INT64'),
      scalar('index', 'INT64'),
      scalar('task_index', 'INT64'),
    ],
    kvMetadata: [{ key: 'huggingface', value: huggingfaceMetadata(cols.state[0]?.length ?? 0) }],
    createdBy: 'proclens make-demo (hyparquet-writer 0.17.0)',
  })
  return new Uint8Array(buffer)
}
