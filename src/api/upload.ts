import Taro from '@tarojs/taro';
import { IS_H5 } from '../platform/env';
import { transportError } from './errors';
import { ensureOk, withSession, type RawResponse } from './request';
import type { Attachment } from './types';

/** server/src/modules/attachments/attachment.routes.ts: one file per request, multipart field `file`. */
export const ATTACHMENT_FIELD = 'file';
/** Photos and scans take longer than a JSON call on a weak connection. */
export const UPLOAD_TIMEOUT_MS = 60_000;

/** A display name the server accepts: no path, no control characters (attachments/file-check.ts). */
export function safeFileName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[/\\\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? undefined : clean.slice(0, 100);
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/**
 * H5: the picked File goes straight into a FormData over fetch. (Taro's H5 uploadFile first re-reads the
 * file from its blob: URL with XHR, which a Content-Security-Policy without `connect-src blob:` blocks —
 * and then never settles.)
 */
async function fetchUpload(
  url: string,
  file: Blob,
  fileName: string | undefined,
  header: Record<string, string>,
): Promise<RawResponse> {
  const form = new FormData();
  form.append(ATTACHMENT_FIELD, file, fileName ?? (file as File).name ?? 'photo');
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), UPLOAD_TIMEOUT_MS);
  try {
    const res = await fetch(url, { method: 'POST', body: form, headers: header, signal: abort.signal });
    const text = await res.text();
    return { statusCode: res.status, data: parseBody(text) };
  } catch (err) {
    throw transportError(err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Uploads one local file (a temp path in the mini-program, a blob: URL on H5) to `POST /api/attachments`.
 * The answer's id goes into the filing's `attachmentIds`; an upload not filed within 24 hours is purged.
 * On H5 pass the picked `file` itself.
 */
export async function uploadAttachment(
  filePath: string,
  options: { fileName?: string; file?: Blob; baseUrl?: string } = {},
): Promise<Attachment> {
  const { baseUrl = API_BASE, file } = options;
  const fileName = safeFileName(options.fileName);
  const url = `${baseUrl}/api/attachments`;
  const response = await withSession('session', async (authHeader) => {
    const header = { Accept: 'application/json', ...authHeader };
    if (IS_H5 && file) return fetchUpload(url, file, fileName, header);
    try {
      // wx.uploadFile, like wx.request, resolves for every HTTP status; its body arrives as a string.
      const res = await Taro.uploadFile({
        url,
        filePath,
        name: ATTACHMENT_FIELD,
        header,
        timeout: UPLOAD_TIMEOUT_MS,
        ...(fileName ? { fileName } : {}),
      });
      return { statusCode: res.statusCode, data: parseBody(res.data) };
    } catch (err) {
      throw transportError(err);
    }
  });
  return ensureOk(response).data as Attachment;
}
