import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI 3 document generated from the route schemas; Swagger UI at /api/docs, JSON at /api/docs/json. */
export default fp(
  async (app, opts: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: '信访/诉求 服务接口',
          description:
            '群众诉求登记、转送交办、办理答复与满意度评价。期限依《信访工作条例》计算并由服务端强制执行。',
          version: opts.version,
        },
        servers: [{ url: '/' }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'docs' },
);
