// What hyparquet would trust, checked first (parquetPages.ts): valid files pass whole; each damage that made
// hyparquet 1.33 hang, abort the process or allocate without bound is named, as a table of hand-built pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parquetMetadata } from 'hyparquet'
import { ByteWriter } from 'hyparquet-writer'
import { writePageHeader } from 'hyparquet-writer/src/datapage.js'
import { describe, expect, it } from 'vitest'
import { memoryStore } from '@/test/lerobotExportFixture'
import { lerobotV21Fixture, lerobotV30Fixture } from '@/test/lerobotFixture'
import { openDataset } from './openDataset'
import { DamagedParquetError, openParquet, readParquetRows } from './parquet'
import type { ChunkBytes } from './parquetPages'
import { chunkDamage, rangeDamage } from './parquetPages'

const SHARED = fileURLToPath(new URL('../../../shared/datasets', import.meta.url))
const DEMO = fileURLToPath(new URL('../../public/demo', import.meta.url))

const parquetFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? parquetFiles(join(dir, e.name)) : e.name.endsWith('.parquet') ? [join(dir, e.name)] : [])

/** A page: its header (any fields, present or not, as a damaged file may have them) and its body. */
function page(header: Record<string, unknown>, body: number[]): number[] {
  const writer = new ByteWriter()
  writePageHeader(writer, { uncompressed_page_size: body.length, compressed_page_size: body.length, ...header } as Parameters<typeof writePageHeader>[1])
  return [...new Uint8Array(writer.getBuffer()), ...body]
}

const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]
const zeros = (n: number): number[] => Array.from({ length: n }, () => 0)
// 75 definition levels of 1 (all present): one RLE run, header 75 << 1 = 150 as a varint, then the value.
const LEVELS = [150, 1, 1]
const v2 = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  num_values: 75, num_nulls: 0, num_rows: 75, encoding: 'PLAIN', definition_levels_byte_length: 3, repetition_levels_byte_length: 0, is_compressed: false, ...over,
})
const v1 = (numValues: number, encoding: string): Record<string, unknown> =>
  ({ num_values: numValues, encoding, definition_level_encoding: 'RLE', repetition_level_encoding: 'RLE' })

/** An optional INT64 column of 75 rows (the shape of the v3.0 fixture's `index`), uncompressed. */
const chunk = (bytes: number[], over: Partial<ChunkBytes> = {}): ChunkBytes => ({
  column: 'index', bytes: Uint8Array.from(bytes), rows: 75, values: 75, codec: 'UNCOMPRESSED', type: 'INT64',
  maxDefinitionLevel: 1, maxRepetitionLevel: 0, flat: true, ...over,
})

const GOOD_V2 = page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2() }, [...LEVELS, ...zeros(600)])
// Data page v1 with a dictionary: the dictionary (2 values), then levels with a 4-byte length and 8-bit indices.
const DICT = page({ type: 'DICTIONARY_PAGE', dictionary_page_header: { num_values: 2, encoding: 'PLAIN' } }, zeros(16))
const v1Dict = (indices: number[]): number[] =>
  page({ type: 'DATA_PAGE', data_page_header: v1(75, 'RLE_DICTIONARY') }, [...u32(3), ...LEVELS, ...indices])

// [what, the chunk, the damage named (undefined: sound)]
const CASES: [string, ChunkBytes, string | undefined][] = [
  ['a sound v2 page', chunk(GOOD_V2), undefined],
  ['a sound v1 dictionary chunk (RLE run of index 1)', chunk([...DICT, ...v1Dict([8, 150, 1, 1])]), undefined],
  ['a sound v1 chunk with bit-packed indices (75 padded to 80)', chunk([...DICT, ...v1Dict([1, 21, ...zeros(10)])]), undefined],
  // hyparquet-writer's way: an RLE run first, then bit-packed eights whose last pads past the values (1 + 80 for 75).
  ['a sound v1 chunk with an RLE run, then bit-packed indices padded past the values', chunk([...DICT, ...v1Dict([1, 2, 0, 21, ...zeros(10)])]), undefined],
  // The fuzzer's hang (seed 1000249): no repetition_levels_byte_length, so hyparquet read at offset NaN forever.
  ['no repetition_levels_byte_length (the hang)',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ repetition_levels_byte_length: undefined }) }, [...zeros(603)])),
    'the header of page 1 of column index lacks repetition_levels_byte_length'],
  ['more values than the chunk has rows',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ num_values: 900 }) }, [...LEVELS, ...zeros(600)])),
    'the header of page 1 of column index says 900 values in a chunk of 75 rows'],
  ['two pages whose values add up past the rows',
    chunk([...GOOD_V2, ...page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ num_values: 1, num_rows: 1, definition_levels_byte_length: 0 }) }, zeros(8))]),
    'the header of page 2 of column index says 1 values in a chunk of 75 rows'],
  ['more rows than the chunk',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ num_rows: 80 }) }, [...LEVELS, ...zeros(600)])),
    'the header of page 1 of column index says 80 rows in a chunk of 75'],
  ['a page longer than its chunk', chunk(GOOD_V2.slice(0, -10)), 'page 1 of column index is 603 bytes but its column chunk has 593 left'],
  ['a decompressed size no codec reaches',
    chunk(page({ type: 'DATA_PAGE_V2', uncompressed_page_size: 2 ** 30, data_page_header_v2: v2() }, [...LEVELS, ...zeros(600)])),
    'the header of page 1 of column index says 603 bytes decompress to 1073741824'],
  ['a negative page size', chunk(page({ type: 'DATA_PAGE_V2', compressed_page_size: -5, data_page_header_v2: v2() }, [])), 'the header of page 1 of column index has compressed_page_size -5'],
  ['more nulls than values',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ num_nulls: 76 }) }, [...LEVELS, ...zeros(600)])),
    'the header of page 1 of column index says 76 nulls among 75 values'],
  ['levels longer than the page',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ definition_levels_byte_length: 900 }) }, [...LEVELS, ...zeros(600)])),
    'the header of page 1 of column index says its levels take 900 of its 603 bytes'],
  // One byte of the run header flipped: ~10⁹ repeats, which made V8 abort the process ("invalid size error").
  ['a definition-level run of a billion (the abort)',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ definition_levels_byte_length: 6 }) }, [0xfe, 0xff, 0xff, 0xff, 0x07, 1, ...zeros(600)])),
    'page 1 of column index: an RLE run of 1073741823 definition values where 75 remain'],
  ['a dictionary-index run past the values', chunk([...DICT, ...v1Dict([8, 0xb0, 0x01, 1])]), 'page 2 of column index: an RLE run of 88 dictionary index values where 75 remain'],
  ['dictionary indices wider than 32 bits', chunk([...DICT, ...v1Dict([40, 150, 1, 1])]), 'page 2 of column index: its dictionary indices say 40 bits each'],
  // v2 follows bit-packed runs even at width 0, counting without reading a byte: a loop of 2^34 steps.
  ['bit-packed indices of width 0 (v2)',
    chunk([...DICT, ...page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ encoding: 'RLE_DICTIONARY' }) }, [...LEVELS, 0, 0xff, 0xff, 0xff, 0xff, 0x0f])]),
    'page 2 of column index: a bit-packed run of -8 dictionary index values where 75 remain'],
  ['v1 levels cut short', chunk(page({ type: 'DATA_PAGE', data_page_header: v1(75, 'PLAIN') }, [1, 2])), 'page 1 of column index: its definition levels are cut short'],
  ['a header that is not one', chunk([0xff, 0xff, 0xff]), 'the header of page 1 of column index cannot be read'],
  ['an index page (hyparquet reads none)', chunk(page({ type: 'INDEX_PAGE' }, [])), 'the header of page 1 of column index has an unknown page type'],
  ['snappy data that does not decompress',
    chunk(page({ type: 'DATA_PAGE', uncompressed_page_size: 50, data_page_header: v1(75, 'PLAIN') }, [50, 0xff, 0xff]), { codec: 'SNAPPY' }),
    'page 1 of column index: its data does not decompress (snappy error end of input)'],
  ['a nested column: values bounded by the chunk, not the rows',
    chunk(page({ type: 'DATA_PAGE_V2', data_page_header_v2: v2({ num_values: 300, num_rows: 75, definition_levels_byte_length: 0 }) }, zeros(2400)),
      { flat: false, values: 150, maxDefinitionLevel: 0, column: 'action.list.element' }),
    'the header of page 1 of column action.list.element says 300 values, beyond the 150 of its chunk'],
]

describe('parquet pages checked before hyparquet decodes them', () => {
  it.each(CASES)('%s', (_, input, damage) => {
    expect(chunkDamage(input)).toBe(damage)
  })

  it('passes every valid file here: fixtures, the demo, and the shared real datasets when present', () => {
    const files: [string, Uint8Array][] = [
      ...lerobotV30Fixture({ fps: 30, lengths: [20, 30, 25], cameras: [{ key: 'cam', codec: 'h264' }], rowGroupSize: 7 }),
      ...lerobotV21Fixture({ fps: 30, episodes: [{ index: 0, length: 40 }], cameras: [] }),
    ].filter(([p]) => p.endsWith('.parquet'))
    for (const path of [DEMO, ...(existsSync(SHARED) ? [SHARED] : [])].flatMap(parquetFiles)) files.push([path, new Uint8Array(readFileSync(path))])
    expect(files.length).toBeGreaterThan(5)
    for (const [name, bytes] of files) expect(rangeDamage(parquetMetadata(bytes), undefined, 0, bytes), name).toBeUndefined()
  })
})

describe('the fuzzer\'s hang (dataset seed 1000249), through the readers', () => {
  const DATA = 'data/chunk-000/file-000.parquet'
  /**
   * A v3.0 dataset of two data files (episodes 0 and 1 in the first, 75 rows like the fuzzer's; episode 2 in the
   * second) with the fuzzer's damage to the first: 42 bytes zeroed from 20 bytes into column `index`'s chunk.
   */
  function damaged(): Map<string, Uint8Array> {
    const files = lerobotV30Fixture({ fps: 30, lengths: [45, 30, 25], cameras: [], withData: true, episodesPerFile: 2 })
    const bytes = files.get(DATA)!.slice()
    const index = parquetMetadata(bytes).row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === 'index')!
    const start = Number(index.meta_data!.data_page_offset)
    bytes.fill(0, start + 20, start + 62)
    return files.set(DATA, bytes)
  }
  const MESSAGE = `${DATA}: the header of page 1 of column index lacks repetition_levels_byte_length: the file is damaged`

  it('readParquetRows rejects with the file, the column and the page named', async () => {
    const handle = await openParquet(memoryStore(damaged(), { listing: true }), DATA)
    const read = readParquetRows(handle, { columns: ['index'] })
    await expect(read).rejects.toThrow(DamagedParquetError)
    await expect(read).rejects.toThrow(MESSAGE)
    // Columns the damage does not touch still read.
    expect(await readParquetRows(handle, { columns: ['frame_index'], rowStart: 45, rowEnd: 47 })).toEqual([{ frame_index: 0 }, { frame_index: 1 }])
  })

  it('each episode of the file has the problem; the list and the other file\'s episode still load', async () => {
    const source = await openDataset(memoryStore(damaged(), { listing: true }))
    expect((await source.listEpisodes(0, 3)).map((e) => [e.index, e.length])).toEqual([[0, 45], [1, 30], [2, 25]])
    for (const index of [0, 1]) {
      const episode = await source.loadEpisode(index)
      expect(episode.problems.map((p) => [p.kind, p.file, p.episode, p.message])).toEqual([['data-unreadable', DATA, index, MESSAGE]])
    }
    const other = await source.loadEpisode(2)
    expect([other.availability, other.problems, other.frames.origin, other.frames.frameIndex.length]).toEqual(['complete', [], 'data', 25])
  })
})
