import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { faceAssets } from './scripts/face-model/vite-plugin.ts';

const APP = '/app/';

/**
 * The files the APP's page needs, found in the bundle: its entry chunk and every chunk it
 * imports or loads lazily, with their CSS and assets. The service worker precaches these and
 * nothing of the console (which shares the build and `assets/`), so installing the APP does
 * not download the console (its zxcvbn dictionary alone is 245 kB gzip).
 */
function appShellFiles(
  htmlEntry: string,
  /** Lazy chunks (by name) only ever loaded online, e.g. the password meter's dictionary. */
  onlineOnly: readonly string[] = [],
): { plugin: Plugin; files: Set<string> } {
  const files = new Set<string>();
  const plugin: Plugin = {
    name: 'gatehouse:app-shell-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      files.clear();
      const entry = Object.values(bundle).find(
        (f) => f.type === 'chunk' && f.isEntry && f.facadeModuleId?.endsWith(htmlEntry),
      );
      if (!entry) this.error(`no entry chunk for ${htmlEntry}`);
      const visit = (fileName: string) => {
        if (files.has(fileName)) return;
        const file = bundle[fileName];
        if (!file || (file.type === 'chunk' && onlineOnly.includes(file.name))) return;
        files.add(fileName);
        if (file.type !== 'chunk') return;
        for (const css of file.viteMetadata?.importedCss ?? []) files.add(css);
        for (const asset of file.viteMetadata?.importedAssets ?? []) files.add(asset);
        for (const next of [...file.imports, ...file.dynamicImports]) visit(next);
      };
      visit(entry.fileName);
    },
  };
  return { plugin, files };
}

// The password meter's dictionary (250 kB gzip) is only needed online, choosing a password;
// the face checks (MediaPipe, its 13 MB wasm and the model) only online, on the face screens.
const shell = appShellFiles('client/app/index.html', ['password-estimate', 'face-checker']);

/**
 * The PWA plugin links its manifest from every page it builds; only the APP's page is the
 * installable app, the console must not offer to install it.
 */
const manifestOnlyInApp: Plugin = {
  name: 'gatehouse:manifest-only-in-app',
  enforce: 'post',
  transformIndexHtml: {
    order: 'post',
    handler: (html, ctx) =>
      ctx.path.startsWith(APP) ? html : html.replace(/<link rel="manifest"[^>]*>/, ''),
  },
};

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [
    solid(),
    faceAssets(),
    shell.plugin,
    VitePWA({
      // The worker's own build (minified, no workbox logs) whatever NODE_ENV a runner sets.
      mode: 'production',
      // Registered by the APP's own code (client/features/app/app-service-worker.ts) only.
      injectRegister: false,
      // At the root, so the precache's relative URLs (assets/…, app/…) resolve from the site
      // root; its scope is still only /app/ (a scope may be narrower than the script's folder).
      filename: 'app-sw.js',
      manifestFilename: 'app/manifest.webmanifest',
      scope: APP,
      includeManifestIcons: false,
      manifest: {
        id: APP,
        name: 'Gatehouse',
        short_name: 'Gatehouse',
        description: "Your company's modules on your phone, signed in with Gatehouse.",
        start_url: APP,
        scope: APP,
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#1e1b4b',
        background_color: '#f6f7fb',
        lang: 'en',
        icons: [
          { src: '/app/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/app/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/app/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        cacheId: 'gatehouse-app',
        // The manifest itself is added by the plugin.
        globPatterns: ['app/**/*.{html,png}', 'assets/**/*.{js,css,svg,woff2}', 'favicon.svg'],
        // Of the shared assets/, keep the APP's own files only.
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((e) => !e.url.startsWith('assets/') || shell.files.has(e.url)),
            warnings: [],
          }),
        ],
        inlineWorkboxRuntime: true,
        // Any /app/ address opens the shell; the APP's router takes it from there.
        navigateFallback: '/app/index.html',
        navigateFallbackAllowlist: [/^\/app\//],
        // No runtime caching: /api/ answers always come from the network.
        runtimeCaching: [],
        skipWaiting: true,
        clientsClaim: true,
      },
    }),
    manifestOnlyInApp,
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        console: 'client/index.html',
        app: 'client/app/index.html',
      },
    },
  },
});
