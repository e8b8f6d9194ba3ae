import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useLargeText } from '../hooks/use-large-text';

/**
 * Root of every page. Mini-program pages have no shared DOM root, so the 大字模式 class is applied
 * here, on each page, and the CSS variables in app.scss do the rest.
 */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const [largeText] = useLargeText();
  const classes = ['page', largeText ? 'page--large' : '', className ?? ''].filter(Boolean).join(' ');
  return <View className={classes}>{children}</View>;
}
