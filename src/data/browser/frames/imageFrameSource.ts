/**
 * Image-sequence cameras: one file per frame, read through the dataset's FileStore and decoded with
 * `createImageBitmap` (which decodes off the main thread in Chromium and Firefox).
 */
import type { FileStore } from '../../fileStore'
import type { ImageMedia } from '../../DatasetSource'
import { QueuedFrameSource } from './queuedFrameSource'
import { windowFor } from './prefetchWindow'

/** Image files read and decoded at the same time. */
const CONCURRENCY = 4

function mimeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
  if (ext === 'png') return 'image/png'
  if (ext === 'webp') return 'image/webp'
  return 'image/jpeg'
}

export class ImageFrameSource extends QueuedFrameSource {
  readonly kind = 'images' as const
  private size: { width: number; height: number }

  constructor(
    private readonly store: FileStore,
    private readonly media: ImageMedia,
    options: { fps: number; budgetBytes: number },
  ) {
    super({
      camera: media.key,
      frameCount: media.paths.length,
      budgetBytes: options.budgetBytes,
      concurrency: CONCURRENCY,
      window: (motion) => windowFor(motion, options.fps),
    })
    this.size = { width: media.width ?? 0, height: media.height ?? 0 }
  }

  get width(): number {
    return this.size.width
  }

  get height(): number {
    return this.size.height
  }

  get aspect(): number {
    return this.size.height > 0 ? this.size.width / this.size.height : 0
  }

  protected async fetchFrame(frame: number): Promise<ImageBitmap> {
    const path = this.media.paths[frame]
    if (path === undefined) throw new Error(`${this.camera}: no image for frame ${frame}`)
    const bytes = await this.store.readBytes(path)
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeOf(path) }))
    if (this.size.width === 0) this.size = { width: bitmap.width, height: bitmap.height }
    return bitmap
  }
}
