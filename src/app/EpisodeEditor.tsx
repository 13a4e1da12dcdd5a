/**
 * The editor, loaded on demand (it brings wavesurfer.js and recharts): the time-aligned stack under the video
 * (ruler, visual change, segments, progress, overview, budgets) and the inspector beside it (the answer at the
 * playhead, the segment, the outcome, the history). Every part reads the stores; this file only lays them out
 * and fetches what they draw from: the reference camera's visual change and the models' predictions.
 */
import { useEffect, useMemo, useRef } from 'react'
import type { ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { referenceCamera } from '@/core/referenceCamera'
import type { EpisodeAnnotation } from '@/data/annotations/episodeAnnotation'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import type { DatasetSource, EpisodeData } from '@/data/DatasetSource'
import { datasetKeys, episodePredictionsOptions, visualChangeOptions } from '@/data/browser/queries'
import type { DatasetRoot, VisualChange } from '@/data/browser/queries'
import { ChangesPanel } from '@/features/diff/ChangesPanel'
import { DiffChartMarks } from '@/features/diff/DiffChartMarks'
import { InstructionMarks } from '@/features/instructions/InstructionMarks'
import { InstructionsPanel } from '@/features/instructions/InstructionsPanel'
import { PROPOSAL_TRACK_HEIGHT, ProposalTrack } from '@/features/diff/ProposalTrack'
import { AtPlayhead } from '@/features/inspector/AtPlayhead'
import { HistoryPanel } from '@/features/inspector/HistoryPanel'
import { OutcomePanel } from '@/features/inspector/OutcomePanel'
import { SegmentPanel } from '@/features/inspector/SegmentPanel'
import { FigureMenu } from '@/features/figures/FigureMenu'
import { BudgetBar } from '@/features/progress/BudgetBar'
import { CHART_HEIGHT, ProgressChart } from '@/features/progress/ProgressChart'
import { progressCurves } from '@/features/progress/progressCurves'
import type { CurveStyle } from '@/features/reward/RewardPanel'
import { RewardPanel } from '@/features/reward/RewardPanel'
import { REWARD_TRACK_HEIGHT, RewardTrack } from '@/features/reward/RewardTrack'
import { Overview } from '@/features/timeline/Overview'
import { Playhead } from '@/features/timeline/Playhead'
import { Ruler } from '@/features/timeline/Ruler'
import { SegmentTrack } from '@/features/timeline/SegmentTrack'
import { useStepColors } from '@/features/timeline/segmentColors'
import { useTimelineWheel } from '@/features/timeline/useTimelineWheel'
import { Waveform } from '@/features/timeline/Waveform'
import { useElementSize } from '@/lib/useElementSize'
import { selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { useEditingStatus } from '@/stores/episodeEditing'
import { timelineStore, useTimeline } from '@/stores/timelineStore'
import { useReward } from '@/stores/rewardStore'
import { useView } from '@/stores/viewStore'
import { progressFigure, rewardFigure } from './chartFigures'
import { labelSuggestions } from './labelSuggestions'

export interface EditorProps {
  root: DatasetRoot
  identity: string
  source: DatasetSource
  episode: EpisodeData
}

export interface TimelineProps extends EditorProps {
  /** The progress plot's height (the pane gives it the room the cameras leave). */
  chartHeight?: number
}

const NO_PREDICTIONS: never[] = []

/** The reference camera's visual change (ProcVLM's exo camera), computed once per browser. */
function useVisualChange({ root, identity, source, episode }: EditorProps): { camera: string | undefined; data: VisualChange | undefined; error: Error | null } {
  const camera = episode.cameras.find((c) => c.key === referenceCamera(episode.cameras.map((k) => k.key), source.name)?.key)
  const query = useQuery(visualChangeOptions({
    root, identity, episode: { index: episode.index, length: episode.length }, camera,
    onProgress: (done, total) => timelineStore.getState().setHashing({ done, total }),
  }))
  useEffect(() => {
    if (!query.isFetching) timelineStore.getState().setHashing(undefined)
  }, [query.isFetching])
  return { camera: camera?.key, data: query.data, error: query.error }
}

/** The chart's curves as the legend names and colours them (committed edits only: styles never follow a drag). */
function useCurveStyles(similarities: Float64Array | undefined, predictions: readonly PredictionCurve[]): CurveStyle[] {
  const doc = useAnnotation(selectCommittedDoc)
  return useMemo(() => (doc === undefined ? [] : progressCurves(doc, similarities, predictions).map(({ key, name, color }) => ({ key, name, color }))), [doc, similarities, predictions])
}

function Row({ label, children, title }: { label: ReactNode; children: ReactNode; title?: string }) {
  return (
    <>
      <div className="flex min-w-0 flex-col items-end justify-center pr-2 text-right text-[10px] leading-3 text-zinc-500" title={title}>{label}</div>
      <div className="relative min-w-0">{children}</div>
    </>
  )
}

function HashingNote({ camera, error, cached }: { camera: string | undefined; error: Error | null; cached: boolean | undefined }) {
  const hashing = useTimeline((s) => s.hashing)
  if (camera === undefined) return <span className="text-zinc-600">no camera to hash</span>
  if (error !== null) return <span className="text-amber-400" title={error.message}>not available: {error.message}</span>
  if (hashing !== undefined && cached !== true) {
    return (
      <span className="flex items-center gap-2" data-testid="hashing">
        <span className="h-1 w-32 overflow-hidden rounded bg-zinc-800"><span className="block h-full bg-sky-500" style={{ width: `${(hashing.done / Math.max(1, hashing.total)) * 100}%` }} /></span>
        hashing {camera.replace(/^observation\.images\./, '')}: {hashing.done.toLocaleString()} / {hashing.total.toLocaleString()} frames
      </span>
    )
  }
  return null
}

/** The time-aligned stack: every row shares the timeline store's window, so one frame is one x everywhere. */
export function EditorTimeline({ chartHeight, ...props }: TimelineProps) {
  const { root, episode } = props
  const visual = useVisualChange(props)
  const predictions = useQuery(episodePredictionsOptions(root, episode))
  const colors = useStepColors()
  const column = useElementSize<HTMLDivElement>()
  const wheel = useTimelineWheel()
  useEffect(() => timelineStore.getState().setWidth(Math.floor(column.width)), [column.width])
  const camera = visual.camera?.replace(/^observation\.images\./, '')
  const diff = useView((s) => s.diff) === 'shown'
  const reward = useView((s) => s.reward) === 'shown'
  // The pane gives the stack a fixed height: the proposal's and the reward's rows (and their gaps) come out of the plot.
  const plotHeight = (chartHeight ?? CHART_HEIGHT) - (diff ? PROPOSAL_TRACK_HEIGHT + 2 : 0) - (reward ? REWARD_TRACK_HEIGHT + 2 : 0)
  const curvePredictions = predictions.data?.curves ?? NO_PREDICTIONS
  const styles = useCurveStyles(visual.data?.similarities, curvePredictions)
  const chosenKey = useReward((s) => s.curve)
  const chosen = styles.find((c) => c.key === chosenKey) ?? styles[0] ?? { key: 'target', name: 'target', color: '#38bdf8' }
  const progressRow = useRef<HTMLDivElement>(null)
  const rewardRow = useRef<HTMLDivElement>(null)
  const title = `${episode.name}`
  return (
    <div className="space-y-1.5" data-testid="editor-timeline">
      <div className="relative grid grid-cols-[92px_minmax(0,1fr)] gap-y-0.5" ref={wheel}>
        <Row label="frame · time"><div ref={column.ref}><Ruler fps={episode.fps} /></div></Row>
        <Row label={<><span>visual change</span><span className="max-w-full truncate text-zinc-600" title={visual.camera}>{camera ?? ''}</span></>} title="1 − pHash similarity of consecutive frames of the reference camera: how budgets are spread inside a step">
          <Waveform peaks={visual.data?.peaks} frameCount={episode.length} fps={episode.fps} />
          <div className="pointer-events-none absolute inset-0 flex items-center px-2 text-[11px] text-zinc-500">
            <HashingNote camera={visual.camera} error={visual.error} cached={visual.data?.cached} />
          </div>
        </Row>
        {diff && <Row label="VLM proposal" title="The proposal's segments; amber: where the correction moved a boundary (D hides)"><ProposalTrack colors={colors} /></Row>}
        <Row label="segments"><SegmentTrack /></Row>
        <Row label={<><span>progress</span><FigureMenu name="progress" fileStem={`${title}.progress`} source={progressFigure(() => progressRow.current, `${title}: progress`)} /></>}>
          <div ref={progressRow}>
            <ProgressChart similarities={visual.data?.similarities} predictions={curvePredictions} height={plotHeight}
              overlay={(plot) => (
                <>
                  {diff && <DiffChartMarks {...plot} similarities={visual.data?.similarities} />}
                  <InstructionMarks width={plot.width} height={plot.height} predictions={curvePredictions} />
                </>
              )} />
          </div>
        </Row>
        {reward && (
          <Row label={<><span>reward</span><span className="max-w-full truncate text-zinc-600" title={chosen.name}>{chosen.name}</span><FigureMenu name="reward" fileStem={`${title}.reward`} source={rewardFigure(() => rewardRow.current, `${title}: reward of ${chosen.name}`, chosen)} /></>}
            title="The reward an RL run would get from the chosen curve (bars: per frame, full height = its largest |r|; line: the return); strip: frames the advantage filter keeps (green) or drops (red). W hides">
            <div ref={rewardRow}><RewardTrack similarities={visual.data?.similarities} predictions={curvePredictions} color={chosen.color} name={chosen.name} /></div>
          </Row>
        )}
        <Row label="episode"><Overview /></Row>
        <div className="pointer-events-none absolute inset-y-0 right-0 left-[92px] overflow-hidden"><Playhead /></div>
      </div>
      <div className="grid grid-cols-[92px_minmax(0,1fr)] items-center">
        <div className="pr-2 text-right text-[10px] text-zinc-500">budgets</div>
        <BudgetBar colors={colors} />
      </div>
    </div>
  )
}

/**
 * The timeline with the editor hidden: ruler, segments and overview under one playhead, to scrub and zoom with
 * the mouse; nothing is hashed or charted.
 */
export function ScrubTimeline({ episode }: { episode: EpisodeData }) {
  const column = useElementSize<HTMLDivElement>()
  const wheel = useTimelineWheel()
  useEffect(() => timelineStore.getState().setWidth(Math.floor(column.width)), [column.width])
  return (
    <div className="relative grid grid-cols-[92px_minmax(0,1fr)] gap-y-0.5" ref={wheel} data-testid="scrub-timeline">
      <Row label="frame · time"><div ref={column.ref}><Ruler fps={episode.fps} /></div></Row>
      <Row label="segments"><SegmentTrack /></Row>
      <Row label="episode"><Overview /></Row>
      <div className="pointer-events-none absolute inset-y-0 right-0 left-[92px] overflow-hidden"><Playhead /></div>
    </div>
  )
}

/** Step names known in this dataset: from every episode's labels the app has read (the list's scan). */
function useDatasetLabels(root: DatasetRoot): ReadonlyMap<string, number> {
  const client = useQueryClient()
  const doc = useAnnotation(selectCommittedDoc)
  return useMemo(() => {
    void doc
    const counts = new Map<string, number>()
    for (const [, data] of client.getQueriesData<EpisodeAnnotation>({ queryKey: [...datasetKeys.info(root), 'episode'] })) {
      for (const s of data?.doc?.segments ?? []) if (s.kind === 'step') counts.set(s.label, (counts.get(s.label) ?? 0) + 1)
    }
    return counts
  }, [client, root, doc])
}

/** Beside the video: the answer at the playhead, the segment, the outcome and the history. */
export function EditorInspector(props: EditorProps) {
  const visual = useVisualChange(props)
  // Suggestions follow committed names; a drag's previews do not recompute them.
  const doc = useAnnotation(selectCommittedDoc)
  const origin = useEditingStatus((s) => s.origin)
  const datasetLabels = useDatasetLabels(props.root)
  const suggestions = useMemo(() => (doc === undefined ? [] : labelSuggestions(doc, datasetLabels)), [doc, datasetLabels])
  const predictions = useQuery(episodePredictionsOptions(props.root, props.episode)).data?.curves ?? NO_PREDICTIONS
  const styles = useCurveStyles(visual.data?.similarities, predictions)
  const openedAs = origin === 'saved' ? 'Opened: saved corrections' : origin === 'empty' ? 'Opened: no labels (one unnamed step)' : 'Opened: the VLM proposal'
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-3 [&>*]:shrink-0" data-testid="inspector">
      <AtPlayhead similarities={visual.data?.similarities} />
      <div className="border-t border-zinc-800" />
      <OutcomePanel recorded={props.episode.outcome} />
      <div className="border-t border-zinc-800" />
      <SegmentPanel suggestions={suggestions} />
      <div className="border-t border-zinc-800" />
      <ChangesPanel similarities={visual.data?.similarities} />
      <div className="border-t border-zinc-800" />
      <RewardPanel similarities={visual.data?.similarities} predictions={predictions} curves={styles} />
      <InstructionsPanel predictions={predictions} />
      <div className="border-t border-zinc-800" />
      <HistoryPanel openedAs={openedAs} />
    </div>
  )
}
