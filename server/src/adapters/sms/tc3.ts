import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), shared by the client and the local fake so the
 * fake can check signatures the way the real endpoint does.
 */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** YYYY-MM-DD in UTC of a Unix timestamp in seconds: the date in the credential scope. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export interface Tc3Input {
  secretKey: string;
  service: string;
  timestamp: number;
  /** Signed headers, names lowercase; values are lowercased and trimmed as the spec says. */
  headers: Record<string, string>;
  payload: string;
}

/** The hex signature of a POST / request with an empty query string. */
export function tc3Signature(input: Tc3Input): { signature: string; signedHeaders: string } {
  const names = Object.keys(input.headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim().toLowerCase()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join(
    '\n',
  );
  const date = tc3Date(input.timestamp);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, 'tc3_request');
  return {
    signature: createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex'),
    signedHeaders,
  };
}

export function tc3Authorization(input: Tc3Input & { secretId: string }): string {
  const { signature, signedHeaders } = tc3Signature(input);
  const scope = `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Parses an Authorization header of the TC3 shape; undefined when it does not have that shape. */
export function parseTc3Authorization(
  header: string | undefined,
):
  | { secretId: string; date: string; service: string; signedHeaders: string[]; signature: string }
  | undefined {
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      header ?? '',
    );
  if (!m) return undefined;
  return { secretId: m[1]!, date: m[2]!, service: m[3]!, signedHeaders: m[4]!.split(';'), signature: m[5]! };
}
