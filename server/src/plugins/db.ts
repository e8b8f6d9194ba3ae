import fp from 'fastify-plugin';
import mongoose, { type Connection } from 'mongoose';
import { initModels } from '../db/models';

export interface DbOptions {
  uri: string;
  /** Reported by /api/health: 'mongodb' for MONGODB_URI, or the embedded server's kind. */
  kind: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: { conn: Connection; kind: string; ping(): Promise<number | undefined> };
  }
}

/**
 * One mongoose connection per app instance (not the global default), so tests can build several apps,
 * each against its own database, in one process.
 */
export default fp<DbOptions>(
  async (app, opts) => {
    const conn = mongoose.createConnection(opts.uri, {
      serverSelectionTimeoutMS: 10_000,
      // mongo-java-server lacks `hello`-based serverApi; plain options keep us inside the portable subset.
      autoIndex: true,
    });
    await conn.asPromise();
    await initModels(conn);
    app.decorate('db', {
      conn,
      kind: opts.kind,
      async ping() {
        if (conn.readyState !== 1 || !conn.db) return undefined;
        const started = performance.now();
        try {
          await conn.db.command({ ping: 1 });
          return Math.round((performance.now() - started) * 10) / 10;
        } catch {
          return undefined;
        }
      },
    });
    app.addHook('onClose', async () => {
      await conn.close();
    });
  },
  { name: 'db' },
);
