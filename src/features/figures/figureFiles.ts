/**
 * The figure's two files: the SVG document as `core/figure` writes it, and a PNG drawn from that same SVG at
 * the figure's size in pixels (300 dpi), so both show exactly the same drawing.
 */
import type { FigureSpec } from '@/core/figure'
import { CSS_PX_PER_INCH, FIGURE_SIZE, figurePixels, figureSvg } from '@/core/figure'

export function svgBlob(spec: FigureSpec): Blob {
  return new Blob([figureSvg(spec)], { type: 'image/svg+xml' })
}

export async function pngBlob(spec: FigureSpec): Promise<Blob> {
  const { width, height } = figurePixels(spec)
  const url = URL.createObjectURL(svgBlob({ ...spec, strokeScale: width / ((spec.widthIn ?? FIGURE_SIZE.widthIn) * CSS_PX_PER_INCH) }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('no 2D canvas')
    // Drawn at the destination size, the SVG is rasterised at 300 dpi rather than scaled up from 96.
    context.drawImage(image, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b === null ? reject(new Error('the PNG could not be encoded')) : resolve(b)), 'image/png'))
  } finally {
    URL.revokeObjectURL(url)
  }
}
