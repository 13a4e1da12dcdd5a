/**
 * `meta/temporal_proportions_<level>.json` for SARM (§2.4 of `../shared/docs/lerobot-subtask-formats.md`): one flat
 * object `{name: share}` whose key order is the global stage order. SARM takes stage k = the k-th key, gives frames
 * before an episode's first subtask stage 0 and frames after its last the last stage, and builds the progress
 * breakpoints by cumulating the values in key order, so the order matters as much as the numbers.
 */
import type { ProblemLog } from '../problems'
import type { SarmSubtasks } from './lerobotSubtasks'

/** Ordered `[name, share]` pairs: JS objects would move integer-like names ("1", "2") to the front. */
export type Proportions = [string, number][]

/**
 * The global stage order: every name of every episode, each after the names that precede it in some episode
 * (a topological merge of the episodes' orders), ties broken by first appearance with episodes taken in index
 * order. When the first episode lists every name this is simply its order. Orders that contradict each other
 * (a before b in one episode, b before a in another) are reported and resolved by first appearance.
 */
export function stageOrder(sequences: readonly (readonly string[])[], log?: ProblemLog): string[] {
  const first = new Map<string, number>()
  const after = new Map<string, Set<string>>()
  for (const names of sequences) {
    for (const [i, name] of names.entries()) {
      if (!first.has(name)) first.set(name, first.size)
      if (!after.has(name)) after.set(name, new Set())
      const prev = names[i - 1]
      if (prev !== undefined && prev !== name) after.get(prev)?.add(name)
    }
  }
  const indegree = new Map<string, number>([...first.keys()].map((n) => [n, 0]))
  for (const next of after.values()) for (const n of next) indegree.set(n, (indegree.get(n) ?? 0) + 1)
  const left = new Set(first.keys())
  const order: string[] = []
  let conflict = false
  const byFirst = (a: string, b: string): number => (first.get(a) ?? 0) - (first.get(b) ?? 0)
  while (left.size > 0) {
    const ready = [...left].filter((n) => indegree.get(n) === 0).sort(byFirst)
    let pick = ready[0]
    if (pick === undefined) {
      conflict = true
      pick = [...left].sort(byFirst)[0]!
    }
    left.delete(pick)
    order.push(pick)
    for (const n of after.get(pick) ?? []) indegree.set(n, (indegree.get(n) ?? 0) - 1)
  }
  if (conflict) {
    log?.warn('sarm-stage-order-conflict', `the episodes put subtasks in contradicting orders; the stage order is ` +
      `${order.map((n) => `"${n}"`).join(' → ')} (first appearance where they disagree). SARM assumes one order for every episode`)
  }
  return order
}

/**
 * SARM's formula (1) in frames, as LeRobot's `compute_temporal_proportions`: per episode, each name's duration
 * `end - start + 1` (inclusive ends) over the sum of the episode's own durations; each name averaged over the
 * episodes in which it appears; the averages renormalised to sum 1; keys in {@link stageOrder}. A name used twice
 * in an episode counts both durations (the script keeps only the last, which makes the episode's shares sum to
 * less than 1). Episodes are taken in index order whatever the input order.
 */
export function temporalProportions(
  episodes: readonly { episodeIndex: number; subtasks: SarmSubtasks | null }[],
  log?: ProblemLog,
): Proportions {
  const annotated = episodes
    .filter((e): e is { episodeIndex: number; subtasks: SarmSubtasks } => e.subtasks !== null)
    .sort((a, b) => a.episodeIndex - b.episodeIndex)
  const order = stageOrder(annotated.map((e) => e.subtasks.names), log)
  const shares = new Map<string, number[]>(order.map((n) => [n, []]))
  for (const { subtasks } of annotated) {
    const durations = new Map<string, number>()
    let total = 0
    for (const [k, name] of subtasks.names.entries()) {
      const duration = (subtasks.endFrames[k] ?? 0) - (subtasks.startFrames[k] ?? 0) + 1
      durations.set(name, (durations.get(name) ?? 0) + duration)
      total += duration
    }
    if (total <= 0) continue
    for (const [name, duration] of durations) shares.get(name)?.push(duration / total)
  }
  const averages: Proportions = order.map((n) => {
    const list = shares.get(n) ?? []
    return [n, list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length]
  })
  const sum = averages.reduce((a, [, v]) => a + v, 0)
  return sum > 0 ? averages.map(([n, v]) => [n, v / sum]) : averages
}

/** A JSON number as Python writes a float: `1.0`, not `1`, so `{"task": 1.0}` reads back as a float. */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value)
}

/** JSON string with every non-ASCII character escaped, as Python's `json.dump` does by default. */
function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The file's text: keys in the given order, two-space indent, a final newline. Same input, same bytes. */
export function proportionsJson(proportions: Proportions): string {
  if (proportions.length === 0) return '{}\n'
  return `{\n${proportions.map(([n, v]) => `  ${asciiJsonString(n)}: ${pythonFloat(v)}`).join(',\n')}\n}\n`
}

/**
 * Reads a proportions file keeping its key order (which `JSON.parse` does not for integer-like keys). Returns
 * undefined when the text is not one flat JSON object of numbers.
 */
export function parseProportionsJson(text: string): Proportions | undefined {
  // A flat object of numbers has a fixed token sequence: { (string : number (, string : number)*)? }
  const token = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}:,])/y
  const tokens: string[] = []
  while (token.lastIndex < text.length) {
    const at = token.lastIndex
    const m = token.exec(text)
    if (m === null) {
      if (text.slice(at).trim() === '') break
      return undefined
    }
    tokens.push(m[1]!)
  }
  if (tokens[0] !== '{' || tokens.at(-1) !== '}') return undefined
  const out: Proportions = []
  const body = tokens.slice(1, -1)
  for (let i = 0; i < body.length; i += 4) {
    const [key, colon, value, comma] = [body[i], body[i + 1], body[i + 2], body[i + 3]]
    if (key?.startsWith('"') !== true || colon !== ':' || value === undefined || !/^-?\d/.test(value)) return undefined
    if (comma !== undefined && comma !== ',') return undefined
    if (comma === ',' && i + 4 >= body.length) return undefined
    out.push([JSON.parse(key) as string, Number(value)])
  }
  return out
}
