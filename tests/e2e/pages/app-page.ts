// Drives the app only through its data-testids (ARCHITECTURE.md § Stable handles), so the same steps serve
// the browser-mode specs and the Electron spec.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  byId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async configure(opts: { baseUrl?: string; apiKey?: string }): Promise<void> {
    await this.byId('settings-open').click();
    if (opts.baseUrl !== undefined) await this.byId('settings-base-url').fill(opts.baseUrl);
    if (opts.apiKey !== undefined) await this.byId('settings-api-key').fill(opts.apiKey);
    await this.byId('settings-save').click();
    if (opts.apiKey) await expect(this.byId('settings-key-status')).toContainText(`…${opts.apiKey.slice(-4)}`);
  }

  async testConnection(): Promise<Locator> {
    await this.byId('settings-test-connection').click();
    const result = this.byId('settings-connection-result');
    await expect(result).toBeVisible();
    return result;
  }

  async closeSettings(): Promise<void> {
    await this.byId('settings-close').click();
    await expect(this.byId('settings-base-url')).toBeHidden();
  }

  async newThread(): Promise<void> {
    const before = await this.byId('thread-item').count();
    await this.byId('thread-new').click();
    await expect(this.byId('thread-item')).toHaveCount(before + 1);
  }

  async send(text: string): Promise<void> {
    await this.byId('composer-input').fill(text);
    await this.byId('composer-input').press('Enter');
  }

  /** Leaves the real keychain as the test found it (a memory-only key is already gone after a restart). */
  async removeKeyIfStored(): Promise<void> {
    await this.byId('settings-open').click();
    const remove = this.byId('settings-key-remove');
    if (await remove.isVisible()) {
      await remove.click();
      await expect(remove).toBeHidden();
    }
    await this.closeSettings();
  }

  lastAssistant(): Locator {
    return this.page.locator('[data-testid="message"][data-role="assistant"]').last();
  }

  messages(role?: 'user' | 'assistant'): Locator {
    return this.page.locator(role ? `[data-testid="message"][data-role="${role}"]` : '[data-testid="message"]');
  }
}
