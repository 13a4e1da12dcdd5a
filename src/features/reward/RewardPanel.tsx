import { useMemo } from 'react'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { rewardCsv } from '@/core/rewardCsv'
import { downloadBlob } from '@/lib/downloadBlob'
import { cn } from '@/lib/cn'
import { selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { curveRewards } from '@/stores/rewardDerived'
import type { RewardSettings } from '@/stores/rewardStore'
import { rewardStore, useReward } from '@/stores/rewardStore'
import { useView, viewStore } from '@/stores/viewStore'
import { Button } from '@/ui/Button'
import { Kbd } from '@/ui/Kbd'
import { Segmented } from '@/ui/Segmented'
import { NumberField } from './NumberField'

export interface CurveStyle {
  key: string
  name: string
  color: string
}

const BASELINES = [
  { value: 'zero', label: 'A > 0', title: 'Keep a frame when the return over the next H frames is positive' },
  { value: 'mean', label: 'A > mean', title: 'Keep a frame when the return over the next H frames beats the episode\'s mean of it' },
] as const

function fileSafe(text: string): string {
  return text.replace(/[^\w.-]+/g, '_')
}

/**
 * The reward view's numbers and settings (docs/reward.md): the per-step reward RLInf-ProcVLM would give for each
 * curve (clip c, optional EMA α), its return, and the share of frames an advantage-conditioned filter would keep
 * (horizon H, discount γ, baseline). Choosing a curve draws it in the timeline's reward row; its numbers per
 * frame download as CSV. Hidden (W), only the header shows.
 */
export function RewardPanel({ similarities, predictions, curves }: {
  similarities: Float64Array | undefined
  predictions: readonly PredictionCurve[]
  curves: readonly CurveStyle[]
}) {
  const shown = useView((s) => s.reward) === 'shown'
  const doc = useAnnotation(selectCommittedDoc)
  const settings = useReward((s) => s.settings)
  const selected = useReward((s) => s.curve)
  const all = useMemo(() => (doc === undefined || !shown ? undefined : curveRewards(doc, similarities, predictions, settings)), [doc, similarities, predictions, settings, shown])
  const set = (patch: Partial<RewardSettings>) => rewardStore.getState().set(patch)
  const chosen = all?.find((c) => c.key === selected) ?? all?.[0]
  return (
    <section className="flex shrink-0 flex-col gap-2 text-xs" aria-label="Reward" data-testid="reward-panel">
      <div className="flex items-center justify-between gap-2 text-[11px] text-zinc-500">
        <span className="uppercase tracking-wide">Reward</span>
        <Button size="sm" variant="ghost" aria-pressed={shown} onClick={(e) => {
          viewStore.getState().toggleReward()
          e.currentTarget.blur()
        }} title="Show or hide the reward an RL run would get from each curve, and the frames an advantage filter keeps (W)">
          {shown ? 'Hide reward' : 'Show reward'} <Kbd>W</Kbd>
        </Button>
      </div>
      {shown && all !== undefined && (
        <>
          <p className="text-zinc-500">r<sub>t</sub> = clip(p<sub>t</sub> − p<sub>t−1</sub>, ±c) per call (RLInf-ProcVLM); keep a frame when A = Σ<sub>k&lt;H</sub> γ<sup>k</sup>r<sub>t+k</sub> − b &gt; 0.</p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1" role="group" aria-label="Reward settings">
            <NumberField label="c" value={settings.clip} step={0.05} min={0} onCommit={(clip) => set({ clip })} title="Clip of the delta: r in [−c, +c] (RLInf's default 0.2)" />
            <label className="flex items-center gap-1" title="Smooth progress before the delta: p̃ = α p + (1 − α) p̃_prev (off in RLInf's configs; 0.6 when on)">
              <input type="checkbox" checked={settings.emaAlpha !== undefined} onChange={(e) => set({ emaAlpha: e.target.checked ? 0.6 : undefined })} />
              <span className="text-zinc-400">EMA</span>
            </label>
            <NumberField label="α" value={settings.emaAlpha ?? 0.6} step={0.05} min={0} max={1} disabled={settings.emaAlpha === undefined} onCommit={(emaAlpha) => set({ emaAlpha })} />
            <NumberField label="every" value={settings.every} step={1} min={1} onCommit={(every) => set({ every })} title="Frames between the reward model's calls on the targets (1: every frame; RLInf's DOS-W1: 3). Models keep the frames they were run on" />
            <NumberField label="H" value={settings.horizon} step={1} min={1} onCommit={(horizon) => set({ horizon })} title="Horizon of the advantage, in frames" />
            <NumberField label="γ" value={settings.gamma} step={0.01} min={0} max={1} onCommit={(gamma) => set({ gamma })} title="Discount per frame within the horizon" />
            <Segmented label="Advantage baseline" options={BASELINES} value={settings.baseline} onChange={(baseline) => set({ baseline })} />
          </div>
          <table className="w-full table-fixed text-left" aria-label="Reward per curve">
            <thead className="text-[10px] text-zinc-500">
              <tr><th className="w-1/2 font-normal">curve</th><th className="font-normal" title="Sum of the rewards over the episode">return</th><th className="font-normal" title="Frames the advantage filter keeps">kept</th></tr>
            </thead>
            <tbody>
              {all.map((c) => {
                const style = curves.find((s) => s.key === c.key)
                const isChosen = c === chosen
                return (
                  <tr key={c.key} data-curve={c.key} className={cn('cursor-pointer hover:bg-zinc-800', isChosen && 'bg-zinc-800/70')}
                    onClick={() => rewardStore.getState().select(c.key)} aria-selected={isChosen}>
                    <td className="truncate py-0.5">
                      <label className="flex cursor-pointer items-center gap-1">
                        <input type="radio" name="reward-curve" checked={isChosen} onChange={() => rewardStore.getState().select(c.key)} />
                        <span className="inline-block h-2 w-2 shrink-0 rounded-full" style={{ background: style?.color ?? '#a1a1aa' }} />
                        <span className="truncate" title={style?.name ?? c.key}>{style?.name ?? c.key}</span>
                      </label>
                    </td>
                    <td className="font-mono tabular-nums" data-testid="reward-total">{c.rewards.total.toFixed(3)}</td>
                    <td className="font-mono tabular-nums" data-testid="reward-kept">{(c.filter.keptFraction * 100).toFixed(1)}%</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {chosen !== undefined && doc !== undefined && (
            <div className="flex items-center gap-2">
              <Button size="sm" variant="ghost" data-testid="reward-csv" title="frame, progress, reward, return, return_h, advantage, kept: one row per frame"
                onClick={() => downloadBlob(`${fileSafe(doc.episode)}.${fileSafe(chosen.key)}.reward.csv`, new Blob([rewardCsv(chosen.rewards, chosen.filter)], { type: 'text/csv' }))}>
                Download CSV
              </Button>
              <button type="button" className="text-zinc-500 hover:text-zinc-300" onClick={() => rewardStore.getState().reset()}>RLInf defaults</button>
            </div>
          )}
        </>
      )}
    </section>
  )
}
