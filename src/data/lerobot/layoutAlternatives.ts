/**
 * Where LeRobot files end up in practice when not at the path info.json's template gives: the other
 * version's folder order, the chunk computed with the default chunk size, the camera key as nested folders
 * (`observation/images/front`), unpadded indices, no chunk folder. These are the paths tried over HTTP (a few
 * size requests each); stores that can list also search by file name (fileLocator.ts), where `accept` keeps
 * a found file to the right camera and chunk.
 */

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** The camera key as one folder and as nested folders (`observation.images.front`, `observation/images/front`). */
function keyFolders(key: string): string[] {
  return [...new Set([key, key.replaceAll('.', '/')])]
}

/** The chunks an episode may be filed under: by the dataset's chunk size and by LeRobot's default (1000). */
function episodeChunks(episodeIndex: number, chunksSize: number): string[] {
  return [...new Set([Math.floor(episodeIndex / chunksSize), Math.floor(episodeIndex / 1000)])].map((c) => `chunk-${pad(c, 3)}`)
}

/** LeRobot v2.x: one video per episode and camera. */
export function v2VideoAlternatives(key: string, episodeIndex: number, chunksSize: number): string[] {
  const ep = `episode_${pad(episodeIndex, 6)}.mp4`
  return episodeChunks(episodeIndex, chunksSize)
    .flatMap((chunk) => [...keyFolders(key).map((k) => `videos/${chunk}/${k}/${ep}`), `videos/${key}/${chunk}/${ep}`])
    .concat([`videos/${key}/${ep}`])
}

/** LeRobot v2.x: one parquet per episode. */
export function v2DataAlternatives(episodeIndex: number, chunksSize: number): string[] {
  const ep = `episode_${pad(episodeIndex, 6)}.parquet`
  return episodeChunks(episodeIndex, chunksSize).map((chunk) => `data/${chunk}/${ep}`).concat([`data/${ep}`])
}

/** LeRobot v3.0: one video per camera, chunk and file, shared by several episodes. */
export function v3VideoAlternatives(key: string, chunk: number, file: number): string[] {
  const name = `file-${pad(file, 3)}.mp4`
  return keyFolders(key)
    .flatMap((k) => [`videos/${k}/chunk-${pad(chunk, 3)}/${name}`, `videos/chunk-${pad(chunk, 3)}/${k}/${name}`])
    .concat([`videos/${key}/chunk-${chunk}/file-${file}.mp4`, `videos/${key}/${name}`])
}

/** LeRobot v3.0: one parquet per chunk and file, shared by several episodes. */
export function v3DataAlternatives(chunk: number, file: number): string[] {
  return [`data/chunk-${pad(chunk, 3)}/file-${pad(file, 3)}.parquet`, `data/chunk-${chunk}/file-${file}.parquet`, `data/file-${pad(file, 3)}.parquet`]
}

/** A found path lies in the camera's folder (its key as one folder or as nested folders). */
export function inCameraFolder(key: string): (path: string) => boolean {
  const nested = key.split('.')
  return (path) => {
    const parts = path.split('/').slice(0, -1)
    if (parts.includes(key)) return true
    return parts.some((_, i) => nested.every((n, j) => parts[i + j] === n))
  }
}

/**
 * A found path is in chunk `chunk` when it lies in a chunk folder at all: v3.0 file names repeat in every
 * chunk (`file-000.parquet`), so another chunk's file is another file.
 */
export function inChunk(chunk: number): (path: string) => boolean {
  return (path) => {
    const folders = path.split('/').slice(0, -1).flatMap((p) => {
      const m = /^chunk[-_]?(\d+)$/.exec(p)
      return m === null ? [] : [Number(m[1])]
    })
    return folders.length === 0 || folders.includes(chunk)
  }
}
