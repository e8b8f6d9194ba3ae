import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { STORAGE_KEYS, readJson, remove, writeJson } from '../utils/storage';
import type { AuthUser, LoginResult } from './types';

/** The login session kept on the device (Taro storage). The token goes out as `Authorization: Bearer`. */
export interface StoredSession {
  token: string;
  expiresAt: string;
  user: AuthUser;
}

const CHANGE_EVENT = 'auth:session-changed';
/** Fired when the server refused the session (401) and no silent re-login is possible (H5). */
export const AUTH_REQUIRED_EVENT = 'auth:required';

function isSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredSession>;
  return typeof v.token === 'string' && v.token !== '' && typeof v.user === 'object' && v.user !== null;
}

export function getSession(): StoredSession | null {
  return readJson(STORAGE_KEYS.session, isSession);
}

export function getToken(): string | null {
  return getSession()?.token ?? null;
}

export function saveSession(login: LoginResult): StoredSession {
  const session: StoredSession = { token: login.token, expiresAt: login.expiresAt, user: login.user };
  writeJson(STORAGE_KEYS.session, session);
  Taro.eventCenter.trigger(CHANGE_EVENT, session);
  return session;
}

export function clearSession(): void {
  const had = getSession() !== null;
  remove(STORAGE_KEYS.session);
  if (had) Taro.eventCenter.trigger(CHANGE_EVENT, null);
}

export function onSessionChange(listener: (session: StoredSession | null) => void): () => void {
  Taro.eventCenter.on(CHANGE_EVENT, listener);
  return () => {
    Taro.eventCenter.off(CHANGE_EVENT, listener);
  };
}

export function onAuthRequired(listener: () => void): () => void {
  Taro.eventCenter.on(AUTH_REQUIRED_EVENT, listener);
  return () => {
    Taro.eventCenter.off(AUTH_REQUIRED_EVENT, listener);
  };
}

/** The current session, updated when it changes anywhere (login, logout, a refused token). */
export function useSession(): StoredSession | null {
  const [session, setSession] = useState<StoredSession | null>(getSession);
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

// ---------------------------------------------------------------------------------------------- re-login

type Relogin = () => Promise<string>;
let reloginHandler: Relogin | null = null;
let inFlight: Promise<string> | null = null;

/**
 * Where a silent re-login is possible (the mini-program: wx.login needs no user action), the app installs
 * it here; the request wrapper calls it on a 401 and retries once. H5 installs nothing: the resident logs
 * in again with phone + SMS code.
 */
export function setReloginHandler(handler: Relogin | null): void {
  reloginHandler = handler;
}

export function canRelogin(): boolean {
  return reloginHandler !== null;
}

/**
 * Single flight: however many requests hit a 401 at once, one login runs and all of them wait for its
 * token. Resolves with the new token; rejects when the login failed.
 */
export function relogin(): Promise<string> {
  if (!reloginHandler) return Promise.reject(new Error('no silent re-login on this platform'));
  if (!inFlight) {
    inFlight = reloginHandler().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}
