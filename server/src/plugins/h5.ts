import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, NotFound } from '../errors';

/**
 * Serves the H5 build at / from the same process as the API, so one URL serves both.
 * Unknown non-API GETs that accept HTML fall back to index.html (client-side routes survive a reload);
 * unknown /api paths get the JSON 404.
 */
export default fp(
  async (app, opts: { dir: string }) => {
    const root = resolve(opts.dir);
    const hasIndex = existsSync(join(root, 'index.html'));
    if (hasIndex) {
      await app.register(fastifyStatic, { root, prefix: '/', wildcard: true, index: ['index.html'] });
    } else {
      app.log.warn({ dir: root }, 'H5 build not found: run `npm run build:h5`; serving the API only');
    }
    // An /api path that exists with other methods answers 405 with Allow (RFC 9110 §15.5.6), not 404.
    const patterns = app.routeTable
      .filter((r) => r.url.startsWith('/api/'))
      .map((r) => ({
        method: r.method,
        re: new RegExp(
          `^${r.url
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/:[A-Za-z]+/g, '[^/]+')
            .replace(/\*/g, '.*')}$`,
        ),
      }));
    app.setNotFoundHandler((req, reply) => {
      const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
      if (hasIndex && wantsHtml && !req.url.startsWith('/api')) {
        return reply.type('text/html').sendFile('index.html');
      }
      const path = req.url.split('?')[0]!;
      const allow = [...new Set(patterns.filter((p) => p.re.test(path)).map((p) => p.method))];
      if (allow.length) {
        void reply.header('allow', allow.join(', '));
        throw new AppError(405, 'METHOD_NOT_ALLOWED', '该接口不支持此请求方法');
      }
      throw new NotFound('接口不存在');
    });
  },
  { name: 'h5', dependencies: ['errors'] },
);
