import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vitest/config'

const src = fileURLToPath(new URL('./src', import.meta.url))

// One config for the app, the CLI bundle (`vite build --ssr src/cli/main.ts`) and Vitest.
// The app and the CLI build into sibling folders so that neither build empties the other.
export default defineConfig(({ isSsrBuild }) => ({
  plugins: isSsrBuild === true ? [] : [react(), tailwindcss()],
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
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 30_000,
  },
}))
