/**
 * Which dataset stored work (review statuses, corrected documents, visual change) belongs to: the absolute URL
 * of an http(s) or same-origin root, or `local:<folder name>` for a local folder (a local root's id changes
 * every session; the folder's name does not).
 */
import type { DatasetRoot } from './queries'
import { isLocalRoot } from './queries'

export function datasetIdentity(root: DatasetRoot, datasetName: string, base: string): string {
  return isLocalRoot(root) ? `local:${datasetName}` : new URL(root, base).href.replace(/\/+$/, '')
}
