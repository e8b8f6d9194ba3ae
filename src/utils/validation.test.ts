import { describe, expect, it } from 'vitest';
import {
  ActionSchema,
  AccusedSchema,
  FileCaseBodySchema,
  MaterialBodySchema,
} from '../../server/src/contracts/cases';
import { MAX_ATTACHMENTS_PER_CASE } from '../../server/src/contracts/attachments';
import { LIMITS, checkPhone, checkSmsCode, checkText } from './validation';

type Json = {
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  const?: string;
  items?: Json;
  anyOf?: Json[];
  properties?: Record<string, Json>;
};
/** A contract schema read as the JSON Schema it is. */
const json = (schema: unknown) => schema as Json;
const props = (schema: unknown) => json(schema).properties ?? {};
const actionProps = (type: string) =>
  props(json(ActionSchema).anyOf?.find((a) => props(a).type?.const === type));

describe('the form checks what the server checks (server/src/contracts)', () => {
  const body = props(FileCaseBodySchema);

  it('uses the filing limits of FileCaseBodySchema', () => {
    expect(LIMITS.title).toEqual({ min: body.title!.minLength, max: body.title!.maxLength });
    expect(LIMITS.facts).toEqual({ min: body.facts!.minLength, max: body.facts!.maxLength });
    expect(LIMITS.request).toEqual({ min: body.request!.minLength, max: body.request!.maxLength });
    expect(LIMITS.reasons.max).toBe(body.reasons!.maxLength);
    expect(LIMITS.address.max).toBe(props(body.location).address!.maxLength);
    expect(LIMITS.attachments.max).toBe(body.attachmentIds!.maxItems);
    expect(LIMITS.attachments.max).toBe(MAX_ATTACHMENTS_PER_CASE);
  });

  it('uses the accused, material, rating and review limits', () => {
    const accused = props(AccusedSchema);
    expect(LIMITS.accusedNames.max).toBe(accused.names!.maxItems);
    expect(LIMITS.accusedName.max).toBe(accused.names!.items!.maxLength);
    expect(LIMITS.materialText.max).toBe(props(MaterialBodySchema).text!.maxLength);
    expect(LIMITS.ratingComment.max).toBe(actionProps('rate').comment!.maxLength);
    expect(LIMITS.reviewReasons.max).toBe(actionProps('requestReview').reasons!.maxLength);
    expect(LIMITS.reviewReasons.max).toBe(actionProps('requestRecheck').reasons!.maxLength);
  });
});

describe('checks in plain Chinese', () => {
  it('text fields', () => {
    expect(checkText('标题', '  ', { min: 2, max: 60 })).toBe('请填写标题');
    expect(checkText('标题', '灯', { min: 2, max: 60 })).toBe('标题至少要写2个字');
    expect(checkText('地点', '', { max: 200 })).toBeUndefined();
  });

  it('phone and SMS code', () => {
    expect(checkPhone('13800000001')).toBeUndefined();
    expect(checkPhone('1380000000')).toBe('请输入正确的11位手机号（1开头）');
    expect(checkPhone('12800000001')).toBeDefined();
    expect(checkSmsCode('123456')).toBeUndefined();
    expect(checkSmsCode('12345a')).toBe('请输入6位数字验证码');
  });
});
