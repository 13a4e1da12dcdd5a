/**
 * The catalogue of problems the dataset readers report: each kind's severity and what the user can do about
 * it (docs/datasets.md "Problems" lists the same table, word for word; dataProblems.test.ts holds them
 * together). One table fixes each kind's severity, so a kind never means "error" in one reader and "warning"
 * in another. Remedies write commands, paths and file names in backticks, as the docs do.
 */
import type { Problem } from '@/core/problems'

interface Entry {
  severity: Problem['severity']
  remedy: string
}

const REENCODE = '`ffmpeg … -c:v libx264 … -g 2 -fps_mode passthrough -an …`'

const CATALOGUE = {
  // dataset level
  'info-invalid': { severity: 'error', remedy: 'fix the file; an unusable `info.json` makes the dataset unopenable' },
  'unsupported-version': { severity: 'warning', remedy: "convert with LeRobot's converters" },
  'episodes-index-missing': { severity: 'error', remedy: 'restore `meta/` (Git LFS pointers are not data)' },
  'episodes-index-malformed': { severity: 'warning', remedy: 'regenerate the metadata' },
  'episodes-unsorted': { severity: 'warning', remedy: 'sort it to keep opening lazy' },
  'episode-count-mismatch': { severity: 'warning', remedy: 'fix `info.json`' },
  'frame-total-mismatch': { severity: 'warning', remedy: 'fix `info.json`' },
  'splits-mismatch': { severity: 'warning', remedy: 'fix `info.json`' },
  'feature-names-mismatch': { severity: 'warning', remedy: 'fix `info.json`' },
  'listing-unavailable': { severity: 'error', remedy: 'serve directory listings, or add `files` to `episode.json`' },
  'annotation-index-invalid': { severity: 'warning', remedy: 'fix the manifest' },
  // episode level: presence
  'episode-missing': { severity: 'error', remedy: 'fetch the files, or ignore the episode' },
  'data-missing': { severity: 'error', remedy: 'fetch the data file' },
  'data-unreadable': { severity: 'error', remedy: 're-download or re-export it' },
  'data-path-mismatch': {
    severity: 'warning',
    remedy: 'move it to the path `data_path` gives (other tools look only there), or fix `data_path` in ' +
      '`meta/info.json` when every file is laid out this way',
  },
  'video-missing': { severity: 'error', remedy: 'fetch the video' },
  'video-path-mismatch': {
    severity: 'warning',
    remedy: 'move it to the path `video_path` gives (other tools look only there), or fix `video_path` in ' +
      '`meta/info.json` when every file is laid out this way',
  },
  'embedded-images': { severity: 'warning', remedy: 'export it as video' },
  'image-missing': { severity: 'error', remedy: 'fetch the missing frame files' },
  'lfs-pointer': {
    severity: 'error',
    remedy: "run `git lfs install` once, then `git lfs pull` in the dataset's clone: it replaces every pointer by its file",
  },
  // episode level: content
  'length-mismatch': { severity: 'warning', remedy: 'regenerate the metadata' },
  'frame-index-gap': { severity: 'warning', remedy: 're-export the episode' },
  'data-column-missing': { severity: 'warning', remedy: 're-export the episode' },
  'episode-rows-mismatch': { severity: 'error', remedy: 'regenerate the episodes metadata' },
  'task-missing': { severity: 'warning', remedy: 'add `task` to `episode.json` / the index' },
  'fps-unknown': { severity: 'warning', remedy: 'add `fps` to `episode.json`' },
  'fps-mismatch': { severity: 'warning', remedy: 're-encode at the data rate, or fix `fps`' },
  'image-count-mismatch': { severity: 'warning', remedy: 'check the export' },
  // video files
  'codec-unsupported': {
    severity: 'error',
    remedy: `run the given ${REENCODE} command (H.264 plays everywhere; passthrough keeps every frame so ` +
      '`frame_index` still matches; `-g 2` keeps stepping fast; for AV1 use `-c:v libsvtav1 -crf 30 -g 2 -preset 8`) ' +
      'and replace the file',
  },
  'codec-mismatch': { severity: 'warning', remedy: 'fix `video.codec` in `info.json`' },
  'variable-frame-rate': { severity: 'warning', remedy: 're-encode at a constant rate' },
  'frame-count-mismatch': { severity: 'warning', remedy: 're-export the episode' },
  'non-square-pixels': { severity: 'warning', remedy: 're-encode with `-vf setsar=1` if that matters' },
  'audio-track': { severity: 'warning', remedy: 'none needed (`-an` drops it)' },
  'video-container-unsupported': {
    severity: 'error',
    remedy: `convert it with the given ${REENCODE} command (every frame kept) and put the MP4 in its place`,
  },
  'video-is-text': {
    severity: 'error',
    remedy: 'download the file again from a URL that serves the file itself (on the Hugging Face Hub ' +
      '`…/resolve/main/…`, not `…/blob/main/…`)',
  },
  'video-corrupt': { severity: 'error', remedy: 're-encode or re-download' },
  'video-truncated': { severity: 'error', remedy: 're-download, or re-mux what is left with `ffmpeg -i in.mp4 -c copy out.mp4`' },
} as const satisfies Record<string, Entry>

/** Every problem kind the dataset readers emit. */
export type DataProblemKind = keyof typeof CATALOGUE

/** The severity of a kind, as catalogued. */
export function severityOf(kind: DataProblemKind): Problem['severity'] {
  return CATALOGUE[kind].severity
}

/** What the user can do about a kind in general (a problem may carry a more specific remedy). */
export function remedyOf(kind: DataProblemKind): string {
  return CATALOGUE[kind].remedy
}

/** Every catalogued kind (for docs and tests). */
export function allDataProblemKinds(): DataProblemKind[] {
  return Object.keys(CATALOGUE) as DataProblemKind[]
}

/**
 * Builds a problem with the catalogued severity and remedy. `episode` is the episode index. `remedy`, when
 * given, replaces the catalogue's: the exact command with the real path says more than the general advice.
 */
export function dataProblem(
  kind: DataProblemKind,
  message: string,
  where: { episode?: number; file?: string; line?: number } = {},
  remedy?: string,
): Problem {
  return { severity: CATALOGUE[kind].severity, kind, message, ...where, remedy: remedy ?? CATALOGUE[kind].remedy }
}
