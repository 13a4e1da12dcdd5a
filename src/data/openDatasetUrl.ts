/**
 * Opening a dataset by URL, shared by the app (the URL field, `?dataset=` links) and `proclens inspect URL`:
 * the URL is checked before any request, and whatever goes wrong becomes an {@link OpenError} naming the URL
 * and what to do.
 */
import { currentPageUrl, parseDatasetUrl } from './datasetUrl'
import type { DatasetSource } from './DatasetSource'
import { diagnoseOpenError } from './diagnoseOpenError'
import type { DiagnoseOptions } from './diagnoseOpenError'
import type { HttpFileStore } from './httpFileStore'
import { createHttpFileStore } from './httpFileStore'
import { openDataset } from './openDataset'

/**
 * Runs `read` on the store of the dataset at `input` (an http(s) URL, or a path on the page's origin). Rejects
 * with an {@link OpenError} when the URL is malformed or `read` fails.
 */
export async function readDatasetUrl<T>(input: string, read: (store: HttpFileStore) => Promise<T>, options: DiagnoseOptions = {}): Promise<T> {
  const pageUrl = 'pageUrl' in options ? options.pageUrl : currentPageUrl()
  const base = parseDatasetUrl(input, pageUrl)
  const store = createHttpFileStore(base.href, options.fetch === undefined ? {} : { fetch: options.fetch })
  try {
    return await read(store)
  } catch (e) {
    throw await diagnoseOpenError(new URL(store.baseUrl), e, { ...options, pageUrl })
  }
}

/** Opens the dataset at `input`; rejects with an {@link OpenError}. */
export function openDatasetUrl(input: string, options: DiagnoseOptions = {}): Promise<DatasetSource> {
  return readDatasetUrl(input, openDataset, options)
}
