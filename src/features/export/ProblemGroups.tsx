import type { Problem } from '@/core/problems'
import { groupProblems } from '@/core/problems'

/** Problems grouped by kind (a count and the first message; the others on hover), as the export and import dialogs list them. */
export function ProblemGroups({ problems }: { problems: readonly Problem[] }) {
  const groups = groupProblems(problems)
  if (groups.length === 0) return null
  return (
    <ul className="max-h-40 space-y-1 overflow-auto text-xs">
      {groups.map((g) => (
        <li key={`${g.severity}:${g.kind}`}>
          <span className={g.severity === 'error' ? 'text-red-300' : 'text-amber-300'}>{g.kind}</span> ×{g.count}
          <span className="block truncate text-zinc-500" title={g.examples.join('\n')}>{g.examples[0]}</span>
        </li>
      ))}
    </ul>
  )
}
