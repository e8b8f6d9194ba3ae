import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        // Pure domain rules: no I/O, no database.
        // Property tests run hundreds of generated lifecycles: a loaded CI machine needs more than 5 s for them.
        test: {
          name: 'domain',
          environment: 'node',
          include: ['server/test/domain/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // Everything that touches storage runs against one embedded wire-protocol server per run
        // (in-memory backend), a fresh database per test file. Nothing mocks mongoose or the driver.
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/test/**/*.test.ts'],
          exclude: ['server/test/domain/**'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The H5 build in Debian's Chromium against the real server, embedded DB and demo data.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'web',
          // jsdom, but Node's AbortController for the real H5 Taro.request over Node's fetch (see the file).
          environment: './src/test-support/jsdom-node-fetch.ts',
          include: ['src/**/*.test.{ts,tsx}'],
        },
        resolve: {
          alias: [
            // The real H5 Taro APIs (request, storage, eventCenter) instead of the mini-program facade.
            { find: /^@tarojs\/taro$/, replacement: r('./src/test-support/taro-h5.ts') },
            // What the H5 build uses; the default entry fails under React ("Class constructor View…").
            { find: /^@tarojs\/components$/, replacement: '@tarojs/components/lib/react' },
            { find: '@', replacement: r('./src') },
          ],
        },
        define: {
          'process.env.TARO_ENV': '"h5"',
          DEPRECATED_ADAPTER_COMPONENT: 'false',
          API_BASE: '""',
          SUBSCRIBE_TEMPLATE_ID: '""',
          // @tarojs/runtime's build-time switches (Taro's defaults), reached through the H5 APIs.
          ENABLE_INNER_HTML: 'true',
          ENABLE_ADJACENT_HTML: 'false',
          ENABLE_SIZE_APIS: 'false',
          ENABLE_TEMPLATE_CONTENT: 'false',
          ENABLE_CLONE_NODE: 'false',
          ENABLE_CONTAINS: 'false',
          ENABLE_MUTATION_OBSERVER: 'false',
        },
      },
    ],
  },
});
