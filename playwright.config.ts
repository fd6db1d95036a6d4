import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/chromium';

/**
 * End-to-end tests against the built app (`vite build` first) served by `vite preview`, in Debian's
 * Chromium (never `playwright install`), offline.
 */
export default defineConfig({
  testDir: 'e2e',
  reporter: [['list'], ['json', { outputFile: '.reports/e2e.json' }]],
  workers: 2,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: 'http://localhost:4173',
    headless: true,
    viewport: { width: 1600, height: 900 },
    trace: 'off',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: {
    command: './node_modules/.bin/vite preview --port 4173 --strictPort',
    url: 'http://localhost:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
