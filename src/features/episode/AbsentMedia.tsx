import type { Problem } from '@/core/problems'
import type { EpisodeData } from '@/data/DatasetSource'
import type { SessionState } from '@/stores/sessionStore'
import { relativeEpisode, sessionStore, useSession } from '@/stores/sessionStore'
import { Button } from '@/ui/Button'
import { Kbd } from '@/ui/Kbd'
import { MessageList } from '@/ui/MessageList'

function headline(episode: EpisodeData): string {
  if (episode.availability === 'missing') return `${episode.name} is not in this copy of the dataset`
  return `${episode.name} has no video that can be shown`
}

/**
 * Stands where the cameras would be when an episode has none to show (a deep link into a partly downloaded
 * dataset opens exactly what it names): why, from the episode's own problems, and the way to the neighbours
 * that have files. The timeline below still works on the per-frame table.
 */
export function AbsentMedia({ episode }: { episode: EpisodeData }) {
  // Errors are what keep media from showing (absent files, undecodable videos); warnings stay in the header.
  const reasons: Problem[] = episode.problems.filter((p) => p.severity === 'error')
  const previous = useSession((s: SessionState) => relativeEpisode(s, episode.index, -1))
  const next = useSession((s: SessionState) => relativeEpisode(s, episode.index, 1))
  return (
    <div className="m-auto max-w-2xl p-6 text-sm" role="status" data-testid="absent-media">
      <p className="text-base font-medium text-zinc-100">{headline(episode)}</p>
      <p className="mt-1 text-zinc-400">
        {episode.availability === 'missing'
          ? 'None of its files are here: the dataset was probably downloaded in part. The list marks such episodes, and N and P pass over them.'
          : 'Its per-frame data is here, so the timeline and the labels can still be edited.'}
      </p>
      {reasons.length > 0 && (
        <MessageList
          className="mt-3 rounded border border-zinc-800 bg-zinc-950"
          messages={reasons.map((p) => ({
            severity: p.severity, text: p.message,
            ...(p.file !== undefined && !p.message.includes(p.file) ? { place: p.file } : {}),
            ...(p.remedy !== undefined ? { remedy: p.remedy } : {}),
          }))}
        />
      )}
      <div className="mt-4 flex gap-2">
        {previous !== undefined && (
          <Button size="sm" onClick={() => sessionStore.getState().openEpisode(previous)}>← Previous with files: #{previous} <Kbd>P</Kbd></Button>
        )}
        {next !== undefined && (
          <Button size="sm" onClick={() => sessionStore.getState().openEpisode(next)}>Next with files: #{next} <Kbd>N</Kbd> →</Button>
        )}
      </div>
    </div>
  )
}
