import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useLargeText } from '../hooks/use-large-text';
import { IS_WEAPP } from '../platform/env';
import { PrivacyPopup } from './privacy-popup';

/**
 * Root of every page. Mini-program pages have no shared DOM root, so the 大字模式 class is applied
 * here, on each page, and the CSS variables in app.scss do the rest. In the mini-program each page also
 * hosts WeChat's privacy prompt, which can be triggered from any page.
 */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const [largeText] = useLargeText();
  const classes = ['page', largeText ? 'page--large' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      {children}
      {IS_WEAPP ? <PrivacyPopup /> : null}
    </View>
  );
}
