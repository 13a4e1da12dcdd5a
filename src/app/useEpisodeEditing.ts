import { useEffect, useState } from 'react'
import type { AnnotationDoc } from '@/core/annotation'
import { emptyDoc } from '@/core/annotation'
import { createHistory } from '@/core/history'
import type { EpisodeData } from '@/data/DatasetSource'
import { annotationStore } from '@/stores/annotationStore'
import type { EpisodeEditing } from '@/stores/episodeEditing'
import { editingStatus, openEpisodeEditing } from '@/stores/episodeEditing'
import { timelineStore } from '@/stores/timelineStore'
import { editingEnvironment } from './editingEnvironment'

/**
 * Opens the episode for editing once its labels are known (imported, or none), and closes it when the episode
 * goes (a pending save finishes first). Undefined until open. Where the browser's storage cannot be used at all,
 * the episode is still editable, and the save status says that nothing is saved.
 */
export function useEpisodeEditing(args: {
  identity: string
  datasetName: string
  episode: EpisodeData | undefined
  /** Undefined while the labels load; `null` when the episode has none. */
  imported: AnnotationDoc | null | undefined
}): EpisodeEditing | undefined {
  const { identity, datasetName, episode, imported } = args
  const [editing, setEditing] = useState<EpisodeEditing | undefined>(undefined)
  useEffect(() => {
    if (episode === undefined || imported === undefined) return
    let live = true
    let opened: EpisodeEditing | undefined
    const empty = () => emptyDoc({ dataset: datasetName, episode: episode.name, episodeIndex: episode.index, task: episode.task, frameCount: episode.length, fps: episode.fps })
    const key = { dataset: identity, episode: episode.index }
    timelineStore.getState().reset(episode.length)
    openEpisodeEditing({ key, imported: imported ?? undefined, empty, store: annotationStore, status: editingStatus, env: editingEnvironment }).then((e) => {
      if (live) {
        opened = e
        setEditing(e)
      } else void e.close()
    }, (e: unknown) => {
      if (!live) return
      annotationStore.getState().open(`${key.dataset}#${key.episode}`, createHistory(imported ?? empty()))
      const reason = `this browser's storage cannot be used (${e instanceof Error ? e.message : String(e)}); changes are kept only while this tab is open`
      editingStatus.setState({ origin: imported === null ? 'empty' : 'imported', status: { state: 'failed', reason } })
    })
    return () => {
      live = false
      if (opened !== undefined) void opened.close()
      else if (annotationStore.getState().key === `${key.dataset}#${key.episode}`) annotationStore.getState().close()
      setEditing(undefined)
    }
  }, [identity, datasetName, episode, imported])
  return editing
}
