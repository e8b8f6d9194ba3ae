import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-h5',
      '.data',
      '.test-artifacts',
      'server/db/target',
      '.swc',
      '.venv-fuzz',
      '.tools',
      '**/.schemathesis',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: '18' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The domain is pure: no I/O, no framework, nothing outside itself but its calendar package.
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'mongoose',
                'mongodb',
                'fastify',
                '@fastify/*',
                'node:*',
                'fs',
                'path',
                'http',
                'https',
              ],
              message: 'server/src/domain is pure: no I/O or framework imports.',
            },
            { group: ['../*'], message: 'server/src/domain imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    // The case repository is the only door to case data (DOMAIN.md §5): outside the cases module nothing
    // touches the raw model (db/models.ts only registers it); everything else goes through a scoped method.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/modules/cases/**', 'server/src/db/models.ts', 'server/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cases/case.model'],
              importNames: ['caseModel'],
              message: 'Case data goes through caseRepository (a scope per read and write), never the model.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
