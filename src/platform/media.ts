import Taro from '@tarojs/taro';

export interface ChosenImage {
  /** A temp file path (mini-program) or a blob: URL (H5): what Taro.uploadFile takes. */
  path: string;
  /** The picked file's own name where the platform knows it (H5). */
  name?: string;
  size?: number;
  /** H5: the picked File itself (uploaded directly; see api/upload.ts). */
  file?: Blob;
}

/**
 * Photos from the album or the camera, compressed by the platform (smaller uploads on weak connections).
 * Works in both builds: wx.chooseImage in the mini-program, a file input on H5. Resolves [] on cancel.
 */
export async function chooseImages(count: number): Promise<ChosenImage[]> {
  if (count <= 0) return [];
  try {
    const res = await Taro.chooseImage({
      count: Math.min(count, 9),
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    return res.tempFiles.map((f) => {
      const original = (f as { originalFileObj?: File }).originalFileObj;
      return {
        path: f.path,
        size: f.size,
        ...(original?.name ? { name: original.name } : {}),
        ...(original ? { file: original } : {}),
      };
    });
  } catch {
    return [];
  }
}
