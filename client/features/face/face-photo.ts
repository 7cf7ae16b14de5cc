import { FACE_RULES } from '../../../schemas/face-rules';

/** What a photo to check can be: a chosen file, a decoded image, a canvas or a video frame. */
export type PhotoSource =
  | Blob
  | ImageBitmap
  | HTMLImageElement
  | HTMLCanvasElement
  | OffscreenCanvas
  | HTMLVideoElement;

export class UnreadableImageError extends Error {
  constructor() {
    super('The image cannot be read.');
  }
}

function sizeOf(source: Exclude<PhotoSource, Blob>): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) {
    return { width: source.videoWidth, height: source.videoHeight };
  }
  if (source instanceof HTMLImageElement) {
    return { width: source.naturalWidth, height: source.naturalHeight };
  }
  return { width: source.width, height: source.height };
}

/**
 * The photo as the server will see it: drawn upright (the file's EXIF orientation applied)
 * and scaled down to fit FACE_RULES' maxWidth × maxHeight, never up. The checks run on this
 * canvas, so a face judged large enough here is that large in what is sent.
 */
export async function photoCanvas(source: PhotoSource): Promise<HTMLCanvasElement> {
  let drawable: Exclude<PhotoSource, Blob>;
  let owned: ImageBitmap | null = null;
  if (source instanceof Blob) {
    try {
      owned = await createImageBitmap(source, { imageOrientation: 'from-image' });
    } catch {
      throw new UnreadableImageError();
    }
    drawable = owned;
  } else {
    drawable = source;
  }
  const { width, height } = sizeOf(drawable);
  if (!width || !height) throw new UnreadableImageError();
  const scale = Math.min(1, FACE_RULES.maxWidth / width, FACE_RULES.maxHeight / height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas.');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(drawable, 0, 0, canvas.width, canvas.height);
  owned?.close();
  return canvas;
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded.'))),
      'image/jpeg',
      quality,
    ),
  );
}

/**
 * A JPEG the server accepts: within the size limits (the canvas already is) and at most
 * FACE_RULES.maxImageBytes. Lower quality first, then smaller, since detail in the face
 * matters more than pixels the server would scale away anyway.
 */
export async function encodeJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  let current = canvas;
  for (;;) {
    for (const quality of [0.92, 0.85, 0.75]) {
      const blob = await toJpeg(current, quality);
      if (blob.size <= FACE_RULES.maxImageBytes) return blob;
    }
    const smaller = document.createElement('canvas');
    smaller.width = Math.round(current.width * 0.75);
    smaller.height = Math.round(current.height * 0.75);
    smaller.getContext('2d')?.drawImage(current, 0, 0, smaller.width, smaller.height);
    current = smaller;
  }
}
