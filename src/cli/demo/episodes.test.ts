// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { checkInvariants } from '@/core/annotation'
import { drawStamp, readStamp } from '@/core/frameStamp'
import { L1, L2, reachOf, solveArm } from './arm'
import { FRONT_CAMERA, TOP_CAMERA, makeCamera } from './camera'
import { demoEpisodes } from './episodes'
import { buildMesh, buildStaticMesh } from './meshes'
import { visibleProgress } from './predictions'
import { makeViewRenderer } from './render'
import { simulate } from './scene'
import { readTimeline } from './timeline'
import { truthDoc } from './truth'
import { length, sub } from './vec'
import { HOME } from './world'

const episodes = demoEpisodes().map((ep) => {
  const sim = simulate(ep.objects, ep.script, { start: HOME, seed: ep.seed })
  const timeline = readTimeline(sim, ep.plan.length)
  const doc = truthDoc({ dataset: 'demo', episodeIndex: ep.index, taskIndex: 0, task: ep.task, fps: 30, plan: ep.plan, timeline })
  return { ep, sim, timeline, doc, name: `episode ${ep.index}` }
})

describe('demo episodes', () => {
  it('are indexed from 0 and include a long-GOP twin and a 5000+ frame episode', () => {
    expect(episodes.map((e) => e.ep.index)).toEqual(episodes.map((_, i) => i))
    expect(episodes.filter((e) => e.ep.longGop === true)).toHaveLength(1)
    expect(episodes.filter((e) => e.sim.frames.length >= 5000)).toHaveLength(1)
    expect(episodes.filter((e) => e.sim.frames.length >= 150 && e.sim.frames.length <= 900)).toHaveLength(episodes.length - 1)
  })

  it.each([
    { index: 0, outcome: 'done', incomplete: 0 },
    { index: 1, outcome: 'not-done', incomplete: 1 },
    { index: 2, outcome: 'done', incomplete: 0 },
    { index: 3, outcome: 'done', incomplete: 0 },
    { index: 4, outcome: 'done', incomplete: 0 },
    { index: 5, outcome: 'done', incomplete: 0 },
    { index: 6, outcome: 'done', incomplete: 0 },
  ])('episode $index: truth is sound, outcome $outcome', ({ index, outcome, incomplete }) => {
    const { doc, ep } = episodes[index]!
    expect(checkInvariants(doc)).toEqual([])
    expect(doc.outcome.kind).toBe(outcome)
    expect(doc.segments.filter((s) => s.state === 'incomplete')).toHaveLength(incomplete)
    expect(doc.segments.at(-1)!.kind).toBe('tail')
    const steps = doc.segments.filter((s) => s.kind === 'step').map((s) => s.label)
    expect(steps).toEqual(ep.plan.slice(0, steps.length).map((p) => p.name))
    expect(new Set(steps).size).toBe(steps.length)
  })

  it.each(episodes)('$name: simulation is deterministic and every pose is reachable with rigid links', ({ ep, sim }) => {
    const again = simulate(ep.objects, ep.script, { start: HOME, seed: ep.seed })
    expect(again.frames.map((f) => f.pose.joints)).toEqual(sim.frames.map((f) => f.pose.joints))
    for (const f of sim.frames) {
      expect(reachOf(f.pose.tip)).toBeLessThan(L1 + L2 - 0.02)
      expect(length(sub(f.pose.elbow, f.pose.shoulder))).toBeCloseTo(L1, 6)
      expect(length(sub(f.pose.wrist, f.pose.elbow))).toBeCloseTo(L2, 6)
    }
  })

  it.each(episodes)('$name: every object ends on a support, inside the bin exactly when placed', ({ ep, sim, doc }) => {
    const last = sim.frames.at(-1)!
    const inBin = last.objects.map((o, i) => o.pos[2] - ep.objects[i]!.height / 2 > 0.005)
    const placed = new Set(doc.segments.filter((s) => s.state === 'completed' && s.label.startsWith('Place')).map((s) => s.label))
    ep.objects.forEach((o, i) => {
      expect(inBin[i]).toBe(placed.has(`Place the ${o.name} into the bin.`))
    })
    expect(last.held).toBe(-1)
  })

  it('visible progress drops after a drop or slip and ends at 1 only when done', () => {
    const end = (i: number): number => visibleProgress(episodes[i]!.sim.frames, episodes[i]!.ep.plan.length).at(-1)!
    expect(end(0)).toBe(1)
    expect(end(1)).toBe(0)
    const v3 = visibleProgress(episodes[3]!.sim.frames, 2)
    const slip = episodes[3]!.timeline.events.get('slip')!
    expect(v3[slip + 5]!).toBeLessThan(v3[slip - 5]! - 0.3)
    expect(Math.max(...v3.slice(0, slip))).toBeLessThan(0.95)
  })

  it('solves the arm so the fingertips land where asked', () => {
    const pose = solveArm([-0.2, -0.1, 0.03], 0.5, 0)
    expect(pose.tip).toEqual([-0.2, -0.1, 0.03])
    expect(pose.joints[5]).toBe(50)
  })
})

describe('rendering', () => {
  it.each([
    { camera: FRONT_CAMERA, name: 'front' },
    { camera: TOP_CAMERA, name: 'top' },
  ])('$name view: a frame carries a readable stamp and shows the scene', ({ camera }) => {
    const { ep, sim } = episodes[0]!
    const r = makeViewRenderer(makeCamera(camera, 256, 192), buildStaticMesh()).render(buildMesh(sim.frames[120]!, ep.objects))
    drawStamp({ data: r.rgb, width: 256, height: 192, channels: 3 }, 120)
    expect(readStamp({ data: r.rgb, width: 256, height: 192, channels: 3 })).toBe(120)
    const colours = new Set<number>()
    for (let i = 0; i < r.rgb.length; i += 3) colours.add((r.rgb[i]! << 16) | (r.rgb[i + 1]! << 8) | r.rgb[i + 2]!)
    expect(colours.size).toBeGreaterThan(12)
    const red = [...colours].filter((c) => c >> 16 > 150 && ((c >> 8) & 255) < 80 && (c & 255) < 80)
    expect(red.length).toBeGreaterThan(0)
  })
})
