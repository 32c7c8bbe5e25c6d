// The playground's Tests tab, driven through its data-testids: cases, assertions, the model picker, the
// matrix of cells, import and export.
import { expect, type Locator, type Page } from '@playwright/test';

export type CellStatus = 'queued' | 'running' | 'pass' | 'fail' | 'error';

export class SuitesPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('playground-panel');
  }

  async open(): Promise<void> {
    if (!(await this.panel.isVisible())) await this.page.getByTestId('playground-open').click();
    await this.panel.getByTestId('tests-tab').click();
    await expect(this.panel.getByTestId('tests-tab')).toHaveAttribute('aria-selected', 'true');
  }

  cases(): Locator {
    return this.panel.getByTestId('test-case');
  }

  case(name: string): Locator {
    return this.panel.locator(`[data-testid="test-case"][data-case-name="${name}"]`);
  }

  /** Saves the thread as a case and waits until it is listed. */
  async saveCase(name: string): Promise<Locator> {
    const before = await this.cases().count();
    await this.panel.getByTestId('test-save-case').click();
    await expect(this.cases()).toHaveCount(before + 1);
    const c = this.case(name);
    await expect(c).toBeVisible();
    return c;
  }

  /** The case's assertion rows (its editor opened if it is not). */
  async assertions(name: string): Promise<Locator> {
    const c = this.case(name);
    const toggle = c.getByRole('button', { expanded: false });
    if (await toggle.count()) await toggle.first().click();
    return c.getByTestId('test-assertion');
  }

  async addModel(model: string): Promise<void> {
    const input = this.panel.getByRole('textbox', { name: /model id|模型 ID/i });
    await input.fill(model);
    await input.press('Enter');
    await expect(this.panel.getByRole('checkbox', { name: model })).toBeChecked();
  }

  cells(): Locator {
    return this.panel.getByTestId('test-cell');
  }

  cell(caseName: string, model: string): Locator {
    return this.panel.locator(`[data-testid="test-cell"][data-case-name="${caseName}"][data-model="${model}"]`);
  }

  async run(): Promise<void> {
    await expect(this.panel.getByTestId('test-run')).toBeEnabled();
    await this.panel.getByTestId('test-run').click();
  }

  /** Waits until no cell is queued or running. */
  async settled(cells: number): Promise<void> {
    await expect(this.cells()).toHaveCount(cells);
    await expect(this.panel.locator('[data-testid="test-cell"][data-status="queued"], [data-testid="test-cell"][data-status="running"]')).toHaveCount(0, {
      timeout: 60_000,
    });
  }
}
