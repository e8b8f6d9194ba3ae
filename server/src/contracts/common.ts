import Type, { type Static } from 'typebox';

/** The one error shape every route returns on failure. */
export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'Machine-readable error code' }),
    message: Type.String({ description: '面向用户的中文说明' }),
    requestId: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { title: 'Error' },
);
export type ErrorBody = Static<typeof ErrorSchema>;

export const HealthSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    version: Type.String(),
    time: Type.String({ format: 'date-time' }),
    db: Type.Object({
      state: Type.Union([Type.Literal('up'), Type.Literal('down')]),
      kind: Type.String({ description: 'mongodb | mongod (embedded) | mongo-java-server (embedded)' }),
      latencyMs: Type.Optional(Type.Number()),
    }),
  },
  { title: 'Health' },
);
export type Health = Static<typeof HealthSchema>;

// ------------------------------------------------------------------ shared primitives

/** Client-generated, kept across retries: the same key repeats the first answer instead of a second write. */
export const IdempotencyKey = Type.String({
  pattern: '^[A-Za-z0-9-]{16,64}$',
  description: '客户端生成，重试时保持不变',
});

/** A unit's id is its code, e.g. `jd-zjj`. */
export const UnitId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' });

/** A date in China (Asia/Shanghai), YYYY-MM-DD. */
export const ChinaDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** `:id` of every `/api/cases/:id…` route. */
export const CaseIdParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

/** The error responses a route declares, one `ErrorSchema` per status: `...errorResponses(400, 404, 500)`. */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ErrorSchema } {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as {
    [K in S[number]]: typeof ErrorSchema;
  };
}
