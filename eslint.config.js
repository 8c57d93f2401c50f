import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

// Which area may import which. The SPA never reaches into the backend, the engines (tsdb, guest, metering) are leaves
// (metering reuses the tsdb's storage machinery),
// and the server meets the simulator only in tests, where it stands in for OVH, and through the dynamic import that
// starts demo mode (the rule checks static imports only, so a server in ovh mode never loads the simulator).
const AREAS = ['web', 'server', 'tsdb', 'guest', 'metering', 'simulator', 'shared', 'config', 'demo'];

function forbid(files, areas, ignores = [], surfaces = []) {
  const from = files[0].split('/')[1];
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...areas.map((area) => ({
              // Areas are the folders of src/: another one is reached through `@/area` or by climbing out of one's own.
              regex: `^(@/|(\\.\\./)+)${area}(/|$)`,
              message: `${from} does not import from src/${area}.`,
            })),
            // An area used only through its public surfaces (its index.ts, and the entry points named beside
            // the area), as the server uses the tsdb.
            ...surfaces.map(([area, entries = []]) => ({
              regex: `^(@/|(\\.\\./)+)${area}/${entries.map((entry) => `(?!${entry}$)`).join('')}`,
              message: `${from} imports src/${area} only through @/${area} (its index.ts)${entries.map((entry) => ` or @/${area}/${entry}`).join('')}.`,
            })),
          ],
        },
      ],
    },
  };
}

function boundaries() {
  const except = (...kept) => AREAS.filter((area) => !kept.includes(area));
  return [
    forbid(['src/web/**'], except('web', 'shared')),
    forbid(['src/tsdb/**'], except('tsdb')),
    forbid(['src/guest/**'], except('guest', 'shared')),
    forbid(['src/metering/**'], except('metering', 'tsdb')),
    forbid(['src/shared/**'], except('shared'), ['src/shared/**/*.test.ts']),
    forbid(['src/simulator/**'], except('simulator', 'shared', 'tsdb', 'guest')),
    forbid(['src/config/**'], except('config')),
    // The server runs the metering engine embedded (and mounts its API): through the engine's index, and its
    // store's own entry point for the thread that writes it.
    forbid(
      ['src/server/**'],
      ['web', 'simulator', 'guest', 'demo'],
      ['src/server/**/*.test.ts', 'src/server/testing/**', 'src/server/demo-upstream.ts'],
      [['metering', ['store']]],
    ),
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.scratch/',
      '.data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // React Router's loaders stop navigation by throwing a Response (redirects, 404s).
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'lib', name: 'Response' }] }],
    },
  },
  {
    // Fastify's one plugin and hook shape is the async function: a hook that only checks and throws, or a
    // plugin that only declares routes, is async without awaiting anything.
    files: ['src/server/**/*.ts', 'src/tsdb/**/*.ts', 'src/simulator/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  ...boundaries(),
  ...pluginQuery.configs['flat/recommended'],
  {
    // Tool configuration files are loaded by their tools through a default export.
    files: ['*.config.{js,ts}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
