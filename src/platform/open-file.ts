import Taro from '@tarojs/taro';
import { ApiError, httpError, transportError } from '../api/errors';
import { getToken } from '../api/session';
import { IS_H5 } from './env';

/**
 * Opens a file the server serves only to a logged-in user (attachments, document PDFs): the session token
 * goes in the Authorization header, so a plain link would not do. H5 fetches it and opens it in a new tab
 * (the browser's PDF viewer prints); the mini-program downloads it and hands it to WeChat's viewer.
 */
export async function openProtectedFile(path: string): Promise<void> {
  const token = getToken();
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const url = `${API_BASE}${path}`;
  if (IS_H5) {
    // Open the tab first, inside the click, or the browser blocks it as a pop-up.
    const tab = window.open('', '_blank');
    let res: Response;
    try {
      res = await fetch(url, { headers });
    } catch (err) {
      tab?.close();
      throw transportError(err);
    }
    if (!res.ok) {
      tab?.close();
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      throw httpError(res.status, body);
    }
    const blob = await res.blob();
    const objectUrl = URL.createObjectURL(blob);
    if (tab) tab.location.href = objectUrl;
    else window.location.assign(objectUrl);
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    return;
  }
  let file: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    file = await Taro.downloadFile({ url, header: headers });
  } catch (err) {
    throw transportError(err);
  }
  if (file.statusCode < 200 || file.statusCode >= 300) throw httpError(file.statusCode, null) as ApiError;
  if (/\.(png|jpe?g|webp)$/i.test(file.tempFilePath)) {
    await Taro.previewImage({ urls: [file.tempFilePath] });
  } else {
    await Taro.openDocument({ filePath: file.tempFilePath, showMenu: true });
  }
}
