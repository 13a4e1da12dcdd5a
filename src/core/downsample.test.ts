import { describe, expect, it } from 'vitest'
import { lttb } from './downsample'

describe('lttb', () => {
  it('keeps every point of a short range, placed at index + offset', () => {
    expect(lttb([0, 0.5, 1], { from: 0, to: 3, offset: 0.5 }, 10)).toEqual([{ x: 0.5, y: 0 }, { x: 1.5, y: 0.5 }, { x: 2.5, y: 1 }])
  })

  it('keeps the first and last point and at most `threshold` points', () => {
    const values = Float64Array.from({ length: 20_000 }, (_, i) => i / 19_999)
    const points = lttb(values, { from: 0, to: 20_000 }, 500)
    expect(points).toHaveLength(500)
    expect(points[0]).toEqual({ x: 0, y: 0 })
    expect(points.at(-1)).toEqual({ x: 19_999, y: 1 })
    expect(points.every((p, i) => i === 0 || p.x > points[i - 1]!.x)).toBe(true)
  })

  it('keeps a one-frame step that uniform sampling would miss', () => {
    const values = new Float64Array(10_000)
    values[5_000] = 1
    const points = lttb(values, { from: 0, to: 10_000 }, 100)
    expect(points.some((p) => p.y === 1 && p.x === 5_000)).toBe(true)
  })

  it('draws only the visible window', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i)
    const points = lttb(values, { from: 100.4, to: 110.2 }, 50)
    expect(points.map((p) => p.x)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110])
  })
})
