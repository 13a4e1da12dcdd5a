import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

const src = fileURLToPath(new URL('./src', import.meta.url))

/**
 * The Content Security Policy of the built app (docs/reliability.md, Security, says why each directive). No
 * inline script and no eval: the only scripts are the built files on this origin. Datasets and model endpoints
 * are hosts the user types, so fetches and media go to any http(s) host; CORS on those hosts still decides.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self' http: https:",
  "media-src 'self' blob: http: https:",
  "img-src 'self' data: blob:",
  // wavesurfer.js puts a <style> element in its shadow root; React sets style= through the CSSOM (never blocked).
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ')

/**
 * The policy as a meta tag in the built index.html (what a static host serves). Build only: the dev server's
 * React refresh preamble is an inline script.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'proclens-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  }
}

// One config for the app, the CLI bundle (`vite build --ssr src/cli/main.ts`) and Vitest.
// The app and the CLI build into sibling folders so that neither build empties the other.
export default defineConfig(({ isSsrBuild }) => ({
  plugins: isSsrBuild === true ? [] : [react(), tailwindcss(), contentSecurityPolicy()],
  resolve: { alias: { '@': src } },
  worker: { format: 'es' },
  build: {
    outDir: isSsrBuild === true ? 'dist/cli' : 'dist/app',
    copyPublicDir: isSsrBuild !== true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
  ssr: { target: 'node' },
  // A header can also say who may frame the app, which a meta tag cannot.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 30_000,
  },
}))
