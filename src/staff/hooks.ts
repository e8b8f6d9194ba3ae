import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { useSession, type StoredSession } from '../api/session';
import { IS_H5 } from '../platform/env';

/** Desks: at this width and above the inbox and the case sit side by side. */
export const WIDE_MIN_PX = 1024;

function windowWidth(): number {
  if (IS_H5) return window.innerWidth;
  try {
    return Taro.getSystemInfoSync().windowWidth;
  } catch {
    return 375;
  }
}

/** True on a desk-sized window (H5 in a desktop browser, WeChat on a PC or a large tablet). */
export function useWide(): boolean {
  const [wide, setWide] = useState(() => windowWidth() >= WIDE_MIN_PX);
  useEffect(() => {
    const update = () => setWide(windowWidth() >= WIDE_MIN_PX);
    if (IS_H5) {
      window.addEventListener('resize', update);
      return () => window.removeEventListener('resize', update);
    }
    Taro.onWindowResize(update);
    return () => Taro.offWindowResize(update);
  }, []);
  return wide;
}

/** The session if it is a staff one (a resident's session on the same device does not open the workspace). */
export function useStaffSession(): StoredSession | null {
  const session = useSession();
  return session && session.user.kind === 'staff' ? session : null;
}

export function hasRole(session: StoredSession | null, ...roles: string[]): boolean {
  return !!session && session.user.roles.some((r) => roles.includes(r));
}
