import { lazy, Suspense } from 'react'
import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { DOC_LABEL_PROBLEM_KINDS } from '@/core/formats/importOptions'
import type { DatasetSource } from '@/data/DatasetSource'
import { episodeAnnotationOptions, episodeOptions } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import { AbsentMedia } from '@/features/episode/AbsentMedia'
import { EpisodeHeader } from '@/features/episode/EpisodeHeader'
import { EditingBanner, RefusalToast, SaveIndicator } from '@/features/inspector/EditorStatus'
import { splitPane } from '@/features/player/gridLayout'
import { cameraAspect, Player, TILE_GAP, TILE_HEADER } from '@/features/player/Player'
import { PlayerControls } from '@/features/player/PlayerControls'
import { problemsOf } from '@/stores/annotationDerived'
import { selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { useElementSize } from '@/lib/useElementSize'
import { useView, viewStore } from '@/stores/viewStore'
import { Button } from '@/ui/Button'
import { EditorBoundary } from './EditorBoundary'
import { useEpisodeEditing } from './useEpisodeEditing'

// wavesurfer.js, recharts and the editor's views arrive in one chunk of their own, after the video.
const EditorTimeline = lazy(() => import('./EpisodeEditor').then((m) => ({ default: m.EditorTimeline })))
const EditorInspector = lazy(() => import('./EpisodeEditor').then((m) => ({ default: m.EditorInspector })))
const ScrubTimeline = lazy(() => import('./EpisodeEditor').then((m) => ({ default: m.ScrubTimeline })))

/** The editor's stack (ruler to budgets) with the progress plot at its smallest, and the plot's share of it. */
const EDITOR_HEIGHT = 285
const CHART_HEIGHT = 104
/** Ruler, segments and overview: the timeline when the editor is hidden. */
const SCRUB_HEIGHT = 84
/** The transport bar and the padding around the bottom block. */
const BOTTOM_CHROME = 60
const INSPECTOR_WIDTH = 320
/** The player's padding around its grid (p-2 outside, p-1 inside), both sides together. */
const PLAYER_PAD = 24

/** One open episode: header, cameras and inspector, the timeline editor, transport. Remounted per episode. */
export function EpisodePane({ root, source, identity, index, initialFrame, review, banner }: {
  root: DatasetRoot
  source: DatasetSource
  /** The dataset's identity in storage (`datasetIdentity`). */
  identity: string
  index: number
  initialFrame: number | undefined
  /** The review bar, shown in the header. */
  review: ReactNode
  /** Shown under the editing banner (a team sync conflict). */
  banner?: ReactNode
}) {
  const episode = useQuery(episodeOptions(root, index))
  const data = episode.data
  const annotation = useQuery({
    ...episodeAnnotationOptions(root, { index, name: data?.name ?? '', length: data?.length, fps: data?.fps }),
    enabled: data !== undefined,
  })
  const imported = annotation.isSuccess ? (annotation.data.doc ?? null) : annotation.isError ? null : undefined
  const editing = useEpisodeEditing({ identity, datasetName: source.name, episode: data, imported })
  // The committed document: the pane (and the player in it) need not re-render on every move of a drag.
  const doc = useAnnotation(selectCommittedDoc)
  // The editor's space is kept from the start (not when its document or code arrives), so the cameras never move.
  const editor = useView((s) => s.editor) === 'shown'
  const area = useElementSize<HTMLDivElement>()

  if (episode.isPending) return <p className="p-6 text-sm text-zinc-500">Loading episode {index}…</p>
  if (episode.isError) return <p role="alert" className="p-6 text-sm text-red-300">Could not load episode {index}: {episode.error.message}</p>
  const ep = episode.data
  const props = { root, identity, source, episode: ep }
  const timelineHeight = editor ? EDITOR_HEIGHT : SCRUB_HEIGHT
  const split = splitPane({
    height: area.height, width: area.width - (editor ? INSPECTOR_WIDTH : 0), count: ep.cameras.length,
    aspect: ep.cameras[0] === undefined ? 4 / 3 : cameraAspect(ep.cameras[0]), header: TILE_HEADER, gap: TILE_GAP,
    pad: PLAYER_PAD, editor: timelineHeight + BOTTOM_CHROME, editorMaxExtra: editor ? 240 : 0,
  })
  const measured = area.height > 0
  const labelsNote = annotation.data !== undefined && annotation.data.file === undefined ? 'No VLM labels next to this episode: start from one unnamed step (S splits, the inspector names).' : undefined
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <EpisodeHeader
        source={source}
        episode={ep}
        extraProblems={[
          // What the labels file had; its warnings about labels are replaced by the same checks on the document as it is now.
          ...(annotation.data?.problems ?? []).filter((p) => doc === undefined || !DOC_LABEL_PROBLEM_KINDS.has(p.kind)),
          ...(doc === undefined ? [] : problemsOf(doc)),
        ]}
        review={review}
        actions={(
          <span className="flex items-center gap-2">
            <SaveIndicator />
            <Button size="sm" variant="ghost" onClick={() => viewStore.getState().toggleEditor()} title="Show or hide the timeline and the inspector (E)" aria-pressed={editor}>
              {editor ? 'Hide editor' : 'Show editor'}
            </Button>
          </span>
        )}
        {...(labelsNote !== undefined ? { note: labelsNote } : {})}
      />
      {editing !== undefined && <EditingBanner onTakeOver={editing.takeOver} onKeepMine={editing.keepMine} onLoadSaved={() => void editing.loadSaved()} onRetry={editing.retry} />}
      {banner}
      <div ref={area.ref} className="flex min-h-0 flex-1 flex-col">
      <div className={measured ? 'flex min-h-0 shrink-0' : 'flex min-h-0 flex-1'} style={measured ? { height: split.cameras } : undefined}>
        <div className="min-h-0 min-w-0 flex-1 p-2">
          <Player source={source} episode={ep} {...(initialFrame !== undefined ? { initialFrame } : {})} empty={<AbsentMedia episode={ep} />} />
        </div>
        {editor && (
          <aside className="flex min-h-0 w-[320px] shrink-0 flex-col border-l border-zinc-800 bg-zinc-900/40" aria-label="Inspector">
            {doc !== undefined && <EditorBoundary what="inspector"><Suspense fallback={null}><EditorInspector {...props} /></Suspense></EditorBoundary>}
          </aside>
        )}
      </div>
      <div className="min-h-0 flex-1 space-y-1.5 border-t border-zinc-800 px-3 py-2">
        <div style={{ height: timelineHeight + split.editorExtra }}>
          {doc === undefined ? <p className="text-xs text-zinc-500">Opening the labels…</p> : (
            <EditorBoundary what="timeline">
              <Suspense fallback={<p className="text-xs text-zinc-500">Loading the editor…</p>}>
                {editor ? <EditorTimeline {...props} chartHeight={CHART_HEIGHT + split.editorExtra} /> : <ScrubTimeline episode={ep} />}
              </Suspense>
            </EditorBoundary>
          )}
        </div>
        <PlayerControls />
      </div>
      </div>
      <div className="pointer-events-none absolute inset-x-0 bottom-16 z-50 flex justify-center"><RefusalToast /></div>
    </div>
  )
}
