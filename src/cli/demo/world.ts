/**
 * The fixed part of the demo scene: table, bin, the objects an episode can use, and the bin slots objects
 * are placed into (so several objects never land on each other).
 *
 * ```text
 *   top view (y up)           robot base
 *   +-----------------------------o---------------------+ y = TABLE.y1
 *   |                                                   |
 *   |   objects start here                 +-------+    |
 *   |   (left and centre)                  |  bin  |    |
 *   |                                      +-------+    |
 *   +---------------------------------------------------+ y = TABLE.y0   (front camera looks from -y)
 * ```
 */
import type { Vec3 } from './vec'

export type Rgb = readonly [number, number, number]

export const TABLE = { x0: -0.56, x1: 0.56, y0: -0.36, y1: 0.44, thickness: 0.05 } as const

export const BIN = { cx: 0.3, cy: -0.04, half: 0.1, height: 0.09, wall: 0.012, floor: 0.012 } as const

export const COLORS = {
  background: [222, 229, 236],
  floor: [196, 204, 212],
  table: [205, 186, 156],
  tableEdge: [150, 128, 100],
  shadow: [163, 146, 120],
  bin: [88, 104, 120],
  binInner: [70, 84, 98],
  link: [236, 236, 232],
  joint: [52, 58, 66],
  gripper: [70, 78, 90],
  base: [96, 104, 116],
} as const satisfies Record<string, Rgb>

export type ObjectShape = 'cube' | 'cylinder'

export interface ObjectSpec {
  /** Short id used by scripts, e.g. `red`. */
  id: string
  /** As written in subtask names: `red cube`. */
  name: string
  shape: ObjectShape
  /** Width (cube edge or cylinder diameter), metres. */
  size: number
  /** Height, metres. */
  height: number
  color: Rgb
  /** Resting position on the table (x, y) and yaw. */
  x: number
  y: number
  yaw: number
}

const PALETTE: Record<string, Rgb> = {
  red: [214, 58, 58],
  green: [58, 160, 78],
  blue: [58, 108, 212],
  yellow: [226, 186, 40],
  orange: [232, 122, 40],
  purple: [142, 80, 196],
  teal: [36, 158, 160],
  pink: [222, 96, 160],
}

/** An object of colour `color` (a PALETTE key) and shape at (x, y). */
export function makeObject(color: string, shape: ObjectShape, at: { x: number; y: number; yaw?: number }): ObjectSpec {
  const rgb = PALETTE[color]
  if (rgb === undefined) throw new Error(`unknown colour ${color}`)
  const cube = shape === 'cube'
  return {
    id: color,
    name: `${color} ${shape}`,
    shape,
    size: cube ? 0.045 : 0.044,
    height: cube ? 0.045 : 0.055,
    color: rgb,
    x: at.x,
    y: at.y,
    yaw: at.yaw ?? 0,
  }
}

/** Centre (x, y) of bin slot `slot` (0..8, a 3 x 3 grid; 4 is the middle). */
export function binSlot(slot: number): [number, number] {
  const step = 0.062
  const col = (slot % 3) - 1
  const row = Math.floor(slot / 3) - 1
  return [BIN.cx + col * step, BIN.cy - row * step]
}

/** The height objects rest on at (x, y): the bin floor inside the bin, else the table. */
export function supportHeight(x: number, y: number): number {
  const inner = BIN.half - BIN.wall
  return Math.abs(x - BIN.cx) < inner && Math.abs(y - BIN.cy) < inner ? BIN.floor : 0
}

/** A point expressed in world coordinates, for scripts that name fixed places. */
export const HOME: Vec3 = [0.02, -0.02, 0.2]
