import Taro from '@tarojs/taro';
import { ROUTES, TAB_ROUTES } from './routes';

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

/** Opens a page, whether it is a tab page (switchTab) or not (navigateTo). */
export function go(url: string): void {
  if (TAB_ROUTES.includes(pathOf(url))) void Taro.switchTab({ url: pathOf(url) });
  else void Taro.navigateTo({ url });
}

/** Replaces the current page (login → where the resident was going). */
export function replaceWith(url: string): void {
  if (TAB_ROUTES.includes(pathOf(url))) void Taro.switchTab({ url: pathOf(url) });
  else void Taro.redirectTo({ url });
}

/** Only our own pages may be a redirect target (a login link must not send anyone elsewhere). */
export function safeRedirect(raw: string | undefined): string {
  if (!raw) return ROUTES.petitions;
  let url = raw;
  try {
    url = decodeURIComponent(raw);
  } catch {
    return ROUTES.petitions;
  }
  return /^\/pages\/[a-z-]+\/index(\?[\w=&%.-]*)?$/.test(url) && !url.startsWith(ROUTES.login)
    ? url
    : ROUTES.petitions;
}

export function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as { route?: string; path?: string } | undefined;
  const route = top?.route ?? top?.path ?? '';
  return route.startsWith('/') ? route : `/${route}`;
}

/**
 * After logging in: back to the page that sent the resident here if it is the one just below (it updates
 * itself from the new session), otherwise open the target in place of the login page.
 */
export function returnTo(url: string): void {
  const pages = Taro.getCurrentPages() as { route?: string; path?: string }[];
  const below = pages[pages.length - 2];
  const route = below ? `/${(below.route ?? below.path ?? '').replace(/^\//, '').split('?')[0]}` : '';
  if (route && route === pathOf(url)) void Taro.navigateBack();
  else replaceWith(url);
}
