import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live. The service only speaks this interface, so the disk can be swapped for an
 * S3-compatible object store (MinIO, 腾讯云 COS, 阿里云 OSS — all speak the S3 API) without touching
 * uploads, claims or downloads: `write` = PutObject (or a multipart upload for large files), `read` =
 * GetObject's body stream, `remove` = DeleteObject, `listOlderThan` = ListObjectsV2 filtered on LastModified.
 * With more than one server instance, use such a store or a shared volume: a local disk is per instance.
 */
export interface Storage {
  /** Stores the stream under `name`; rejects (and leaves nothing usable) if the stream fails. */
  write(name: string, source: Readable): Promise<void>;
  /** A stream of the stored bytes, or undefined when there is no such object. */
  read(name: string): Promise<Readable | undefined>;
  /** Idempotent: removing a missing object is not an error. */
  remove(name: string): Promise<void>;
  /** Names of objects last written before `cutoff` (to find files whose metadata was never written). */
  listOlderThan(cutoff: Date): AsyncIterable<string>;
}

/** Storage names are ours (random hex): anything else is refused before it reaches a path. */
export const STORAGE_NAME = /^[0-9a-f]{32}$/;

function check(name: string): string {
  if (!STORAGE_NAME.test(name)) throw new RangeError('invalid storage name');
  return name;
}

/**
 * Files under `root/<first two hex chars>/<name>`: the fan-out keeps directories small, and the name
 * carries no part of the user's file name, so no upload can choose or guess a path.
 */
export function diskStorage(root: string): Storage {
  const base = resolve(root);
  const pathOf = (name: string) => join(base, check(name).slice(0, 2), name);

  return {
    async write(name, source) {
      const file = pathOf(name);
      await mkdir(join(base, name.slice(0, 2)), { recursive: true, mode: 0o700 });
      try {
        // `wx`: never overwrite — a name collision would be a bug, not something to paper over.
        await pipeline(source, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
    },

    async read(name) {
      const file = pathOf(name);
      try {
        if (!(await stat(file)).isFile()) return undefined;
      } catch {
        return undefined;
      }
      return createReadStream(file);
    },

    async remove(name) {
      await rm(pathOf(name), { force: true });
    },

    async *listOlderThan(cutoff) {
      let shards: string[];
      try {
        shards = await readdir(base);
      } catch {
        return;
      }
      for (const shard of shards) {
        if (!/^[0-9a-f]{2}$/.test(shard)) continue;
        let names: string[];
        try {
          names = await readdir(join(base, shard));
        } catch {
          continue;
        }
        for (const name of names) {
          if (!STORAGE_NAME.test(name)) continue;
          try {
            if ((await stat(join(base, shard, name))).mtime < cutoff) yield name;
          } catch {
            // removed meanwhile (another instance's purge): nothing to do
          }
        }
      }
    },
  };
}
