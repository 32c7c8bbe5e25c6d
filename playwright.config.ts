import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Browser-mode specs drive the real core through
// the WebSocket transport against the mock gateway; Electron specs skip where no binary exists.
// The 'desktop' project runs the same chat and canary specs through the desktop path instead: the
// built main.cjs under the Electron stand-in, the real preload and IPC (tests/e2e/desktop-harness.ts).
export default defineConfig({
  testDir: 'tests',
  projects: [
    { name: 'browser', testMatch: ['e2e/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'] },
    { name: 'desktop', testMatch: ['e2e/chat.spec.ts', 'e2e/canary.spec.ts'], metadata: { transport: 'desktop' } },
  ],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: '.tmp/playwright-output',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
});
