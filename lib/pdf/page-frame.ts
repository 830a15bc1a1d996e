import { PDFArray, PDFNumber, type PDFPage } from 'pdf-lib';

/**
 * A page as a reader shows it: its visible width and height (the CropBox within the
 * MediaBox, turned by /Rotate) and the matrix from that upright view, origin at its
 * bottom-left corner, to the page's own coordinates. Whatever is drawn through the matrix
 * stands upright along the bottom edge the reader sees, wherever the box sits.
 */
export interface PageFrame {
  width: number;
  height: number;
  matrix: [number, number, number, number, number, number];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boxOf(page: PDFPage, array: PDFArray | undefined): Box | undefined {
  if (!array || array.size() !== 4) return undefined;
  const [a, b, c, d] = array.asArray().map((item) => page.doc.context.lookup(item, PDFNumber).asNumber());
  // Any two opposite corners are allowed, in either order.
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}

/** The region a reader shows: the CropBox clipped to the MediaBox (the MediaBox when there is no usable CropBox). */
function visibleBox(page: PDFPage): Box {
  const media = boxOf(page, page.node.MediaBox());
  if (!media || media.x1 - media.x0 < 1 || media.y1 - media.y0 < 1) throw new Error('page without a usable MediaBox');
  const crop = boxOf(page, page.node.CropBox());
  if (!crop) return media;
  const clipped = { x0: Math.max(crop.x0, media.x0), y0: Math.max(crop.y0, media.y0), x1: Math.min(crop.x1, media.x1), y1: Math.min(crop.y1, media.y1) };
  return clipped.x1 - clipped.x0 < 1 || clipped.y1 - clipped.y0 < 1 ? media : clipped;
}

export function pageFrame(page: PDFPage): PageFrame {
  const { x0, y0, x1, y1 } = visibleBox(page);
  const w = x1 - x0;
  const h = y1 - y0;
  // /Rotate turns the page clockwise for display, in multiples of 90 degrees (any sign).
  const rotation = (((Math.round(page.getRotation().angle / 90) * 90) % 360) + 360) % 360;
  switch (rotation) {
    case 90:
      return { width: h, height: w, matrix: [0, 1, -1, 0, x1, y0] };
    case 180:
      return { width: w, height: h, matrix: [-1, 0, 0, -1, x1, y1] };
    case 270:
      return { width: h, height: w, matrix: [0, -1, 1, 0, x0, y1] };
    default:
      return { width: w, height: h, matrix: [1, 0, 0, 1, x0, y0] };
  }
}
