/** Save a blob as a file through the browser's download, as a link with `download` would. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  // In the document while clicked: older Firefox ignores a click on a detached link.
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once the click has been handled; a later tick frees the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
