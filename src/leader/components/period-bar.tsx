import { Picker, Text, View } from '@tarojs/components';
import { leaderMessages as m } from '../../messages/leader';
import { customPickerBounds, PERIOD_KINDS, periodRange, type PeriodKind } from '../period';
import { ROLE } from '../../utils/a11y';
import { button, role } from '../a11y';

export interface PeriodState {
  kind: PeriodKind;
  from: string;
  to: string;
}

export function initialPeriod(kind: Exclude<PeriodKind, 'custom'> = 'year'): PeriodState {
  return { kind, ...periodRange(kind) };
}

/** 本周 / 本月 / 本季度 / 本年 / 自定义, with date pickers for a custom range the server accepts. */
export function PeriodBar({ value, onChange }: { value: PeriodState; onChange: (p: PeriodState) => void }) {
  const bounds = customPickerBounds(value);
  return (
    <View className="period-bar" {...role('radiogroup', { 'aria-label': m.period.label })}>
      <View className="period-bar__chips">
        {PERIOD_KINDS.map((k) => (
          <View
            key={k}
            className={`chip ${value.kind === k ? 'chip--on' : ''}`}
            {...ROLE.radio(value.kind === k)}
            {...{ tabindex: '0' }}
            onClick={() => onChange(k === 'custom' ? { ...value, kind: k } : { kind: k, ...periodRange(k) })}
          >
            <Text>{m.period[k]}</Text>
          </View>
        ))}
      </View>
      {value.kind === 'custom' ? (
        <View className="period-bar__custom">
          <Picker
            mode="date"
            value={value.from}
            start={bounds.from.start}
            end={bounds.from.end}
            onChange={(e) => onChange({ ...value, from: String(e.detail.value) })}
          >
            <View className="date-field" {...button} aria-label={`${m.period.from} ${value.from}`}>
              <Text>{value.from}</Text>
            </View>
          </Picker>
          <Text className="period-bar__to">至</Text>
          <Picker
            mode="date"
            value={value.to}
            start={bounds.to.start}
            end={bounds.to.end}
            onChange={(e) => onChange({ ...value, to: String(e.detail.value) })}
          >
            <View className="date-field" {...button} aria-label={`${m.period.to} ${value.to}`}>
              <Text>{value.to}</Text>
            </View>
          </Picker>
        </View>
      ) : (
        <Text className="small-print">{m.period.range(value.from, value.to)}</Text>
      )}
    </View>
  );
}
