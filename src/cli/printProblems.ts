/**
 * Problems on stderr, readable at any count: a few are printed as they are; many are grouped by kind (the first
 * few of each, whole, then how many more), so a thousand bad lines take a handful of lines, not a thousand.
 */
import { formatProblem, groupProblems } from '../core/problems'
import type { Problem } from '../core/problems'

/** Up to this many problems are printed one per line. */
const UNGROUPED = 20
/** Problems of one kind printed before the count of the rest. */
const SHOWN = 3

/** The lines `printProblems` writes (tests read them without capturing the console). */
export function problemLines(problems: readonly Problem[]): string[] {
  if (problems.length <= UNGROUPED) return problems.map(formatProblem)
  const lines: string[] = []
  for (const g of groupProblems(problems, SHOWN)) {
    lines.push(...g.first.map(formatProblem))
    const more = g.count - g.first.length
    if (more > 0) lines.push(`  … and ${more} more ${g.severity === 'error' ? 'error' : 'warning'}${more === 1 ? '' : 's'} ${g.kind} (${g.count} in all)`)
  }
  return lines
}

/** Print `problems` to stderr, grouped when there are many. */
export function printProblems(problems: readonly Problem[]): void {
  for (const line of problemLines(problems)) console.error(line)
}
