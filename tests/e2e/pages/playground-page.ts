// The playground panel, tool-call cards and the trace view, driven through their data-testids.
import { expect, type Locator, type Page } from '@playwright/test';

export type RunMode = 'manual' | 'mock' | 'script';

export class PlaygroundPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('playground-panel');
  }

  async open(): Promise<void> {
    if (!(await this.panel.isVisible())) await this.page.getByTestId('playground-open').click();
    await expect(this.panel).toBeVisible();
    // Presets come from main: wait until they are there to be clicked.
    await expect(this.panel.getByTestId('tool-preset').first()).toBeVisible();
  }

  tool(name: string): Locator {
    return this.panel.locator(`[data-testid="tool-def"][data-tool-name="${name}"]`);
  }

  tools(): Locator {
    return this.panel.getByTestId('tool-def');
  }

  async addPreset(name: string): Promise<Locator> {
    await this.panel.locator(`[data-testid="tool-preset"][data-preset="${name}"]`).click();
    const tool = this.tool(name);
    await expect(tool).toBeVisible();
    return tool;
  }

  async addBlank(): Promise<Locator> {
    const before = await this.tools().count();
    await this.panel.getByTestId('tool-add').click();
    await expect(this.tools()).toHaveCount(before + 1);
    return this.tools().last();
  }

  async setRunMode(name: string, mode: RunMode): Promise<void> {
    await this.tool(name).getByTestId('tool-run-mode').selectOption(mode);
  }

  async setEnabled(on: boolean): Promise<void> {
    await this.panel.getByTestId('playground-enabled').setChecked(on);
  }

  /** Every edit saved and main's check says the tool set can be sent. */
  async savedAndValid(): Promise<void> {
    await expect(this.panel.getByTestId('playground-saving')).toHaveCount(0);
    await expect(this.panel.getByTestId('playground-check')).toHaveAttribute('data-ok', 'true');
  }

  /** The tool-call card of the chat with this tool name (the last one when there are several). */
  call(name: string): Locator {
    return this.page.locator(`[data-testid="tool-call"][data-tool-name="${name}"]`).last();
  }

  async openTrace(answer: Locator): Promise<Locator> {
    await answer.getByTestId('trace-open').click();
    const view = this.page.getByTestId('trace-view');
    await expect(view).toBeVisible();
    return view;
  }
}
