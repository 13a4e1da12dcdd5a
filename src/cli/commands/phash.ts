/**
 * `proclens phash IMAGE... [--json]`: the perceptual hash ProcVLM's progress target uses (imagehash.phash, 64 bits
 * as 16 hex digits), computed by ProcLens for each image.
 */
import { phashHex } from '../../core/phash'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import type { Command } from '../command'
import { decodeImageFiles, FfmpegMissingError } from '../media/frames'
import { parseEpisodeList } from '../../core/episodeList'
import { readShard, SHARD_SPEC, SHARD_USAGE } from '../shard/shardOption'
import { runPhashDataset } from './phashDataset'

const usage = `Usage: proclens phash IMAGE... [--json]
       proclens phash DATASET --sidecar [--out DIR] [--episodes LIST] [--shard i/N]

Prints the perceptual hash of each image, equal to Python's str(imagehash.phash(PIL.Image.open(IMAGE))) (the
similarity ProcVLM's progress target is built on). PNG, JPEG, WebP and BMP; decoded with ffmpeg.

Options:
  --json    print [{"file": "...", "phash": "<16 hex digits>"}] on stdout (default: one "hash  file" line each)

Images that cannot be read are listed on stderr and make the exit code 1; the others are still printed.

With --sidecar, every frame of every camera of DATASET's episodes is hashed once and kept as a pHash sidecar
(DIR/.proclens/phash/<camera>/episode_NNNNNN.parquet; docs/corpus-jobs.md), which proclens progress, proclens
export and the app read instead of decoding. Sidecars already made from the same video are kept.
  --out DIR            where .proclens/phash goes (default: DATASET); with --shard, the shard's folder
  --episodes LIST      episode indices: 10, 0-9,12 (default: every episode)
${SHARD_USAGE}`

interface Row {
  file: string
  phash: string
}

export const phashCommand: Command = {
  name: 'phash',
  summary: 'perceptual hash of images, as imagehash.phash computes it',
  usage,
  async run(args) {
    const parsed = parseCommandArgs(args, {
      json: { type: 'boolean', default: false }, sidecar: { type: 'boolean', default: false },
      out: { type: 'string' }, episodes: { type: 'string' }, ...SHARD_SPEC,
    })
    const shard = readShard(parsed.values.shard)
    if (parsed.values.sidecar) {
      if (parsed.positionals.length !== 1) throw new UsageError(`--sidecar takes one DATASET folder, got ${parsed.positionals.length}`)
      if (shard !== undefined && parsed.values.out === undefined) throw new UsageError('--shard needs --out DIR, the shard\'s folder')
      let episodes: number[] | undefined
      if (parsed.values.episodes !== undefined) {
        const list = parseEpisodeList(parsed.values.episodes)
        if (!list.ok) throw new UsageError(`--episodes: ${list.reason}`)
        episodes = list.episodes
      }
      return runPhashDataset({ dataset: parsed.positionals[0]!, out: parsed.values.out, episodes, shard })
    }
    for (const flag of ['out', 'episodes', 'shard'] as const) if (parsed.values[flag] !== undefined) throw new UsageError(`--${flag} goes with --sidecar DATASET`)
    const files = parsed.positionals
    if (files.length === 0) throw new UsageError('no image given')

    const rows: Row[] = []
    const problems: string[] = []
    try {
      for await (const result of decodeImageFiles(files)) {
        if (result.error !== undefined) problems.push(`${result.file}: ${result.error.message}`)
        else rows.push({ file: result.file, phash: phashHex(result.image) })
      }
    } catch (e) {
      if (!(e instanceof FfmpegMissingError)) throw e
      console.error(`proclens phash: ${e.message}`)
      return EXIT_BAD_INPUT
    }

    if (parsed.values.json) console.log(JSON.stringify(rows))
    else for (const row of rows) console.log(`${row.phash}  ${row.file}`)
    for (const p of problems) console.error(`proclens phash: cannot read ${p}`)
    return problems.length > 0 ? EXIT_BAD_INPUT : EXIT_OK
  },
}
