import type { Command } from '../command'
import { agreeCommand } from './agree'
import { convertCommand } from './convert'
import { exportCommand } from './export'
import { inspectCommand } from './inspect'
import { makeDemoCommand } from './makeDemo'
import { mergeCommand } from './merge'
import { metricsCommand } from './metrics'
import { phashCommand } from './phash'
import { predictCommand } from './predict'
import { progressCommand } from './progress'
import { rewardCommand } from './reward'
import { teamServerCommand } from './teamServer'

/** Every command, in the order `proclens --help` lists them. */
export const commands: Command[] = [metricsCommand, agreeCommand, convertCommand, exportCommand, inspectCommand, makeDemoCommand, mergeCommand, progressCommand, rewardCommand, phashCommand, predictCommand, teamServerCommand]
