/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API the dev server proxies to (`npm run dev` beside `scripts/run` or `scrutiny serve`).
const apiTarget = process.env.SCRUTINY_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // `@use "govuk"` finds GOV.UK Frontend's Sass entry point.
        loadPaths: [fileURLToPath(new URL('./node_modules/govuk-frontend/dist', import.meta.url))],
        quietDeps: true,
      },
    },
    // Some of GOV.UK Frontend's CSS trips Lightning CSS; keep the rule and carry on.
    lightningcss: { errorRecovery: true },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/health': apiTarget,
    },
  },
  build: {
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The framework every screen needs, in one long-cached chunk; each screen is its own.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack|openapi-fetch)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    testTimeout: 10_000,
  },
});
