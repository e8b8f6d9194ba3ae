import { describe, expect, it } from 'vitest';
import { staffMessages } from '../messages/staff';
import { EMPTY, MAX_REPRESENTATIVES, parseReceivedAt, toBody, validate, type Form } from './register-form';

const m = staffMessages.register;

const letter: Form = {
  ...EMPTY,
  channel: 'letter',
  name: '李桂芝',
  phone: '13800000003',
  category: 'claim',
  title: '退休金核定有误',
  request: '请求重新核定',
  facts: '少算两年视同缴费年限',
};

describe('register form', () => {
  it('reads the received time as China time and leaves it out when empty', () => {
    expect(parseReceivedAt('2026-11-23 09:30')).toBe('2026-11-23T09:30:00+08:00');
    expect(parseReceivedAt('')).toBeUndefined();
    expect(parseReceivedAt('23/11/2026')).toBeNull();
    expect(validate({ ...letter, receivedAt: 'gestern' }).receivedAt).toBe(m.receivedAtInvalid);
  });

  it('says in Chinese what is missing or malformed', () => {
    const e = validate({ ...EMPTY });
    expect(e.name).toBe(m.required(m.name));
    expect(e.title).toBe(m.required(m.title));
    expect(e.category).toBeDefined();
    expect(validate({ ...letter, phone: '12345' }).phone).toBe(m.phoneInvalid);
    expect(validate({ ...letter, idNumber: '1234' }).idNumber).toBe(m.idInvalid);
    expect(validate(letter)).toEqual({});
  });

  it('第二十条第三款: a group visit has at most five representatives', () => {
    const six = ['甲', '乙', '丙', '丁', '戊', '己'];
    expect(MAX_REPRESENTATIVES).toBe(5);
    expect(validate({ ...letter, channel: 'visit', group: true, representatives: six }).rep).toBe(
      m.tooManyRepresentatives,
    );
    expect(validate({ ...letter, channel: 'visit', group: true, representatives: six.slice(0, 5) })).toEqual(
      {},
    );
  });

  it('an accusation names the accused unit or people (第三十条第三款)', () => {
    expect(validate({ ...letter, category: 'accusation' }).accusedNames).toBe(m.accusedRequired);
    const body = toBody({ ...letter, category: 'accusation', accusedNames: '张三，李四' }, 'k'.repeat(16));
    expect(body.classification).toEqual({ category: 'accusation', accused: { names: ['张三', '李四'] } });
  });

  it('builds the register body with only what was filled in', () => {
    const body = toBody({ ...letter, idNumber: '11010519491231002x' }, 'key-0123456789abcdef');
    expect(body).toEqual({
      idempotencyKey: 'key-0123456789abcdef',
      channel: 'letter',
      petitioner: { name: '李桂芝', phone: '13800000003', idNumber: '11010519491231002X' },
      classification: { category: 'claim' },
      title: '退休金核定有误',
      request: '请求重新核定',
      facts: '少算两年视同缴费年限',
    });
    const group = toBody(
      { ...letter, channel: 'visit', group: true, representatives: ['甲', '乙'] },
      'k'.repeat(16),
    );
    expect(group.representatives).toEqual(['甲', '乙']);
    expect(
      toBody({ ...letter, group: false, representatives: ['甲'] }, 'k'.repeat(16)).representatives,
    ).toBeUndefined();
  });
});
