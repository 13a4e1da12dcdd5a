/**
 * Fewer points for drawing a long curve, never for computing with it: charts draw the result, while hover,
 * exports and metrics read the exact values. Largest-Triangle-Three-Buckets (Steinarsson 2013) keeps the
 * points that carry the shape (steps, plateaus, the first and last point), so a 20,000-frame progress curve
 * drawn as ~500 points looks the same at screen resolution.
 */

/** A point of a drawn curve: x is a (fractional) frame, y a value. */
export interface CurvePoint {
  x: number
  y: number
}

/**
 * LTTB over `values[from..to)` placed at `x = index + offset`, keeping at most `threshold` points (at least 3).
 * Every point is kept when the range is small enough.
 */
export function lttb(values: ArrayLike<number>, range: { from: number; to: number; offset?: number }, threshold: number): CurvePoint[] {
  const from = Math.max(0, Math.floor(range.from))
  const to = Math.min(values.length, Math.ceil(range.to))
  const offset = range.offset ?? 0
  const n = to - from
  if (n <= 0) return []
  const keep = Math.max(3, Math.floor(threshold))
  if (n <= keep) return Array.from({ length: n }, (_, i) => ({ x: from + i + offset, y: values[from + i]! }))
  const out: CurvePoint[] = [{ x: from + offset, y: values[from]! }]
  const bucket = (n - 2) / (keep - 2)
  let a = from
  for (let i = 0; i < keep - 2; i++) {
    // The average of the next bucket is the third corner of the triangle.
    const nextStart = from + Math.floor((i + 1) * bucket) + 1
    const nextEnd = Math.min(to, from + Math.floor((i + 2) * bucket) + 1)
    let avgX = 0
    let avgY = 0
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += j
      avgY += values[j]!
    }
    const count = Math.max(1, nextEnd - nextStart)
    avgX /= count
    avgY /= count
    const start = from + Math.floor(i * bucket) + 1
    const end = from + Math.floor((i + 1) * bucket) + 1
    let best = start
    let bestArea = -1
    const ax = a
    const ay = values[a]!
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (values[j]! - ay) - (ax - j) * (avgY - ay))
      if (area > bestArea) {
        bestArea = area
        best = j
      }
    }
    out.push({ x: best + offset, y: values[best]! })
    a = best
  }
  out.push({ x: to - 1 + offset, y: values[to - 1]! })
  return out
}
