/**
 * Opens whatever dataset a root holds: LeRobot by `meta/info.json` (`codebase_version` v2.x or v3.0), else an
 * image-sequence layout. Opening reads only metadata (info.json, sizes, one episode's folder for image
 * sequences); episodes are read on demand.
 */
import { dataProblem } from './dataProblems'
import type { DatasetSource } from './DatasetSource'
import type { FileStore } from './fileStore'
import { discoverImageEpisodes } from './images/discover'
import { openImageSequence } from './images/imageSequenceSource'
import { INFO_PATH, parseInfo } from './lerobot/info'
import { openLeRobotV21 } from './lerobot/v21Source'
import { openLeRobotV30 } from './lerobot/v30Source'
import { NotADatasetError, notADatasetError } from './notADataset'

export { NotADatasetError } from './notADataset'

/**
 * Opens the dataset at the store's root. Rejects with {@link NotADatasetError} when the root holds no dataset
 * (the message says what it holds) or when meta/info.json is unusable; everything less severe becomes a problem.
 */
export async function openDataset(store: FileStore): Promise<DatasetSource> {
  if ((await store.size(INFO_PATH)) !== undefined) {
    const { info, problems } = parseInfo(await store.readText(INFO_PATH))
    if (info === undefined) {
      throw new NotADatasetError(`not a usable LeRobot dataset: ${problems.map((p) => p.message).join('; ')}`)
    }
    const version = info.codebaseVersion
    if (version.startsWith('v3')) {
      if (version !== 'v3.0') problems.push(dataProblem('unsupported-version', `codebase_version ${version} is read as v3.0`, { file: INFO_PATH }))
      return openLeRobotV30(store, info, problems)
    }
    if (!version.startsWith('v2')) {
      problems.push(dataProblem('unsupported-version',
        `codebase_version "${version}" is not v2.x or v3.0; reading it as v2.1`, { file: INFO_PATH }))
    }
    return openLeRobotV21(store, info, problems)
  }
  const discovery = await discoverImageEpisodes(store)
  if (discovery !== undefined) return openImageSequence(store, discovery)
  throw await notADatasetError(store)
}
