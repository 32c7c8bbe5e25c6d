// The playground's MCP servers section, driven through its data-testids (ARCHITECTURE.md § Stable handles).
import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';

/** A stdio entry for the SDK-written test server (tests/fixtures/mcp/server.ts), run by node with tsx. */
export function stdioServer(env: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  return { command: process.execPath, args: ['--import', 'tsx', path.resolve('tests/fixtures/mcp/server.ts')], env, ...extra };
}

export class McpPage {
  constructor(readonly page: Page) {}

  server(name: string): Locator {
    return this.page.locator(`[data-testid="mcp-server"][data-server-name="${name}"]`);
  }

  toggle(server: string, tool: string): Locator {
    return this.server(server).locator(`[data-testid="mcp-tool-toggle"][data-tool-name="${tool}"]`);
  }

  /** Pastes a configuration and connects it; waits until main answered. */
  async paste(servers: Record<string, unknown>): Promise<void> {
    await this.page.getByTestId('mcp-config-input').fill(JSON.stringify({ mcpServers: servers }, null, 2));
    await this.page.getByTestId('mcp-save').click();
    await expect(this.page.getByTestId('mcp-config-input')).toHaveValue('');
  }
}
