import { png } from '../../attachments/support';
import type { HostileRequest } from './types';

/** A multipart body by hand (the test controls every byte of names and types). */
export function multipart(
  filename: string,
  contentType: string,
  data: Buffer | string,
): Pick<HostileRequest, 'raw' | 'headers'> {
  const b = 'hostileBoundary7MA4YWxk';
  return {
    raw: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      Buffer.isBuffer(data) ? data : Buffer.from(data),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

const PNG = png();
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const SVG =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.domain)</script></svg>';
const SVG_PLAIN =
  '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe src="javascript:alert(1)"/></foreignObject></svg>';
const GIFAR = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20), ZIP]);

const up = (
  name: string,
  filename: string,
  ct: string,
  data: Buffer | string,
  status?: number,
): HostileRequest => ({
  class: 'upload',
  name,
  as: 'resident',
  method: 'POST',
  url: '/api/attachments',
  ...multipart(filename, ct, data),
  ...(status ? { status } : {}),
});

export const uploads: HostileRequest[] = [
  up('exe named .jpg', '现场照片.jpg', 'image/jpeg', EXE),
  up('exe as octet-stream .png', 'photo.png', 'application/octet-stream', EXE),
  up('ELF named .pdf', '材料.pdf', 'application/pdf', ELF),
  up('zip named .jpg', 'a.jpg', 'image/jpeg', ZIP),
  up('html named .png', 'a.png', 'image/png', HTML),
  up('html as text/html', 'a.html', 'text/html', HTML),
  up('SVG with script as image/svg+xml', 'a.svg', 'image/svg+xml', SVG),
  up('SVG with script named .png', 'a.png', 'image/png', SVG),
  up('SVG with foreignObject', 'b.svg', 'image/svg+xml', SVG_PLAIN),
  up('GIF+ZIP polyglot', 'a.gif', 'image/gif', GIFAR),
  up('PNG bytes declared as PDF', 'a.pdf', 'application/pdf', PNG),
  up('PNG bytes named .exe', 'a.exe', 'image/png', PNG),
  up('PNG named .php', 'shell.php', 'image/png', PNG),
  up('empty file', 'a.png', 'image/png', Buffer.alloc(0)),
  up('three bytes', 'a.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e])),
  up('path traversal ../', '../../etc/passwd.png', 'image/png', PNG),
  up('path traversal ..\\', '..\\..\\windows\\win.ini.png', 'image/png', PNG),
  up('absolute path', '/etc/cron.d/x.png', 'image/png', PNG),
  up('drive letter', 'C:\\x.png', 'image/png', PNG),
  up('dot-dot name', '..', 'image/png', PNG),
  up('NUL in name', 'a.png\u0000.exe', 'image/png', PNG),
  up('CRLF in name', 'a\r\nContent-Type: text/html.png', 'image/png', PNG),
  up('RLO in name', '照片\u202Egnp.exe', 'image/png', PNG),
  up('name 300 chars', `${'a'.repeat(300)}.png`, 'image/png', PNG),
  up(
    'over the size limit',
    'big.png',
    'image/png',
    Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]),
    413,
  ),
  {
    class: 'upload',
    name: 'two files in one request',
    as: 'resident',
    method: 'POST',
    url: '/api/attachments',
    raw: Buffer.concat([
      (multipart('a.png', 'image/png', PNG).raw as Buffer).subarray(
        0,
        -'--hostileBoundary7MA4YWxk--\r\n'.length,
      ),
      Buffer.from(
        '--hostileBoundary7MA4YWxk\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\nContent-Type: image/png\r\n\r\n',
      ),
      PNG,
      Buffer.from('\r\n--hostileBoundary7MA4YWxk--\r\n'),
    ]),
    headers: { 'content-type': 'multipart/form-data; boundary=hostileBoundary7MA4YWxk' },
  },
  {
    class: 'upload',
    name: 'no file part',
    as: 'resident',
    method: 'POST',
    url: '/api/attachments',
    raw: '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--x--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
  },
  {
    class: 'upload',
    name: 'broken multipart',
    as: 'resident',
    method: 'POST',
    url: '/api/attachments',
    raw: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
  },
  {
    class: 'upload',
    name: 'anonymous upload',
    as: 'anonymous',
    method: 'POST',
    url: '/api/attachments',
    ...multipart('a.png', 'image/png', PNG),
  },
];

/** Catastrophic-backtracking patterns in the search box: matched literally (escaped), never as a regex. */
export const redos: HostileRequest[] = [
  '(a+)+$',
  '(a|aa)+$',
  '([a-zA-Z]+)*$',
  '(.*a){20}',
  '^(a+)+b',
  '(x+x+)+y',
  '(\\w+\\s?)*$',
  '((a*)*)*b',
  '[\\s\\S]*[\\s\\S]*[\\s\\S]*z',
  '(?=a)*',
  '\\',
  '[',
  '.*.*.*.*.*.*.*.*.*.*!',
].map((p, i): HostileRequest => ({
  class: 'redos',
  name: `search ${p} #${i + 1}`,
  as: 'clerk',
  method: 'GET',
  url: `/api/cases?q=${encodeURIComponent(p)}`,
  expect: 'inert',
}));

/** The same patterns, too long for the search box (50 characters): refused. */
export const redosLong: HostileRequest[] = [
  '(a+)+$',
  '(.*a){20}',
  '(a|aa)+$',
  '([a-z]+)*$',
  '(\\w+\\s?)*$',
  '((a*)*)*b',
].map((p): HostileRequest => ({
  class: 'redos',
  name: `search ${p} × 20`,
  as: 'clerk',
  method: 'GET',
  url: `/api/cases?q=${encodeURIComponent(p.repeat(20))}`,
}));
