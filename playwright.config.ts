import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './e2e/chromium';

/** `E2E_PORT` lets several checkouts run their journeys at once on one machine. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

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
    baseURL: `http://localhost:${PORT}`,
    headless: true,
    viewport: { width: 1600, height: 900 },
    trace: 'off',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: {
    command: `./node_modules/.bin/vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
