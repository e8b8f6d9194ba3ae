import { fileTypeFromBuffer } from 'file-type';
import { AppError, BadRequest } from '../../errors';
import { ATTACHMENT_TYPES, type AttachmentMime } from '../../contracts/attachments';

/** Bytes file-type needs to recognise every format it knows (its `reasonableDetectionSizeInBytes`). */
export const DETECTION_BYTES = 4100;

export class UnsupportedFile extends AppError {
  constructor(message: string) {
    super(415, 'UNSUPPORTED_FILE_TYPE', message);
  }
}

const ALLOWED_HINT = '仅支持 JPG、PNG、WebP 图片和 PDF 文件';

// C0/C1 controls, and the bidi/invisible marks that make `gpj.exe` display as `exe.jpg`.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE_G = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const NAME_MAX = 100;

/**
 * Checks the client's file name and returns a display name. A name with a path in it (`../x`, `a/b`,
 * `C:\x`) or control characters is refused outright rather than cleaned: no honest picker sends one.
 * The name is never used for storage; it is only shown and offered as the download name.
 */
export function displayName(raw: string | undefined): string {
  const name = (raw ?? '').normalize('NFC');
  if (name.length > 255) throw new BadRequest('文件名过长');
  if (/[/\\]/.test(name) || name === '.' || name === '..' || CONTROL.test(name)) {
    throw new BadRequest('文件名不合法：不能包含路径或控制字符');
  }
  let clean = name.replace(INVISIBLE_G, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (clean.length > NAME_MAX) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = [...clean.slice(0, clean.length - ext.length)].slice(0, NAME_MAX - ext.length).join('') + ext;
  }
  return clean;
}

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Declared types that say nothing: pickers and WeChat's uploadFile often send octet-stream, and the
 * multipart parser reports text/plain for a part that declared no type at all.
 */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'text/plain']);

/**
 * Decides the type from the content's magic bytes, then refuses a declared type or a name extension that
 * disagrees with it: a mismatch means a renamed or crafted file, so it is not guessed around.
 * Returns the detected type and the display name (with the right extension when it had none).
 */
export async function checkContent(
  head: Buffer,
  declaredMime: string | undefined,
  name: string,
): Promise<{ mime: AttachmentMime; name: string }> {
  const detected = await fileTypeFromBuffer(head);
  if (detected?.mime === 'image/heic' || detected?.mime === 'image/heif') {
    throw new UnsupportedFile('暂不支持 HEIC 格式的照片，请在相机设置中选择“兼容性最佳”或转换为 JPG 后上传');
  }
  const mime = detected?.mime as AttachmentMime | undefined;
  if (!mime || !(mime in ATTACHMENT_TYPES)) throw new UnsupportedFile(`不支持的文件类型，${ALLOWED_HINT}`);
  const spec = ATTACHMENT_TYPES[mime];

  const declared = (declaredMime ?? '').split(';')[0]!.trim().toLowerCase();
  const declaredOk =
    UNINFORMATIVE.has(declared) || declared === mime || (mime === 'image/jpeg' && declared === 'image/jpg');
  const ext = extensionOf(name);
  const extOk = ext === undefined || (spec.aliases as readonly string[]).includes(ext);
  if (!declaredOk || !extOk) {
    throw new UnsupportedFile(`文件内容与其类型或扩展名不符，${ALLOWED_HINT}`);
  }
  const base = name || '附件';
  return { mime, name: ext === undefined ? `${base}.${spec.ext}` : base };
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the real name in RFC 5987 / RFC 6266
 * `filename*` form, so Chinese names survive and no quote or newline can break out of the header.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
