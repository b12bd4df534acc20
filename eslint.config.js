import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events'];

/** Import boundaries: code is grouped by where it runs (DESIGN.md §2). */
const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', ...NODE_BUILTINS], message: 'src-shared runs everywhere: no electron or node imports.' },
        { group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**', 'vue', 'pinia'], message: 'src-shared imports nothing environment-specific.' },
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', ...NODE_BUILTINS], message: 'The renderer is untrusted and sandboxed: no electron or node.' },
        { group: ['**/src-main/**'], message: 'The renderer talks to main only through the kiosk API.' },
        { group: ['**/src-preload/index*'], message: 'Use createKioskApi; the preload entry belongs to Electron.' },
        { group: ['vue-i18n'], message: 'Use the typed texts of src-renderer/src/i18n (useTexts), so a missing key fails the typecheck.' },
      ]),
    },
  },
  {
    // The one place that builds vue-i18n; the same boundaries otherwise.
    files: ['src-renderer/src/i18n/index.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', ...NODE_BUILTINS], message: 'The renderer is untrusted and sandboxed: no electron or node.' },
        { group: ['**/src-main/**'], message: 'The renderer talks to main only through the kiosk API.' },
      ]),
    },
  },
  {
    // The first screen and the form machinery it shares: vee-validate and yup come with the steps that use them (issue #14).
    files: [
      'src-renderer/src/forms/{formCore,submitOnlyForm}.ts',
      'src-renderer/src/composables/useSubmission.ts',
      'src-renderer/src/components/{FormField,TextField,PasswordField,ErrorSummary,FailureAlert,PendingFields}.vue',
      'src-renderer/src/steps/{SignInStep,OperatorSignInStep}.vue',
      'src-renderer/src/{main.ts,App.vue}',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vee-validate', 'yup', '**/forms/kioskForm', '**/forms/recoveryForm', '**/rules/schemas', '**/recoveryPaths'],
              allowTypeImports: true,
              message: 'Not on the first download: the sign-in screens use useSubmitOnlyForm and load their rules lazily (formCore.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/createKioskApi.ts'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['electron', ...NODE_BUILTINS], message: 'Shared by both shells: no electron here.' }]),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/src-renderer/**', '**/src-preload/**'], message: 'Main does not import renderer or preload code.' },
      ]),
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name='handle']",
          message: 'Bind IPC only through bindIpc (src-main/shell/ipcBinding.ts).',
        },
      ],
    },
  },
  {
    files: ['src-main/shell/ipcBinding.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'fastify', 'axios'], message: 'The core is transport-free.' },
        { group: ['**/src-renderer/**', '**/src-preload/**'], message: 'Main does not import renderer or preload code.' },
      ]),
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
