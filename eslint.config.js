// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The CLI, the process entry points, the console adapter, benchmarks and scripts talk to a
    // terminal on purpose.
    files: [
      'adapters/cli/**',
      'adapters/console/**',
      'app/**',
      'bench/**',
      'chaos/**',
      'scripts/**',
      'bin/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
