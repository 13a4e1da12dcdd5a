import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { DragEvent } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useLiveQuery } from 'dexie-react-hooks'
import type { ReviewState, ReviewStatus } from '@/core/review'
import { datasetIdentity } from '@/data/browser/datasetIdentity'
import { db, reviewStates } from '@/data/browser/db'
import { storeFromDataTransfer } from '@/data/browser/localFileStore'
import type { FileStore } from '@/data/fileStore'
import { datasetOptions, isLocalRoot, registerLocalStore } from '@/data/browser/queries'
import { EpisodeBrowser } from '@/features/episodes/EpisodeBrowser'
import { firstPlayableEpisode } from '@/features/episodes/firstPlayable'
import { ReviewBar } from '@/features/review/ReviewBar'
import { ReviewPrompt } from '@/features/review/ReviewPrompt'
import { annotationStore } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { reviewStore } from '@/stores/reviewStore'
import type { SessionState } from '@/stores/sessionStore'
import { sessionStore, useSession } from '@/stores/sessionStore'
import { Button } from '@/ui/Button'
import { DatasetOpenError } from './DatasetOpenError'
import { EpisodePane } from './EpisodePane'
import { HelpOverlay } from './HelpOverlay'
import { TopBar } from './TopBar'
import { DEMO_DATASET, rememberOpened, syncUrl } from './urlState'
import { openNextInQueue, useHotkeys } from './useHotkeys'
import { openNextFromTeamQueue } from './teamQueue'
import { useTeamSync } from './useTeamSync'
import { useTeamAgreementSources } from './useTeamAgreementSources'
import { ConflictPanel } from '@/features/team/ConflictPanel'
import { TeamControls } from '@/features/team/TeamControls'

// Exports bring fflate, the writers and the record schema: loaded when a dialog opens, not with the app.
const ExportDialog = lazy(() => import('@/features/export/ExportDialog').then((m) => ({ default: m.ExportDialog })))
const AgreementView = lazy(() => import('@/features/agreement/AgreementView').then((m) => ({ default: m.AgreementView })))
const CorpusMetricsView = lazy(() => import('@/features/metrics/CorpusMetricsView').then((m) => ({ default: m.CorpusMetricsView })))
const PredictionsDialog = lazy(() => import('@/features/predictions/PredictionsDialog').then((m) => ({ default: m.PredictionsDialog })))
const TeamDialog = lazy(() => import('@/features/team/TeamDialog').then((m) => ({ default: m.TeamDialog })))
const AdminView = lazy(() => import('@/features/team/AdminView').then((m) => ({ default: m.AdminView })))
const ImportDialog = lazy(() => import('@/features/export/ImportDialog').then((m) => ({ default: m.ImportDialog })))

const NO_REVIEWS: ReadonlyMap<number, ReviewState> = new Map()

function selectRoot(s: SessionState) {
  return s.root
}
function selectEpisode(s: SessionState) {
  return s.episode
}
function selectStartFrame(s: SessionState) {
  return s.startFrame
}
function selectOverlay(s: SessionState) {
  return s.overlay
}

function openLocal(store: FileStore): void {
  sessionStore.getState().openDataset(registerLocalStore(store))
}

/** The whole page: top bar, episode list, and the open episode, as the session store says. */
export function Workspace() {
  const root = useSession(selectRoot)
  const episodeIndex = useSession(selectEpisode)
  const startFrame = useSession(selectStartFrame)
  const overlay = useSession(selectOverlay)
  const [dragging, setDragging] = useState(false)
  const client = useQueryClient()

  const dataset = useQuery(datasetOptions(root))
  const source = dataset.data
  const reviewKey = source === undefined ? undefined : datasetIdentity(root, source.name, window.location.href)
  const reviews = useLiveQuery(
    () => (reviewKey === undefined ? new Map<number, ReviewState>() : reviewStates(db, reviewKey)),
    [reviewKey],
  ) ?? NO_REVIEWS
  const statuses = useMemo(() => new Map<number, ReviewStatus>([...reviews].map(([i, r]) => [i, r.status])), [reviews])
  useEffect(() => reviewStore.getState().setReviews(reviews), [reviews])
  useEffect(() => {
    reviewStore.getState().setContext(reviewKey === undefined || episodeIndex === undefined ? undefined : { dataset: reviewKey, episode: episodeIndex })
  }, [reviewKey, episodeIndex])
  // The first committed edit of an unreviewed episode puts it in progress.
  useEffect(() => annotationStore.subscribe((state, before) => {
    if (state.key !== undefined && state.key === before.key && state.history !== before.history && (state.history?.past.length ?? 0) > (before.history?.past.length ?? 0)) {
      reviewStore.getState().begin()
    }
  }), [])

  useHotkeys(client)
  useTeamSync(reviewKey)
  const teamSources = useTeamAgreementSources(reviewKey)
  useEffect(() => syncUrl(sessionStore, playbackStore), [])

  // No episode in the URL: open the first one that plays (a deep link opens exactly what it names).
  useEffect(() => {
    if (source === undefined || episodeIndex !== undefined || source.episodeCount === 0) return
    let live = true
    const open = (index: number | undefined) => {
      if (live && sessionStore.getState().episode === undefined) sessionStore.getState().openEpisode(index ?? 0)
    }
    firstPlayableEpisode(client, root, source).then(
      (found) => (found !== undefined ? open(found) : source.listEpisodes(0, 1).then((list) => open(list[0]?.index))),
      () => source.listEpisodes(0, 1).then((list) => open(list[0]?.index), () => open(0)),
    )
    return () => { live = false }
  }, [client, root, source, episodeIndex])

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault()
    setDragging(false)
    // Synchronously: the browser empties the DataTransfer once this handler returns.
    void storeFromDataTransfer(e.dataTransfer).then((store) => {
      if (store !== undefined) openLocal(store)
    })
  }

  return (
    <div
      className="grid h-full grid-cols-[340px_minmax(0,1fr)] grid-rows-[44px_minmax(0,1fr)] bg-zinc-950"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget === null) setDragging(false)
      }}
      onDrop={onDrop}
    >
      <TopBar
        label={isLocalRoot(root) ? 'local folder' : root}
        initialUrl={isLocalRoot(root) || root === DEMO_DATASET ? '' : root}
        source={source}
        onOpenUrl={(url) => {
          // Typed by the user: a reload of this tab reopens it without asking (a link to it would ask).
          rememberOpened(url)
          sessionStore.getState().openDataset(url)
        }}
        onOpenLocal={openLocal}
        onHelp={() => sessionStore.getState().toggleOverlay('help')}
        onOverlay={(o) => sessionStore.getState().toggleOverlay(o)}
        team={<TeamControls disabled={reviewKey === undefined} onNext={() => void openNextFromTeamQueue(client)} />}
      />
      <aside className="flex min-h-0 flex-col border-r border-zinc-800 bg-zinc-900/60" aria-label="Episode list">
        {source !== undefined && <EpisodeBrowser key={root} root={root} source={source} statuses={statuses} />}
        {dataset.isPending && <p className="p-4 text-sm text-zinc-500">Opening dataset…</p>}
      </aside>
      <main className="flex min-h-0 min-w-0 flex-col">
        {dataset.isError && <DatasetOpenError error={dataset.error} onRetry={() => void dataset.refetch()} />}
        {source !== undefined && episodeIndex === undefined && source.episodeCount > 0 && (
          <p className="p-6 text-sm text-zinc-500">Finding the first episode that plays…</p>
        )}
        {source !== undefined && reviewKey !== undefined && episodeIndex !== undefined && (
          <EpisodePane
            key={`${root}#${episodeIndex}`}
            root={root}
            source={source}
            identity={reviewKey}
            index={episodeIndex}
            initialFrame={startFrame}
            review={<ReviewBar onNext={openNextInQueue} />}
            banner={<ConflictPanel dataset={reviewKey} episode={episodeIndex} />}
          />
        )}
      </main>
      <ReviewPrompt />
      <Suspense fallback={null}>
        {overlay === 'export' && source !== undefined && reviewKey !== undefined && (
          <ExportDialog root={root} source={source} identity={reviewKey} onClose={() => sessionStore.getState().closeOverlays()} />
        )}
        {overlay === 'agreement' && (
          <div className="fixed inset-0 z-50 flex flex-col bg-zinc-950/95 p-6" role="dialog" aria-modal="true" aria-label="Agreement between annotators"
            onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); sessionStore.getState().closeOverlays() } }}>
            <div className="mb-2 flex items-center justify-between text-xs text-zinc-500">
              <span>Each file is one annotator&apos;s ProcLens records (Export… → ProcLens records, or <code>proclens export --format records</code>).</span>
              <Button size="sm" onClick={() => sessionStore.getState().closeOverlays()}>Close</Button>
            </div>
            <div className="min-h-0 flex-1"><AgreementView className="h-full" teamSources={teamSources} /></div>
          </div>
        )}
        {overlay === 'metrics' && reviewKey !== undefined && (
          <div className="fixed inset-0 z-50 flex flex-col bg-zinc-950/95 p-6" role="dialog" aria-modal="true" aria-label="Corpus metrics"
            onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); sessionStore.getState().closeOverlays() } }}>
            <div className="mb-2 flex justify-end"><Button size="sm" onClick={() => sessionStore.getState().closeOverlays()}>Close</Button></div>
            <div className="min-h-0 flex-1">
              <CorpusMetricsView className="h-full" root={root} identity={reviewKey}
                onOpen={(index, frame) => { sessionStore.getState().closeOverlays(); sessionStore.getState().openEpisode(index, frame) }} />
            </div>
          </div>
        )}
        {overlay === 'predictions' && source !== undefined && reviewKey !== undefined && (
          <PredictionsDialog root={root} identity={reviewKey} source={source} episodeIndex={episodeIndex} onClose={() => sessionStore.getState().closeOverlays()} />
        )}
        {overlay === 'team' && reviewKey !== undefined && (
          <TeamDialog datasetLabel={source?.name ?? reviewKey} onClose={() => sessionStore.getState().closeOverlays()} onAdmin={() => sessionStore.getState().toggleOverlay('admin')} />
        )}
        {overlay === 'admin' && reviewKey !== undefined && (
          <AdminView dataset={reviewKey} onClose={() => sessionStore.getState().closeOverlays()}
            onOpen={(index) => { sessionStore.getState().closeOverlays(); sessionStore.getState().openEpisode(index) }} />
        )}
        {overlay === 'import' && source !== undefined && reviewKey !== undefined && (
          <ImportDialog root={root} source={source} identity={reviewKey} onClose={() => sessionStore.getState().closeOverlays()} />
        )}
      </Suspense>
      {overlay === 'help' && <HelpOverlay onClose={() => sessionStore.getState().closeOverlays()} />}
      {dragging && (
        <div className="pointer-events-none fixed inset-3 z-40 flex items-center justify-center rounded-xl border-2 border-dashed border-sky-400 bg-sky-950/60 text-lg text-sky-100">
          Drop a dataset folder to open it (files stay on this computer)
        </div>
      )}
    </div>
  )
}
