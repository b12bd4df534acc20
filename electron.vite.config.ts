import { resolve } from 'node:path';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

/**
 * The kiosk's messages (src-renderer/src/i18n/id.ts, en.ts) compiled at
 * build, so the renderer ships vue-i18n's runtime without its message
 * compiler (CSP-safe too: no compilation in the page).
 */
const i18nMessages = () =>
  VueI18nPlugin({
    include: [resolve(import.meta.dirname, 'src-renderer/src/i18n/{id,en}.ts')],
    runtimeOnly: true,
    compositionOnly: true,
    fullInstall: false,
    dropMessageCompiler: true,
    strictMessage: true,
  });

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/shell/electron.ts'),
          browser: resolve(import.meta.dirname, 'src-main/shell/browser.ts'),
          // The embedded stub's own process (src-main/shell/stubProcess.ts starts it).
          embeddedStub: resolve(import.meta.dirname, 'src-main/backend/stub/childProcess.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Bundled CommonJS: a sandboxed preload cannot load ES modules or node_modules.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue(), i18nMessages()],
    define: {
      // Smaller, CSP-safe production bundles: no Options API, no devtools hooks, no legacy i18n.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: resolve(import.meta.dirname, 'src-renderer/index.html'),
        // Everything the entry imports statically (rolldown's built-in `$initial` tag) in one script: the first
        // screen is one request instead of seven (Vue, Pinia, vue-i18n and the small shared modules were each a
        // chunk of their own because lazy steps share them). Lazy steps stay chunks of their own and import from it.
        // Load to an interactive "Masuk" 1.62x -> 1.34x and 1.52x of the floor (docs/bench.md, issue #14).
        output: { codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] } },
      },
    },
  },
});
