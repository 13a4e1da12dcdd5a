/**
 * The reward view's settings (persisted, never undone, never exported): the reward rule's options that RLInf
 * exposes (clip c, EMA α), the advantage filter's horizon, discount and baseline, and which curve the timeline's
 * reward row and keep strip show. One `settings` object per change, so derived values memoise on its identity.
 */
import { createStore } from 'zustand/vanilla'
import { persist } from 'zustand/middleware'
import { useStore } from 'zustand'
import type { AdvantageBaseline } from '@/core/advantage'

export interface RewardSettings {
  /** Symmetric clip c of the delta (RLInf's default 0.2). */
  clip: number
  /** EMA weight α, or undefined when off (RLInf's default). */
  emaAlpha: number | undefined
  /**
   * Frames between the reward model's calls on a curve with a value on every frame (the targets): 1 calls it on
   * every frame; RLInf's DOS-W1 calls it every 3 env steps (`input_interval`). Models keep their own samples.
   */
  every: number
  /** Horizon H of the advantage, in frames. */
  horizon: number
  gamma: number
  baseline: AdvantageBaseline
}

export const DEFAULT_REWARD_SETTINGS: RewardSettings = { clip: 0.2, emaAlpha: undefined, every: 1, horizon: 30, gamma: 1, baseline: 'zero' }

export interface RewardState {
  settings: RewardSettings
  /** The curve of the reward row and the keep strip: a key of the progress chart's curves (`target`, `model:<name>`). */
  curve: string
  set(patch: Partial<RewardSettings>): void
  reset(): void
  select(curve: string): void
}

/** Keeps settings inside what the rule accepts, whatever a field or a stored state says. */
function sane(s: RewardSettings): RewardSettings {
  const finite = (v: number, fallback: number) => (Number.isFinite(v) ? v : fallback)
  return {
    clip: Math.max(0, finite(s.clip, 0.2)),
    emaAlpha: s.emaAlpha === undefined ? undefined : Math.min(1, Math.max(0, finite(s.emaAlpha, 0.6))),
    every: Math.max(1, Math.round(finite(s.every, 1))),
    horizon: Math.max(1, Math.round(finite(s.horizon, 30))),
    gamma: Math.min(1, Math.max(0, finite(s.gamma, 1))),
    baseline: s.baseline === 'mean' ? 'mean' : 'zero',
  }
}

export function createRewardStore(storageKey = 'proclens.reward') {
  return createStore<RewardState>()(
    persist(
      (set, get) => ({
        settings: DEFAULT_REWARD_SETTINGS,
        curve: 'target',
        set: (patch) => set({ settings: sane({ ...get().settings, ...patch }) }),
        reset: () => set({ settings: DEFAULT_REWARD_SETTINGS }),
        select: (curve) => set({ curve }),
      }),
      // JSON has no undefined: an EMA that is off is stored without the key, and merges back as off.
      { name: storageKey, version: 1, merge: (stored, current) => ({ ...current, ...(stored as Partial<RewardState>), settings: sane({ ...DEFAULT_REWARD_SETTINGS, emaAlpha: undefined, ...(stored as Partial<RewardState> | undefined)?.settings }) }) },
    ),
  )
}

export const rewardStore = createRewardStore()

export function useReward<T>(selector: (s: RewardState) => T): T {
  return useStore(rewardStore, selector)
}
