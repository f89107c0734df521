import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/fixtures/**', 'apps/web/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } },
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import/extensions': ['.ts', '.js', '.mjs'],
    },
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Cycles through node_modules are not ours to fix, and resolving deep into some SDKs (@azure/identity's optional peers) crashes the resolver.
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message:
            'Throw an EscherError (UserError, OperationalError, UnexpectedError) or a cloud error, not a bare Error.',
        },
      ],
    },
  },
  // Architecture: the allowed imports of STYLE.md, enforced. Everyone may import @escher/protocol.
  {
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@escher/sim',
                '@escher/escher',
                '@escher/server',
                '@escher/provider-*',
                '**/apps/**',
                '**/providers/**',
              ],
              message: 'packages/ are shared libraries: they may not import apps or providers.',
            },
          ],
        },
      ],
    },
  },
  {
    // packages/knowledge is pure (ontology, filters, query understanding, documents): the client and
    // the stateless server both run it, so no file system, processes, sockets, store or cloud SDKs.
    files: ['packages/knowledge/**/*.ts'],
    ignores: ['packages/knowledge/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@escher/sim',
                '@escher/escher',
                '@escher/server',
                '@escher/provider-*',
                '**/apps/**',
                '**/providers/**',
              ],
              message: 'packages/ are shared libraries: they may not import apps or providers.',
            },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'fs',
                'fs/*',
                'node:child_process',
                'child_process',
                'node:net',
                'node:http',
                'node:https',
                'node:dgram',
                'node:worker_threads',
                'better-sqlite3*',
                '@aws-sdk/*',
                '@azure/*',
                '@google-cloud/*',
                '@googleapis/*',
              ],
              message: '@escher/knowledge is pure: no file system, processes, sockets, store or cloud SDKs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['providers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@escher/sim', '@escher/escher', '@escher/server', '@escher/knowledge', '**/apps/**'],
              message:
                'Providers reach clouds (and the simulator) only through SDK endpoint settings; they import protocol and provider-api only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@escher/escher',
                '@escher/sim',
                '@escher/provider-*',
                '**/providers/**',
                '@aws-sdk/*',
                '@azure/*',
                '@google-cloud/*',
                '**/apps/escher/**',
              ],
              message: 'The intelligence server is stateless: no store, vault, providers or cloud SDKs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/sim/src/**/*.ts'],
    ignores: ['apps/sim/src/**/*.test.ts', 'apps/sim/src/differential/**', 'apps/sim/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@escher/escher',
                '@escher/provider-*',
                '**/providers/**',
                '@aws-sdk/*',
                '@azure/*',
                '@google-cloud/*',
                '@googleapis/*',
                'google-auth-library',
              ],
              message: 'The simulator serves the cloud protocols itself; SDKs are for its tests only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Binaries, CLIs, benchmarks and scripts talk to the terminal.
    files: ['**/bin.ts', '**/bin/**', '**/*.command.ts', 'bench/**', 'scripts/**', '**/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
