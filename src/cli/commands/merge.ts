/**
 * `proclens merge OUT SHARD_DIR...`: joins the outputs of one sharded run (`export`, `metrics`, `phash` or
 * `inspect` with `--shard i/N`) into what the unsharded run writes, byte for byte, after checking that the
 * shards are every shard of the same run, each complete (docs/corpus-jobs.md).
 */
import { stat } from 'node:fs/promises'
import { shardLabel } from '../../core/shard'
import type { Command } from '../command'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import { mergeExport } from '../shard/mergeExport'
import type { MergeResult } from '../shard/mergeExport'
import { mergeByCommand } from '../shard/mergeOthers'
import type { ShardFolder } from '../shard/shardFolder'
import { mergeOrder, readShardFolder, ShardError } from '../shard/shardFolder'
import { printExportProblems } from './export'

const usage = `Usage: proclens merge OUT SHARD_DIR... [options]
       proclens merge --out OUT SHARD_DIR... [options]

Joins the folders written by \`proclens export|metrics|phash|inspect ... --shard i/N --out SHARD_DIR\` into OUT,
byte for byte what the same command without --shard writes. Refused, naming the folders and episodes, unless the
folders are all N shards of one run (same dataset, options and N), each complete, covering every episode once.

What OUT receives:
  export    the export's files (every format)
  metrics   metrics.json (what --json prints) and metrics.txt (the table)
  inspect   inspect.json (what --json prints)
  phash     the sidecar files (.proclens/phash/...) for the dataset (docs/corpus-jobs.md)

Options:
  --out OUT        the output folder (instead of the first argument)
  --dataset PATH   export with lerobot: the dataset folder, when not where the shards read it
  --json           print {"command", "episodes", "files", "problems"} to stdout`

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: 'string' },
    dataset: { type: 'string' },
    json: { type: 'boolean', default: false },
  })
  const out = values.out ?? positionals[0]
  const dirs = values.out === undefined ? positionals.slice(1) : positionals
  if (out === undefined || out === '') throw new UsageError('OUT is required')
  if (dirs.length === 0) throw new UsageError('no SHARD_DIR given')
  if ((await stat(out).catch(() => undefined))?.isFile() === true) {
    console.error(`proclens merge: ${out} is a file; give a folder`)
    return EXIT_BAD_INPUT
  }
  let folders: ShardFolder[]
  let result: MergeResult
  try {
    folders = await Promise.all(dirs.map(readShardFolder))
    const entries = mergeOrder(folders)
    const plan = folders[0]!.plan
    result = plan.command === 'export'
      ? await mergeExport(out, plan, entries, { ...(values.dataset !== undefined ? { dataset: values.dataset } : {}) })
      : await mergeByCommand(plan.command, out, plan, entries)
  } catch (e) {
    if (!(e instanceof ShardError)) throw e
    console.error(`proclens merge: ${e.message}`)
    return EXIT_BAD_INPUT
  }
  const plan = folders[0]!.plan
  printExportProblems(result.problems)
  console.error(`merged ${folders.length} shard(s) of ${plan.shard.count} (${folders.map((f) => shardLabel(f.plan.shard)).sort().join(', ')}) of proclens ${plan.command}: ${result.episodes} episode(s), ${result.files} file(s) in ${out}`)
  if (values.json === true) console.log(JSON.stringify({ command: plan.command, episodes: result.episodes, files: result.files, problems: result.problems }))
  return result.problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'join the outputs of a sharded export, metrics, phash or inspect run (--shard i/N)',
  usage,
  run,
}
