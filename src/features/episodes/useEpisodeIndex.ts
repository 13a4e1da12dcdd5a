import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useStore } from 'zustand'
import type { DatasetSource } from '@/data/DatasetSource'
import type { DatasetRoot } from '@/data/browser/queries'
import type { EpisodeIndexState } from './episodeIndexStore'
import { createEpisodeIndexStore } from './episodeIndexStore'

function selectAll(s: EpisodeIndexState): EpisodeIndexState {
  return s
}

/**
 * The episode index of the list's dataset (one store per mounted list, which is keyed by the dataset). Its
 * background scans stop when the list unmounts and start again on a remount (React's StrictMode does one in
 * development).
 */
export function useEpisodeIndex(root: DatasetRoot, source: DatasetSource): EpisodeIndexState {
  const client = useQueryClient()
  const [store] = useState(() => createEpisodeIndexStore({ root, source, client }))
  useEffect(() => () => store.getState().stop(), [store])
  return useStore(store, selectAll)
}
