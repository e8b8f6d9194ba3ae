import Type, { type Static } from 'typebox';

/**
 * Notification shapes, shared with the client. Delivery errors and the recipient's ids have no field here:
 * the resident sees whether WeChat delivered, not why it did not.
 */

export const NotificationIdSchema = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_.:+-]+$',
  description: '通知 ID',
});

export const NotificationParamsSchema = Type.Object(
  { id: NotificationIdSchema },
  { additionalProperties: false },
);

export const NotificationListQuerySchema = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ maxLength: 300, pattern: '^[A-Za-z0-9_-]+$', description: '上一页返回的 nextCursor' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    unreadOnly: Type.Optional(Type.Boolean({ description: '只看未读' })),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuerySchema>;

export const UnitNotificationListQuerySchema = Type.Object(
  {
    ...NotificationListQuerySchema.properties,
    forUnitHead: Type.Optional(Type.Boolean({ description: '只看提请单位负责人关注的（超期）' })),
  },
  { additionalProperties: false },
);
export type UnitNotificationListQuery = Static<typeof UnitNotificationListQuerySchema>;

export const DeliveryChannelSchema = Type.Union([Type.Literal('wechat'), Type.Literal('none')], {
  description: 'wechat 微信订阅消息；none 仅站内',
});
export const DeliveryStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('skipped')],
  { description: 'pending 待发送；sent 已发送；failed 发送失败；skipped 未发送（未订阅或仅站内）' },
);

export const NotificationSchema = Type.Object(
  {
    id: NotificationIdSchema,
    caseId: Type.String(),
    caseNumber: Type.String({ description: '信访事项编号' }),
    audience: Type.Union([Type.Literal('petitioner'), Type.Literal('unit')]),
    kind: Type.Union([Type.Literal('caseUpdate'), Type.Literal('deadlineAlert')], {
      description: 'caseUpdate 办理进展；deadlineAlert 期限预警/超期提醒',
    }),
    document: Type.Optional(Type.String({ description: '随本步骤出具的文书种类' })),
    documentLabel: Type.Optional(Type.String({ description: '文书名称，如 受理告知书' })),
    forUnitHead: Type.Boolean({ description: '超期：提请单位负责人关注' }),
    message: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    delivery: Type.Object({ channel: DeliveryChannelSchema, status: DeliveryStatusSchema }),
  },
  { title: 'Notification' },
);
export type NotificationView = Static<typeof NotificationSchema>;

export const NotificationListSchema = Type.Object(
  {
    items: Type.Array(NotificationSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: '下一页游标；没有更多时为 null' }),
    unread: Type.Integer({ description: '未读总数' }),
  },
  { title: 'NotificationList' },
);
export type NotificationList = Static<typeof NotificationListSchema>;

export const NotificationReadResultSchema = Type.Object(
  { id: NotificationIdSchema, readAt: Type.String({ format: 'date-time' }) },
  { title: 'NotificationReadResult' },
);
