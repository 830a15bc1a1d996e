// ESLint: JavaScript and typescript-eslint recommended rules, the React hooks rules and Next's
// Core Web Vitals rules. Formatting is Prettier's job: eslint-config-prettier comes last and turns
// off every rule that would fight it.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import prettier from 'eslint-config-prettier/flat';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    '.next/**',
    '.data/**',
    'out/**',
    'build/**',
    'coverage/**',
    'test-results/**',
    'playwright-report/**',
    'blob-report/**',
    'next-env.d.ts',
    'drizzle/migrations/**',
    'docs/examples/**',
  ]),

  js.configs.recommended,
  // The recommended set without type information: the type-checked set needs the whole TypeScript
  // program and made a lint run about four times slower (four minutes here).
  tseslint.configs.recommended,
  // The hooks rules only where React components live: elsewhere a function named use…
  // (a callback parameter, a pdf-lib helper) is not a hook, and the React Compiler analysis
  // behind these rules is the slowest part of a lint run.
  { ...reactHooks.configs.flat.recommended, files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', '**/*.tsx'] },
  nextPlugin.configs['core-web-vitals'],

  // The public portal links with plain anchors on purpose: next/link hydrates every link and
  // prefetches each route it shows, a server render per link per visit that read-only pages
  // do not need. The consoles keep next/link.
  {
    files: [
      'app/*.tsx',
      'app/{access,certifications,documents,governance-log,security,subprocessors,subscriptions,updates,vulnerability-disclosure}/**',
      'components/**',
    ],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },

  {
    rules: {
      // Names starting with _ are unused on purpose, and destructuring a property out to leave the
      // rest (`const { secret: _, ...rest } = row`) is how objects drop a field here.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Plain JavaScript files (scripts, tool configuration) run on Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  prettier,
]);
