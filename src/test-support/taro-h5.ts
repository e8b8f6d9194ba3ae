/**
 * Test-only stand-in for `@tarojs/taro` (vitest aliases it here). The H5 build rewrites `Taro.xxx` calls
 * into named imports with a babel plugin that vitest does not run; merging the H5 API implementations onto
 * the default export gives tests the real H5 `Taro.request`, storage, eventCenter — no mocks.
 *
 * Page lifecycle hooks need Taro's page runtime (a router and page instances), which a component test does
 * not have: here a page is "shown" once when it mounts, has no route params, and is never pulled down or
 * scrolled to the bottom by itself.
 */
import { useEffect, useMemo, useRef } from 'react';
import * as h5 from '@tarojs/plugin-platform-h5/dist/runtime/apis';

function useShownOnce(fn: () => void) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => ref.current(), []);
}
const never = (_fn: () => void) => undefined;

export const useDidShow = useShownOnce;
export const useLoad = useShownOnce;
export const useDidHide = never;
export const usePullDownRefresh = never;
export const useReachBottom = never;
export function useRouter(): { params: Record<string, string | undefined>; path: string } {
  return useMemo(() => ({ params: {}, path: '' }), []);
}

const hooks = { useDidShow, useLoad, useDidHide, usePullDownRefresh, useReachBottom, useRouter };
const Taro = Object.assign({}, h5.default, h5, hooks);

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';
export default Taro;
