import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        // Pure domain rules: no I/O, no database.
        test: { name: 'domain', environment: 'node', include: ['server/test/domain/**/*.test.ts'] },
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
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
        },
        resolve: { alias: { '@': r('./src') } },
        define: {
          'process.env.TARO_ENV': '"h5"',
          DEPRECATED_ADAPTER_COMPONENT: 'false',
          API_BASE: '""',
        },
      },
    ],
  },
});
