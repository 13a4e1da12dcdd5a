import { useState } from 'react'
import type { ReactNode } from 'react'
import { formatProblem } from '@/core/problems'
import type { Problem } from '@/core/problems'
import type { DatasetSource, EpisodeData } from '@/data/DatasetSource'
import { Badge } from '@/ui/Badge'
import { MessageList } from '@/ui/MessageList'
import type { Message } from '@/ui/MessageList'

function place(p: Problem): string | undefined {
  if (p.file === undefined) return undefined
  return p.line === undefined ? p.file : `${p.file}:${p.line}`
}

/**
 * The episode's facts on one line, each kept whole: facts that do not fit wrap onto a second line that is
 * clipped, so a narrow window drops the last facts (the dataset's name first) instead of splitting
 * "5,065 frames" into "5,065" and "frames". The full line is the title.
 */
function EpisodeFacts({ facts }: { facts: readonly string[] }) {
  return (
    // Zero basis and a minimum: the line breaks only when even the first fact would not fit; otherwise the facts
    // take what the actions leave.
    <span className="flex h-4 min-w-36 flex-1 basis-0 flex-wrap gap-x-1 overflow-hidden leading-4" title={facts.join(' · ')} data-testid="episode-facts">
      {facts.map((fact, i) => (
        <span key={fact} className={i === facts.length - 1 ? 'whitespace-nowrap text-zinc-600' : 'whitespace-nowrap'}>· {fact}</span>
      ))}
    </span>
  )
}

function message(p: Problem): Message {
  const where = place(p)
  return {
    severity: p.severity, text: `${p.kind}: ${p.message}`,
    ...(where === undefined ? {} : { place: where }), ...(p.remedy === undefined ? {} : { remedy: p.remedy }),
  }
}

/** The open episode: its instruction first (what the robot was asked), then the facts and any problems. */
export function EpisodeHeader({ source, episode, extraProblems = [], review, actions, note }: {
  source: DatasetSource
  episode: EpisodeData
  extraProblems?: readonly Problem[]
  /** The review's status and verdicts, after the actions. */
  review?: ReactNode
  /** Shown before the review status (the editor's save state, undo and redo). */
  actions?: ReactNode
  /** A line under the instruction. */
  note?: string
}) {
  const [open, setOpen] = useState(false)
  const problems = [...episode.problems, ...extraProblems]
  const errors = problems.filter((p) => p.severity === 'error').length
  return (
    <div className="shrink-0 border-b border-zinc-800 px-3 py-2">
      {/* A narrow window wraps the actions onto a second line rather than cutting the first fact short. */}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs whitespace-nowrap text-zinc-400">
        <span className="font-mono text-zinc-300" data-testid="episode-name">{episode.name}</span>
        <EpisodeFacts facts={[
          `${episode.length.toLocaleString()} frames`,
          `${episode.fps} fps`,
          `${episode.cameras.length} camera${episode.cameras.length === 1 ? '' : 's'}`,
          `${source.name} (${source.format})`,
        ]} />
        {episode.availability !== 'complete' && <Badge tone={episode.availability === 'missing' ? 'error' : 'warn'}>{episode.availability}</Badge>}
        <span className="ml-auto">{actions}</span>
        {review}
        {problems.length > 0 && (
          <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
            <Badge tone={errors > 0 ? 'error' : 'warn'} title={problems.map(formatProblem).join('\n')}>
              {problems.length} problem{problems.length === 1 ? '' : 's'} {open ? '▴' : '▾'}
            </Badge>
          </button>
        )}
      </div>
      <h1 className="mt-1 text-[17px] font-medium leading-snug text-zinc-50" data-testid="episode-task">
        {episode.task === '' ? <span className="text-zinc-500">No instruction in the dataset</span> : episode.task}
      </h1>
      {note !== undefined && <p className="mt-0.5 text-xs text-zinc-500">{note}</p>}
      {open && (
        <div className="mt-2 max-h-[45vh] overflow-auto rounded border border-zinc-800 bg-zinc-950" data-testid="episode-problems">
          <MessageList messages={problems.map(message)} />
        </div>
      )}
    </div>
  )
}
