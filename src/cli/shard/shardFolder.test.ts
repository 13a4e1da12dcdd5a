import { describe, expect, it } from 'vitest'
import type { JournalEntry, ShardFolder, ShardPlan } from './shardFolder'
import { listHash, mergeOrder, ShardError } from './shardFolder'

const NAMES = ['episode_000000', 'episode_000001', 'episode_000002', 'episode_000003', 'episode_000004']

/** A shard folder in memory: `ranks` planned, `done` journaled (default: all of them). */
function folder(dir: string, index: number, count: number, ranks: number[], options: { done?: number[]; seed?: number; names?: string[] } = {}): ShardFolder {
  const names = options.names ?? NAMES
  const plan: ShardPlan = {
    kind: 'proclens-shard', version: 1, command: 'export', dataset: 'gen', options: { formats: ['records'], seed: options.seed ?? 0 },
    shard: { index, count }, total: names.length, listHash: listHash(names), episodes: ranks.map((rank) => ({ rank, name: names[rank]! })),
  }
  const done = new Map<number, JournalEntry>((options.done ?? ranks).map((rank) => [rank, { rank, name: names[rank]! }]))
  return { dir, plan, done }
}

function refusal(folders: ShardFolder[]): string {
  try {
    mergeOrder(folders)
  } catch (e) {
    if (e instanceof ShardError) return e.message
    throw e
  }
  return 'merged'
}

describe('mergeOrder', () => {
  it('orders the episodes as the unsharded run did, whatever order the folders come in', () => {
    const order = mergeOrder([folder('b', 1, 2, [1, 4]), folder('a', 0, 2, [0, 2, 3])])
    expect(order.map((e) => [e.entry.name, e.folder.dir])).toEqual([
      ['episode_000000', 'a'], ['episode_000001', 'b'], ['episode_000002', 'a'], ['episode_000003', 'a'], ['episode_000004', 'b'],
    ])
  })

  it.each<[string, () => ShardFolder[], RegExp]>([
    ['no folder', () => [], /no shard folder given/],
    ['a missing shard', () => [folder('a', 0, 3, [0, 3]), folder('c', 2, 3, [2])], /shard\(s\) 1\/3 missing: their episodes are in no folder given \(run the same command with --shard 1\/3\)/],
    ['a shard given twice', () => [folder('a', 0, 2, [0, 2, 3]), folder('b', 1, 2, [1, 4]), folder('b2', 1, 2, [1, 4])], /shard 1\/2 is given 2 times: b, b2; its episodes would be duplicated/],
    ['an incomplete shard, naming what it has not done', () => [folder('a', 0, 2, [0, 2, 3], { done: [0] }), folder('b', 1, 2, [1, 4])], /shard 0\/2 in a is incomplete: 1 of 3 episode\(s\) done, missing episode_000002, episode_000003; run the same command again to resume it/],
    ['another run\'s options', () => [folder('a', 0, 2, [0, 2, 3]), folder('b', 1, 2, [1, 4], { seed: 9 })], /b is a shard of another run than a \(seed: 0 vs 9\)/],
    ['another N', () => [folder('a', 0, 2, [0, 2, 3]), folder('b', 1, 3, [1, 4])], /N: 2 vs 3/],
    ['another episode list', () => [folder('a', 0, 2, [0, 2, 3]), folder('b', 1, 2, [1, 4], { names: [...NAMES.slice(0, 4), 'episode_000009'] })], /episode list: "5:[0-9a-f]+" vs "5:[0-9a-f]+"/],
    ['an episode in two shards', () => [folder('a', 0, 2, [0, 1, 2, 3]), folder('b', 1, 2, [1, 4])], /episode\(s\) in more than one shard: episode_000001 \(in a and b\)/],
    ['an episode in none', () => [folder('a', 0, 2, [0, 2]), folder('b', 1, 2, [1, 4])], /1 episode\(s\) of the run are in no shard \(places 3\)/],
  ])('refuses %s', (_name, folders, message) => {
    expect(refusal(folders())).toMatch(message)
  })
})
