import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { messages } from '../messages';
import { ROLE } from '../utils/a11y';
import { findUnit, searchUnitGroups, type UnitGroup } from '../utils/units';
import { Button, Input } from './nutui';

interface Props {
  groups: UnitGroup[];
  value: string | null;
  onChange: (id: string | null) => void;
  /** Shown when nothing is chosen. */
  placeholder?: string;
  /** Offer "no unit" (the accused unit is optional). */
  clearable?: boolean;
  /** Start with the list open. */
  initiallyOpen?: boolean;
  testId?: string;
}

const f = messages.file;

/**
 * Choosing a unit: the current choice in full, and on demand a list grouped by district with a search
 * box. Each row is a big tap target that says it is selected in words ("已选"), not only by colour.
 */
export function UnitPicker({
  groups,
  value,
  onChange,
  placeholder,
  clearable,
  initiallyOpen,
  testId,
}: Props) {
  const [open, setOpen] = useState(!!initiallyOpen);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => searchUnitGroups(groups, query), [groups, query]);
  const selected = findUnit(groups, value);
  const groupOf = (id: string) => groups.find((g) => g.units.some((u) => u.id === id));

  return (
    <View className="unit-picker" data-testid={testId}>
      <View className={`unit-picker__current ${selected ? '' : 'unit-picker__current--empty'}`}>
        <Text className="unit-picker__name">
          {selected ? selected.name : (placeholder ?? f.unitQuestion)}
        </Text>
        {selected ? (
          <Text className="small-print">
            {groupOf(selected.id)?.name} · {selected.kind}
          </Text>
        ) : null}
      </View>
      <View className="unit-picker__buttons">
        <Button type="default" size="large" onClick={() => setOpen((v) => !v)}>
          {open ? f.unitCollapse : selected ? f.unitChange : f.accusedUnitPick}
        </Button>
        {clearable && selected ? (
          <Button type="default" size="large" onClick={() => onChange(null)}>
            {f.accusedUnitClear}
          </Button>
        ) : null}
      </View>
      {open ? (
        <View className="unit-picker__panel">
          <Input
            className="unit-picker__search"
            value={query}
            placeholder={f.unitSearch}
            clearable
            onChange={(v: string) => setQuery(v)}
          />
          {shown.length === 0 ? <Text className="unit-picker__none">{f.unitNone}</Text> : null}
          {shown.map((g) => (
            <View key={g.regionCode} className="unit-picker__group">
              <Text className="unit-picker__group-name">{g.name}</Text>
              <View {...ROLE.list}>
                {g.units.map((u) => {
                  const checked = u.id === value;
                  return (
                    <View
                      key={u.id}
                      className={`choice-row ${checked ? 'choice-row--checked' : ''}`}
                      {...ROLE.radio(checked)}
                      onClick={() => {
                        onChange(u.id);
                        setOpen(false);
                        setQuery('');
                      }}
                    >
                      <Text className="choice-row__text">{u.name}</Text>
                      {checked ? <Text className="choice-row__mark">✓ {messages.a11y.selected}</Text> : null}
                    </View>
                  );
                })}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
