// Flat ESLint config. The `no-restricted-imports` blocks encode the one-way import rule
// (docs/architecture.md): core <- data <- stores <- features <- app, with cli beside app.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const frameworks = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'dexie', 'dexie-react-hooks',
  '@tanstack/*', 'wavesurfer.js', 'wavesurfer.js/*', 'recharts']

function restrict(patterns, message) {
  return { group: patterns, message }
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'public/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/strict-boolean-expressions': ['error', {
        allowString: false, allowNumber: false, allowNullableObject: true, allowNullableString: true,
        allowNullableBoolean: true,
      }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 4],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/data/**', '**/stores/**', '**/features/**', '**/app/**', '**/cli/**', '**/ui/**', '**/lib/**',
          '@/data/**', '@/stores/**', '@/features/**', '@/app/**', '@/cli/**', '@/ui/**', '@/lib/**'],
        'src/core is the pure domain: it imports only src/core.'),
        restrict(['node:*', ...frameworks], 'src/core stays free of Node, React, storage and widget libraries.'),
      ] }],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    ignores: ['src/data/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/stores/**', '**/features/**', '**/app/**', '**/cli/**', '**/ui/**',
          '@/stores/**', '@/features/**', '@/app/**', '@/cli/**', '@/ui/**'],
        'src/data imports only src/core and src/data.'),
        restrict(['node:*'], 'src/data runs in the browser too; Node I/O belongs in src/cli.'),
      ] }],
    },
  },
  {
    files: ['src/data/**/*.ts'],
    ignores: ['src/data/browser/**', 'src/data/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/browser/**', '@/data/browser/**', 'node:*', ...frameworks],
          'Environment-neutral readers in src/data are shared with the CLI: no browser-only adapters, React or Node.'),
        restrict(['**/stores/**', '**/features/**', '**/app/**', '**/cli/**', '**/ui/**',
          '@/stores/**', '@/features/**', '@/app/**', '@/cli/**', '@/ui/**'],
        'src/data imports only src/core and src/data.'),
      ] }],
    },
  },
  {
    files: ['src/stores/**/*.ts'],
    ignores: ['src/stores/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/features/**', '**/app/**', '**/cli/**', '**/ui/**',
          '@/features/**', '@/app/**', '@/cli/**', '@/ui/**'], 'src/stores imports only core, data and lib.'),
      ] }],
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    ignores: ['src/features/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/app/**', '**/cli/**', '@/app/**', '@/cli/**', '@/features/**'],
          'A feature imports core, data, stores, ui and lib, never app, cli or another feature (compose in src/app).'),
      ] }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/core/**', '**/data/**', '**/stores/**', '**/features/**', '**/app/**', '**/cli/**',
          '@/core/**', '@/data/**', '@/stores/**', '@/features/**', '@/app/**', '@/cli/**'],
        'ui and lib are leaves: presentational primitives and configured singletons only.'),
      ] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: {
      'no-console': 'off',
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/stores/**', '**/features/**', '**/app/**', '**/ui/**', '**/lib/**', '**/data/browser/**',
          '@/stores/**', '@/features/**', '@/app/**', '@/ui/**', '@/lib/**', '@/data/browser/**', ...frameworks],
        'The CLI composes core and the environment-neutral readers in src/data with Node I/O; no browser code.'),
      ] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['**/stores/**', '**/features/**', '**/app/**', '**/ui/**', '**/lib/**', '**/data/browser/**', '**/cli/**',
          '@/stores/**', '@/features/**', '@/app/**', '@/ui/**', '@/lib/**', '@/data/browser/**', '@/cli/**', ...frameworks],
        'The team server composes core and the environment-neutral src/data with Node and pg; no browser code, no CLI.'),
      ] }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  {
    files: ['e2e/**/*.ts', '**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'max-lines': 'off', 'max-params': 'off', 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
