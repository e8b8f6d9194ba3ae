import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import { messages } from '../messages';
import { ROLE } from '../utils/a11y';

interface Props {
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  /** e.g. "12/60" */
  counter?: string;
  className?: string;
}

/** A labelled form field with its hint, a character counter and its error, written out in words. */
export function Field({
  label,
  required,
  hint,
  error,
  counter,
  className,
  children,
}: PropsWithChildren<Props>) {
  return (
    <View className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <View className="field__head">
        <Text className="field__label">
          {label}
          {required ? <Text className="field__required">（{messages.a11y.required}）</Text> : null}
        </Text>
        {counter ? <Text className="field__counter">{counter}</Text> : null}
      </View>
      {hint ? <Text className="field__hint">{hint}</Text> : null}
      <View className="field__control">{children}</View>
      {error ? (
        <Text className="field__error" {...ROLE.alert}>
          <Text className="field__error-icon" aria-hidden>
            !
          </Text>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
