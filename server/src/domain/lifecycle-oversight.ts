/**
 * Oversight: a leader's 督办 (第四十条) and 包案 (第十八条第二款), and recusal of staff with a direct interest
 * (第二十八条第三款). None of them changes the state.
 */
import { chinaDate, formatChineseDate, isValidChinaDate } from './calendar';
import { type HandlerMap, nonEmpty } from './lifecycle-draft';
import { refuse } from './refusals';

const XF = '《信访工作条例》';

export const oversightHandlers = {
  supervise(d, a) {
    const c = d.c;
    if (!nonEmpty(a.note)) return refuse('NOTE_REQUIRED', `${XF}第四十条`, '请填写督办意见。');
    if (!isValidChinaDate(a.internalDue) || a.internalDue < chinaDate(d.nowMs)) {
      return refuse('BAD_INTERNAL_DUE', `${XF}第四十条`, '督办期限应当是今天或以后的日期。');
    }
    c.supervisions.push({
      byUserId: d.actor.userId,
      unitId: d.actor.unitId ?? '',
      note: a.note.trim(),
      internalDue: a.internalDue,
      at: d.now,
    });
    d.summary = `督办：要求${formatChineseDate(a.internalDue)}前办理`;
    d.notices.push({
      audience: 'unit',
      unitId: c.currentUnitId,
      message: `督办：${a.note.trim()}（${formatChineseDate(a.internalDue)}前）`,
    });
  },

  takeCharge(d, a) {
    const c = d.c;
    if (c.leaderInCharge) {
      return refuse('ALREADY_IN_CHARGE', `${XF}第十八条第二款`, '该事项已由领导包案。');
    }
    c.leaderInCharge = {
      userId: d.actor.userId,
      unitId: d.actor.unitId ?? '',
      at: d.now,
      ...(a.note ? { note: a.note } : {}),
    };
    d.summary = '领导包案';
  },

  recuse(d, a) {
    const c = d.c;
    if (!nonEmpty(a.userId) || !nonEmpty(a.reason)) {
      return refuse('REASON_REQUIRED', `${XF}第二十八条第三款`, '回避应当写明人员和利害关系。');
    }
    if (c.recusals.some((r) => r.userId === a.userId)) {
      return refuse('ALREADY_RECUSED', `${XF}第二十八条第三款`, '该人员已经回避。');
    }
    c.recusals.push({ userId: a.userId, reason: a.reason.trim(), byUserId: d.actor.userId, at: d.now });
    d.summary = a.userId === d.actor.userId ? '工作人员自行回避' : '单位负责人决定工作人员回避';
  },

  liftRecusal(d, a) {
    const c = d.c;
    if (!nonEmpty(a.reason)) {
      return refuse('REASON_REQUIRED', `${XF}第二十八条第三款`, '解除回避应当说明理由。');
    }
    const i = c.recusals.findIndex((r) => r.userId === a.userId);
    if (i < 0) {
      return refuse('NOT_RECUSED', `${XF}第二十八条第三款`, '该人员没有回避本事项。');
    }
    const [lifted] = c.recusals.splice(i, 1);
    c.liftedRecusals = [
      ...(c.liftedRecusals ?? []),
      { ...lifted!, lift: { byUserId: d.actor.userId, at: d.now, reason: a.reason.trim() } },
    ];
    d.summary = '上级解除工作人员回避';
  },
} satisfies Pick<HandlerMap, 'supervise' | 'takeCharge' | 'recuse' | 'liftRecusal'>;
