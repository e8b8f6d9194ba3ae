import { wechatLogin } from '../platform/login';
import { clearDraft } from '../utils/draft';
import { isApiError } from './errors';
import { api } from './endpoints';
import { clearSession, getToken, saveSession } from './session';

/** Mini-program: wx.login code → session. Used for the first login and as the silent re-login on a 401. */
export async function loginWithWechat(): Promise<string> {
  const code = await wechatLogin.code();
  return saveSession(await api.wechatLogin(code)).token;
}

/** H5: phone + SMS code → session (the server registers a first-time resident). */
export async function loginWithSms(phone: string, code: string): Promise<void> {
  saveSession(await api.smsVerify(phone.trim(), code.trim()));
}

/**
 * DEMO servers only: the code the fake SMS provider "sent", to show as a hint. Any other server answers
 * 404 (the route does not exist there), and then nothing is shown — never assume a demo.
 */
export async function demoSmsCode(phone: string): Promise<string | null> {
  try {
    return (await api.demoSmsOutbox(phone.trim())).code;
  } catch (err) {
    if (isApiError(err)) return null;
    throw err;
  }
}

/** Ends the session here and on the server; the draft goes too (a shared phone keeps nothing personal). */
export async function logout(): Promise<void> {
  if (getToken()) {
    try {
      await api.logout();
    } catch {
      // Logged out locally whatever the server says; the session will expire there.
    }
  }
  clearSession();
  clearDraft();
}
