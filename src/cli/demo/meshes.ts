/**
 * The scene as flat faces in world space: the static part (floor, table, bin) once, the moving part (objects,
 * the arm with links as boxes and joints as discs, flat drop shadows on the table) once per frame; every
 * camera draws the same faces.
 */
import { MAX_GAP } from './arm'
import type { SceneFrame } from './scene'
import type { Vec3 } from './vec'
import { add, cross, length, lerp, normalize, scale, sub } from './vec'
import type { ObjectSpec, Rgb } from './world'
import { BIN, COLORS, TABLE } from './world'

export interface Face {
  pts: Vec3[]
  normal: Vec3
  color: Rgb
  /** Drawn as is (shadows, floor): no shading, no culling. */
  flat?: boolean
}

export interface Disc {
  centre: Vec3
  radius: number
  color: Rgb
}

export interface SceneMesh {
  faces: Face[]
  discs: Disc[]
}

/** Direction towards the light: above, front-left. Shadows fall back and to the right. */
export const LIGHT: Vec3 = normalize([-0.35, -0.55, 1])
const SHADOW_LIFT = 0.0008

interface BoxFrame {
  centre: Vec3
  axes: readonly [Vec3, Vec3, Vec3]
  half: readonly [number, number, number]
}

function pushBox(out: Face[], b: BoxFrame, color: Rgb): void {
  const [ax, ay, az] = b.axes
  const corner = (sx: number, sy: number, sz: number): Vec3 =>
    add(b.centre, add(scale(ax, sx * b.half[0]), add(scale(ay, sy * b.half[1]), scale(az, sz * b.half[2]))))
  const quads: [Vec3, [number, number, number][]][] = [
    [ax, [[1, -1, -1], [1, 1, -1], [1, 1, 1], [1, -1, 1]]],
    [scale(ax, -1), [[-1, -1, -1], [-1, -1, 1], [-1, 1, 1], [-1, 1, -1]]],
    [ay, [[-1, 1, -1], [-1, 1, 1], [1, 1, 1], [1, 1, -1]]],
    [scale(ay, -1), [[-1, -1, -1], [1, -1, -1], [1, -1, 1], [-1, -1, 1]]],
    [az, [[-1, -1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, 1]]],
    [scale(az, -1), [[-1, -1, -1], [-1, 1, -1], [1, 1, -1], [1, -1, -1]]],
  ]
  for (const [normal, cs] of quads) out.push({ pts: cs.map(([x, y, z]) => corner(x, y, z)), normal, color })
}

const X: Vec3 = [1, 0, 0]
const Y: Vec3 = [0, 1, 0]
const Z: Vec3 = [0, 0, 1]

/** An axis-aligned box from its min and max corners. */
function pushAabb(out: Face[], min: Vec3, max: Vec3, color: Rgb): void {
  pushBox(out, { centre: scale(add(min, max), 0.5), axes: [X, Y, Z], half: [(max[0] - min[0]) / 2, (max[1] - min[1]) / 2, (max[2] - min[2]) / 2] }, color)
}

/** A square-section bar from `a` to `b`, one side kept horizontal. */
function pushBar(out: Face[], [a, b]: readonly [Vec3, Vec3], width: number, color: Rgb): void {
  const u = normalize(sub(b, a))
  const side = length(cross(u, Z)) > 1e-3 ? normalize(cross(u, Z)) : X
  const w = cross(side, u)
  pushBox(out, { centre: lerp(a, b, 0.5), axes: [u, side, w], half: [length(sub(b, a)) / 2, width / 2, width / 2] }, color)
}

function yawAxes(yaw: number): [Vec3, Vec3, Vec3] {
  return [[Math.cos(yaw), Math.sin(yaw), 0], [-Math.sin(yaw), Math.cos(yaw), 0], Z]
}

function pushCylinder(out: Face[], centre: Vec3, spec: ObjectSpec, color: Rgb): void {
  const n = 14
  const r = spec.size / 2
  const h = spec.height / 2
  const ring = (z: number): Vec3[] => Array.from({ length: n }, (_, i) => add(centre, [r * Math.cos((2 * Math.PI * i) / n), r * Math.sin((2 * Math.PI * i) / n), z]))
  const top = ring(h)
  const bottom = ring(-h)
  out.push({ pts: top, normal: Z, color }, { pts: [...bottom].reverse(), normal: scale(Z, -1), color })
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n
    const mid = (Math.PI * (2 * i + 1)) / n
    out.push({ pts: [bottom[i]!, bottom[j]!, top[j]!, top[i]!], normal: [Math.cos(mid), Math.sin(mid), 0], color })
  }
}

/** Sutherland-Hodgman against the table top, so no shadow hangs past the table's edge. */
function clipToTable(pts: Vec3[]): Vec3[] {
  const edges: [0 | 1, number, 1 | -1][] = [[0, TABLE.x0, 1], [0, TABLE.x1, -1], [1, TABLE.y0, 1], [1, TABLE.y1, -1]]
  let poly = pts
  for (const [axis, limit, sign] of edges) {
    const inside = (p: Vec3): boolean => sign * (p[axis] - limit) >= 0
    const out: Vec3[] = []
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!
      const b = poly[(i + 1) % poly.length]!
      if (inside(a)) out.push(a)
      if (inside(a) !== inside(b)) out.push(lerp(a, b, (limit - a[axis]) / (b[axis] - a[axis])))
    }
    poly = out
    if (poly.length < 3) return []
  }
  return poly
}

/** The flat shadow, on the table, of a polygon of points at any heights (light from LIGHT, parallel). */
function pushShadow(out: Face[], corners: Vec3[]): void {
  const pts = clipToTable(corners.map((c): Vec3 => [c[0] - (LIGHT[0] / LIGHT[2]) * c[2], c[1] - (LIGHT[1] / LIGHT[2]) * c[2], SHADOW_LIFT]))
  if (pts.length >= 3) out.push({ pts, normal: Z, color: COLORS.shadow, flat: true })
}

/** The shadow of a bar from `a` to `b`: its projection on the table, widened across the projected direction. */
function pushBarShadow(out: Face[], [a, b]: readonly [Vec3, Vec3], width: number): void {
  const flat = (c: Vec3): Vec3 => [c[0] - (LIGHT[0] / LIGHT[2]) * c[2], c[1] - (LIGHT[1] / LIGHT[2]) * c[2], 0]
  const pa = flat(a)
  const pb = flat(b)
  const along = sub(pb, pa)
  const d: Vec3 = length(along) > 1e-6 ? normalize(along) : X
  const n: Vec3 = [(-d[1] * width) / 2, (d[0] * width) / 2, 0]
  pushShadow(out, [add(pa, n), add(pb, n), sub(pb, n), sub(pa, n)])
}

function footprint(centre: Vec3, halfX: number, halfY: number, yaw: number): Vec3[] {
  const [ax, ay] = yawAxes(yaw)
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([sx, sy]) => add(centre, add(scale(ax, sx! * halfX), scale(ay, sy! * halfY))))
}

function pushStatic(out: Face[]): void {
  const floorZ = -0.74
  out.push({ pts: [[-3, -3, floorZ], [3, -3, floorZ], [3, 1.6, floorZ], [-3, 1.6, floorZ]], normal: Z, color: COLORS.floor, flat: true })
  pushAabb(out, [TABLE.x0, TABLE.y0, -TABLE.thickness], [TABLE.x1, TABLE.y1, 0], COLORS.table)
  for (const [x, y] of [[TABLE.x0 + 0.06, TABLE.y0 + 0.06], [TABLE.x1 - 0.06, TABLE.y0 + 0.06], [TABLE.x0 + 0.06, TABLE.y1 - 0.06], [TABLE.x1 - 0.06, TABLE.y1 - 0.06]]) {
    pushAabb(out, [x! - 0.025, y! - 0.025, floorZ], [x! + 0.025, y! + 0.025, -TABLE.thickness], COLORS.tableEdge)
  }
  const { cx, cy, half, height, wall, floor } = BIN
  pushShadow(out, footprint([cx, cy, height], half, half, 0))
  pushAabb(out, [cx - half, cy - half, 0], [cx + half, cy + half, floor], COLORS.binInner)
  pushAabb(out, [cx - half, cy - half, 0], [cx + half, cy - half + wall, height], COLORS.bin)
  pushAabb(out, [cx - half, cy + half - wall, 0], [cx + half, cy + half, height], COLORS.bin)
  pushAabb(out, [cx - half, cy - half + wall, 0], [cx - half + wall, cy + half - wall, height], COLORS.bin)
  pushAabb(out, [cx + half - wall, cy - half + wall, 0], [cx + half, cy + half - wall, height], COLORS.bin)
}

function pushArm(mesh: SceneMesh, frame: SceneFrame): void {
  const { faces, discs } = mesh
  const p = frame.pose
  const base: Vec3 = [p.shoulder[0], p.shoulder[1], 0]
  pushAabb(faces, add(base, [-0.07, -0.07, 0]), add(base, [0.07, 0.07, 0.035]), COLORS.base)
  pushBar(faces, [add(base, [0, 0, 0.035]), p.shoulder], 0.07, COLORS.base)
  pushBar(faces, [p.shoulder, p.elbow], 0.046, COLORS.link)
  pushBar(faces, [p.elbow, p.wrist], 0.038, COLORS.link)
  const palmTop = add(p.tip, [0, 0, 0.075])
  const palmBottom = add(p.tip, [0, 0, 0.05])
  pushBar(faces, [p.wrist, palmTop], 0.03, COLORS.link)
  const ax = p.fingerAxis
  const ay: Vec3 = [-ax[1], ax[0], 0]
  pushBox(faces, { centre: lerp(palmTop, palmBottom, 0.5), axes: [ax, ay, Z], half: [MAX_GAP / 2 + 0.012, 0.016, 0.0125] }, COLORS.gripper)
  const gap = Math.max((p.joints[5] / 100) * MAX_GAP, 0.012)
  for (const s of [-1, 1]) {
    const c = add(p.tip, add(scale(ax, s * (gap / 2 + 0.006)), [0, 0, 0.015]))
    pushBox(faces, { centre: c, axes: [ax, ay, Z], half: [0.006, 0.012, 0.035] }, COLORS.gripper)
  }
  discs.push({ centre: p.shoulder, radius: 0.03, color: COLORS.joint }, { centre: p.elbow, radius: 0.026, color: COLORS.joint }, { centre: p.wrist, radius: 0.022, color: COLORS.joint })
  for (const [a, b, w] of [[p.shoulder, p.elbow, 0.046], [p.elbow, p.wrist, 0.038], [p.wrist, palmBottom, 0.03]] as const) pushBarShadow(faces, [a, b], w)
  pushShadow(faces, footprint(palmBottom, MAX_GAP / 2 + 0.012, 0.016, Math.atan2(ax[1], ax[0])))
}

/** The parts that never move (floor, table, bin): drawn once per camera and reused as the background. */
export function buildStaticMesh(): SceneMesh {
  const mesh: SceneMesh = { faces: [], discs: [] }
  pushStatic(mesh.faces)
  return mesh
}

/** The moving parts of `frame` (objects, arm, their shadows), in world space. */
export function buildMesh(frame: SceneFrame, objects: readonly ObjectSpec[]): SceneMesh {
  const mesh: SceneMesh = { faces: [], discs: [] }
  for (const [i, spec] of objects.entries()) {
    const o = frame.objects[i]!
    const bottom = o.pos[2] - spec.height / 2
    if (bottom < 0.03 || frame.held === i) pushShadow(mesh.faces, footprint([o.pos[0], o.pos[1], Math.max(0, bottom)], spec.size / 2, spec.size / 2, o.yaw))
    if (spec.shape === 'cube') pushBox(mesh.faces, { centre: o.pos, axes: yawAxes(o.yaw), half: [spec.size / 2, spec.size / 2, spec.height / 2] }, spec.color)
    else pushCylinder(mesh.faces, o.pos, spec, spec.color)
  }
  pushArm(mesh, frame)
  return mesh
}
