/**
 * A curve's reward per frame as CSV (`toCsv`), for a spreadsheet or a plot of one's own: the progress the reward
 * saw (empty before a model's first call), the frame's reward, the return so far, the return over the horizon,
 * the advantage and whether the filter keeps the frame. Columns never move; new ones are added at the end.
 */
import type { AdvantageTrace } from './advantage'
import { toCsv } from './csv'
import type { CsvColumn } from './csv'
import type { FrameRewards } from './frameRewards'

export const REWARD_CSV_COLUMNS = ['frame', 'progress', 'reward', 'return', 'return_h', 'advantage', 'kept'] as const

export function rewardCsv(rewards: FrameRewards, filter: AdvantageTrace): string {
  const finite = (v: number) => (Number.isFinite(v) ? v : undefined)
  const columns: CsvColumn<number>[] = [
    { name: 'frame', value: (f) => f },
    { name: 'progress', value: (f) => finite(rewards.progress[f]!) },
    { name: 'reward', value: (f) => rewards.rewards[f] },
    { name: 'return', value: (f) => rewards.cumulative[f] },
    { name: 'return_h', value: (f) => filter.returns[f] },
    { name: 'advantage', value: (f) => filter.advantage[f] },
    { name: 'kept', value: (f) => filter.keep[f] },
  ]
  return toCsv(Array.from({ length: rewards.rewards.length }, (_, f) => f), columns)
}
