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
