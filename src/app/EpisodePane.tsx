import { useEffect } from 'react'
import { useQuery } from '@tanstack/react-query'
import { createHistory } from '@/core/history'
import type { ReviewStatus } from '@/core/review'
import type { DatasetSource } from '@/data/DatasetSource'
import { episodeAnnotationOptions, episodeOptions } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import { EpisodeHeader } from '@/features/episode/EpisodeHeader'
import { Player } from '@/features/player/Player'
import { PlayerControls } from '@/features/player/PlayerControls'
import { SegmentStrip } from '@/features/timeline/SegmentStrip'
import { annotationStore, selectDoc, useAnnotation } from '@/stores/annotationStore'

/** One open episode: header, cameras, segments and transport. Remounted per episode (keyed by the caller). */
export function EpisodePane({ root, source, identity, index, initialFrame, status, onStatus }: {
  root: DatasetRoot
  source: DatasetSource
  /** The dataset's identity in storage (`datasetIdentity`). */
  identity: string
  index: number
  initialFrame: number | undefined
  status: ReviewStatus
  onStatus: (status: ReviewStatus) => void
}) {
  const episode = useQuery(episodeOptions(root, index))
  const data = episode.data
  const annotation = useQuery({
    ...episodeAnnotationOptions(root, { index, name: data?.name ?? '', length: data?.length, fps: data?.fps }),
    enabled: data !== undefined,
  })
  const imported = annotation.data?.doc
  const doc = useAnnotation(selectDoc)

  // The imported proposal seeds the episode's history; from then on the historic store owns the document.
  useEffect(() => {
    if (imported === undefined) return
    annotationStore.getState().open(`${identity}#${index}`, createHistory(imported))
    return () => annotationStore.getState().close()
  }, [identity, index, imported])

  if (episode.isPending) return <p className="p-6 text-sm text-zinc-500">Loading episode {index}…</p>
  if (episode.isError) return <p role="alert" className="p-6 text-sm text-red-300">Could not load episode {index}: {episode.error.message}</p>
  const ep = episode.data
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <EpisodeHeader source={source} episode={ep} extraProblems={annotation.data?.problems ?? []} status={status} onStatus={onStatus} />
      <div className="min-h-0 flex-1 p-2">
        <Player source={source} episode={ep} {...(initialFrame !== undefined ? { initialFrame } : {})} />
      </div>
      <div className="shrink-0 space-y-2 border-t border-zinc-800 px-3 py-2">
        {doc !== undefined && annotation.data?.file !== undefined && <SegmentStrip doc={doc} source={annotation.data.file.path} />}
        {annotation.data !== undefined && imported === undefined && (
          <p className="text-xs text-zinc-500">No VLM labels found next to this episode.</p>
        )}
        <PlayerControls />
      </div>
    </div>
  )
}
