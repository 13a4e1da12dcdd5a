/**
 * A problem found while reading or checking input. Importers never throw on bad content: they collect
 * problems and keep going, so one bad line or episode never hides the rest.
 */
export interface Problem {
  /** `error`: the item was skipped or could not be used; `warning`: used, but probably not as intended. */
  severity: 'error' | 'warning'
  /** A short machine-readable name, e.g. `malformed-json`, `frame-out-of-range` (catalogue: docs/core.md). */
  kind: string
  message: string
  file?: string
  /** 1-based line number in `file`. */
  line?: number
  /** Episode name (`episode_000003`) or index. */
  episode?: string | number
  /**
   * What the user can do about it, as a sentence: commands, paths and file names in backticks (`git lfs pull`),
   * which the app shows as selectable code. The dataset catalogue (src/data/dataProblems.ts) gives every kind one.
   */
  remedy?: string
}

/** Collects problems with a fixed file/episode context, so parsers don't repeat it on every call. */
export class ProblemLog {
  readonly problems: Problem[] = []
  private readonly context: Pick<Problem, 'file' | 'episode'>

  constructor(context: Pick<Problem, 'file' | 'episode'> = {}) {
    this.context = context
  }

  error(kind: string, message: string, where: Pick<Problem, 'line' | 'episode'> = {}): void {
    this.problems.push({ severity: 'error', kind, message, ...this.context, ...where })
  }

  warn(kind: string, message: string, where: Pick<Problem, 'line' | 'episode'> = {}): void {
    this.problems.push({ severity: 'warning', kind, message, ...this.context, ...where })
  }
}

/** One line for a terminal or a tooltip: `file:12 [episode_000003] kind: message`. */
export function formatProblem(p: Problem): string {
  const place = p.file === undefined ? '' : p.line === undefined ? `${p.file} ` : `${p.file}:${p.line} `
  const episode = p.episode === undefined ? '' : `[${String(p.episode)}] `
  return `${place}${episode}${p.severity === 'error' ? 'error' : 'warning'} ${p.kind}: ${p.message}`
}

/** Problems of one severity and kind: how many, and the first few as `episode: message`. */
export interface ProblemGroup {
  kind: string
  severity: Problem['severity']
  count: number
  examples: string[]
  /** The same first problems, whole (file, line, episode): what a terminal prints before "… N more". */
  first: Problem[]
}

/**
 * Problems grouped by severity and kind, errors first, then the most frequent, each with its first `shown`
 * messages: a thousand-episode export says "notes-not-exported ×1000" once, not a thousand times.
 */
export function groupProblems(problems: readonly Problem[], shown = 3): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>()
  for (const p of problems) {
    const key = `${p.severity}:${p.kind}`
    const g = groups.get(key) ?? { kind: p.kind, severity: p.severity, count: 0, examples: [], first: [] }
    g.count++
    if (g.examples.length < shown) {
      g.examples.push(p.episode === undefined ? p.message : `${String(p.episode)}: ${p.message}`)
      g.first.push(p)
    }
    groups.set(key, g)
  }
  return [...groups.values()].sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1))
}
