/**
 * View preferences (persisted, never undone, never exported): camera layout, which camera is large, zoom,
 * whether the editor (timeline and inspector) is shown or the video has the whole pane, and whether the editor
 * shows the changes against the VLM proposal (the diff: a proposal track, the Changes list, the chart's marks)
 * and the reward view (the reward row under the chart and the Reward section; its settings: `rewardStore`).
 */
import { createStore } from 'zustand/vanilla'
import { persist } from 'zustand/middleware'
import { useStore } from 'zustand'

export type CameraLayout = 'grid' | 'focus'

export interface ViewState {
  layout: CameraLayout
  /** The camera shown large in the `focus` layout; the first camera when unset or absent. */
  focusCamera: string | undefined
  /** Zoom factor of the camera frames (1 = fit). */
  zoom: number
  editor: 'shown' | 'hidden'
  diff: 'shown' | 'hidden'
  reward: 'shown' | 'hidden'
  setLayout(layout: CameraLayout): void
  focus(camera: string): void
  setZoom(zoom: number): void
  toggleEditor(): void
  toggleDiff(): void
  toggleReward(): void
}

export function createViewStore(storageKey = 'proclens.view') {
  return createStore<ViewState>()(
    persist(
      (set, get) => ({
        layout: 'grid',
        focusCamera: undefined,
        zoom: 1,
        editor: 'shown',
        diff: 'hidden',
        reward: 'hidden',
        setLayout: (layout) => set({ layout }),
        focus: (camera) => set({ focusCamera: camera, layout: 'focus' }),
        setZoom: (zoom) => set({ zoom: Math.min(8, Math.max(1, zoom)) }),
        toggleEditor: () => set({ editor: get().editor === 'shown' ? 'hidden' : 'shown' }),
        toggleDiff: () => set({ diff: get().diff === 'shown' ? 'hidden' : 'shown' }),
        toggleReward: () => set({ reward: get().reward === 'shown' ? 'hidden' : 'shown' }),
      }),
      { name: storageKey, version: 1 },
    ),
  )
}

export const viewStore = createViewStore()

export function useView<T>(selector: (s: ViewState) => T): T {
  return useStore(viewStore, selector)
}
