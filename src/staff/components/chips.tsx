import { Text, View } from '@tarojs/components';
import { ROLE } from '../../utils/a11y';

export interface ChipOption<T extends string> {
  value: T;
  label: string;
}

/**
 * A single choice among a few options, as big tap targets (app.scss `.chip`): the chosen one is marked with
 * a ✓ and a thicker border, and announced as a checked radio — never by colour alone.
 */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  label,
  testId,
}: {
  options: readonly ChipOption<T>[];
  value: T | null;
  onChange: (value: T) => void;
  label: string;
  testId?: string;
}) {
  return (
    <View className="chips" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((o) => {
        const checked = o.value === value;
        return (
          <View
            key={o.value}
            className={`chip ${checked ? 'chip--checked' : ''}`}
            {...ROLE.radio(checked)}
            onClick={() => onChange(o.value)}
          >
            <Text>
              {checked ? '✓ ' : ''}
              {o.label}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

/** Options from a label table, in the table's order. */
export function optionsOf<T extends string>(labels: Record<string, string>, keys?: readonly T[]) {
  return (keys ?? (Object.keys(labels) as T[])).map((value) => ({ value, label: labels[value] ?? value }));
}
