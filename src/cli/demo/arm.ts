/**
 * The demo robot: a 6-DoF desk arm (pan, lift, elbow, wrist flex, wrist roll, gripper) whose gripper always
 * points straight down. Scripts move the fingertip centre; joint angles come from closed-form IK, so the
 * parquet state and the rendered links always agree.
 *
 * ```text
 *   side view (the plane of the arm after panning)
 *              E (elbow)
 *        L1  /    \  L2
 *          S        W (wrist)        S = shoulder, BASE_XY at SHOULDER_HEIGHT
 *          |        |  WRIST_DROP    W = tip + (0, 0, WRIST_DROP)
 *        base       tip (between the fingertips)
 * ```
 */
import type { Vec3 } from './vec'

export const BASE_XY: readonly [number, number] = [0.0, 0.32]
export const SHOULDER_HEIGHT = 0.12
export const L1 = 0.34
export const L2 = 0.32
export const WRIST_DROP = 0.12
/** Finger gap when fully open, metres. */
export const MAX_GAP = 0.085

export const JOINT_NAMES = ['shoulder_pan', 'shoulder_lift', 'elbow_flex', 'wrist_flex', 'wrist_roll', 'gripper'] as const

/** Joint angles in degrees (gripper in percent open), in JOINT_NAMES order. */
export type JointVector = [number, number, number, number, number, number]

export interface ArmPose {
  joints: JointVector
  shoulder: Vec3
  elbow: Vec3
  wrist: Vec3
  tip: Vec3
  /** Horizontal unit vector along which the fingers open. */
  fingerAxis: Vec3
}

const DEG = 180 / Math.PI

/** The arm reaching `tip` with the gripper `opening` (0 closed .. 1 open) and wrist `roll` (radians). */
export function solveArm(tip: Vec3, opening: number, roll: number): ArmPose {
  const wrist: Vec3 = [tip[0], tip[1], tip[2] + WRIST_DROP]
  const dx = wrist[0] - BASE_XY[0]
  const dy = wrist[1] - BASE_XY[1]
  const r = Math.max(1e-6, Math.hypot(dx, dy))
  const ux = dx / r
  const uy = dy / r
  const dz = wrist[2] - SHOULDER_HEIGHT
  // Out-of-reach targets are pulled in rather than rejected: scripts are checked by tests, not at run time.
  const d = Math.min(Math.hypot(r, dz), L1 + L2 - 1e-6)
  const toWrist = Math.atan2(dz, r)
  const cosB = (L1 * L1 + d * d - L2 * L2) / (2 * L1 * d)
  const lift = toWrist + Math.acos(Math.max(-1, Math.min(1, cosB)))
  const shoulder: Vec3 = [BASE_XY[0], BASE_XY[1], SHOULDER_HEIGHT]
  const elbow: Vec3 = [shoulder[0] + ux * L1 * Math.cos(lift), shoulder[1] + uy * L1 * Math.cos(lift), shoulder[2] + L1 * Math.sin(lift)]
  const fore = Math.atan2(wrist[2] - elbow[2], (wrist[0] - elbow[0]) * ux + (wrist[1] - elbow[1]) * uy)
  const pan = Math.atan2(dx, -dy)
  const elbowFlex = fore - lift
  const wristFlex = -Math.PI / 2 - fore
  const yaw = Math.atan2(uy, ux) + Math.PI / 2 + roll
  return {
    joints: [pan * DEG, lift * DEG, elbowFlex * DEG, wristFlex * DEG, roll * DEG, opening * 100],
    shoulder,
    elbow,
    wrist,
    tip,
    fingerAxis: [Math.cos(yaw), Math.sin(yaw), 0],
  }
}

/** The wrist roll that lines the fingers up with a box of yaw `objectYaw` seen from the arm at `tip`. */
export function rollToAlign(tip: Vec3, objectYaw: number): number {
  const radial = Math.atan2(tip[1] - BASE_XY[1], tip[0] - BASE_XY[0]) + Math.PI / 2
  let d = objectYaw - radial
  // A square has four equivalent faces: take the smallest turn.
  d = d - (Math.PI / 2) * Math.round(d / (Math.PI / 2))
  return d
}

/** Distance from the shoulder axis to `tip`'s wrist point, for reachability checks in tests. */
export function reachOf(tip: Vec3): number {
  const dx = tip[0] - BASE_XY[0]
  const dy = tip[1] - BASE_XY[1]
  return Math.hypot(Math.hypot(dx, dy), tip[2] + WRIST_DROP - SHOULDER_HEIGHT)
}
