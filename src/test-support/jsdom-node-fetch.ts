/**
 * vitest's jsdom environment, keeping Node's own AbortController/AbortSignal. The web tests drive the real H5
 * Taro.request, which calls Node's fetch (undici) with `new AbortController().signal`; since Node 22, undici
 * refuses a signal that is not its own AbortSignal ("Expected signal to be an instance of AbortSignal"), and
 * jsdom replaces the globals with its own classes. jsdom has no fetch, so nothing in the DOM needs its
 * AbortSignal here.
 */
import { builtinEnvironments, type Environment } from 'vitest/environments';

const jsdom = builtinEnvironments.jsdom;

export default {
  name: 'jsdom-node-fetch',
  transformMode: 'web',
  async setup(global, options) {
    const natives = { AbortController: global.AbortController, AbortSignal: global.AbortSignal };
    const env = await jsdom.setup(global, options);
    Object.assign(global, natives);
    return env;
  },
} satisfies Environment;
