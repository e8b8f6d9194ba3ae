/**
 * Test-only stand-in for `@tarojs/taro` (vitest aliases it here). The H5 build rewrites `Taro.xxx` calls
 * into named imports with a babel plugin that vitest does not run; merging the H5 API implementations onto
 * the default export gives tests the real H5 `Taro.request`, storage, eventCenter — no mocks.
 */
import * as h5 from '@tarojs/plugin-platform-h5/dist/runtime/apis';

const Taro = Object.assign({}, h5.default, h5);

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';
export default Taro;
