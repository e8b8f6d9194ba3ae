import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * The API origin baked into the bundle. H5 is served by our own server, so the API is same-origin ('');
 * a mini-program can only call a configured https domain.
 */
function resolveApiBase(): string {
  const raw = process.env.TARO_APP_API_BASE ?? (isH5 ? '' : 'https://xinfang.example.cn');
  const value = raw.trim().replace(/\/+$/, '');
  if (!isH5 && !/^https:\/\/[^/\s]+/.test(value)) {
    // WeChat refuses plain http and relative URLs: fail the build rather than ship a dead client.
    throw new Error(`TARO_APP_API_BASE must be an https:// origin for ${process.env.TARO_ENV}, got "${raw}"`);
  }
  if (isH5 && value !== '' && !/^https?:\/\/[^/\s]+/.test(value)) {
    throw new Error(
      `TARO_APP_API_BASE must be empty (same origin) or an http(s) origin for h5, got "${raw}"`,
    );
  }
  return value;
}

// NutUI is drawn at 375 px; our own styles at Taro's default 750.
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input ? input.file : undefined;
  return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  // The pure domain module is shared with the client where a rule must hold on both sides (e.g. the
  // dashboard's period bounds, server/src/domain/periods.ts): Taro compiles it like the app's own sources.
  const SHARED_DOMAIN = path.resolve(__dirname, '..', 'server', 'src', 'domain');
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xinfang',
    date: '2026-11-23',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Both builds default to `dist`; separate roots so one build does not wipe the other.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(resolveApiBase()),
      // Same id as the server's WECHAT_SUBSCRIBE_TEMPLATE_ID (小程序后台 → 订阅消息); empty: no opt-in is offered.
      SUBSCRIBE_TEMPLATE_ID: JSON.stringify((process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID ?? '').trim()),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI's docs: keep it out of prebundle (dev/watch builds), or weapp cannot find its templates.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      compile: { include: [SHARED_DOMAIN] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      compile: { include: [SHARED_DOMAIN] },
      publicPath: '/',
      staticDirectory: 'static',
      // The server answers unknown non-/api paths with index.html, so clean browser URLs work.
      // Served at the site root: leave `basename` unset (Taro's router breaks with basename '/').
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // NutUI sizes its components in px itself (its docs: leave `nut-` selectors alone on H5).
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of NutUI and
        // the Taro components. Share them across page chunks instead.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
