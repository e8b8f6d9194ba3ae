import { Text } from '@tarojs/components';

/**
 * A large radio mark (NutUI's own icon is tiny on H5): an empty ring, or a filled ring with ✓ — the
 * selected state shows as a shape and a mark, not by colour alone.
 */
export function ChoiceMark({ checked, className }: { checked: boolean; className?: string }) {
  return (
    <Text className={`choice__mark ${checked ? 'choice__mark--checked' : ''} ${className ?? ''}`} aria-hidden>
      {checked ? '✓' : ''}
    </Text>
  );
}

/** NutUI Radio with our mark in its icon slot. */
export const CHOICE_ICONS = {
  icon: <ChoiceMark checked={false} />,
  activeIcon: <ChoiceMark checked />,
};
