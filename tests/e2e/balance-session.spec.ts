// "How much the balance moved this session" per profile, as a user sees it in Settings: the default
// profile's number beside the balance, and a second profile's own balance and movement in its editor,
// read from its gateway with its key, never the default profile's number.
import { expect, test } from '@playwright/test';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { addProfile } from './pages/profiles';

const SECOND_KEY = 'sk-e2e-balance-second-2222';

let h: Harness;
let second: Gateway;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: 'sk-e2e-balance-default-1111' });
  second = await startGateway({ demo: false });
});
test.afterEach(async () => {
  await h.close();
  await second.close();
});

/** The next billing/usage answer of a gateway: `cents` used so far (the limit stays $25). */
const used = (g: Gateway, cents: number) => g.queue({ match: { path: '/v1/dashboard/billing/usage' }, json: { object: 'list', total_usage: cents } });

test('each profile shows its own balance and how much it moved this session', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  const id = await addProfile(app, { name: 'Second account', baseUrl: second.url, key: SECOND_KEY });

  await app.byId('settings-open').click();
  await expect(app.byId('settings-balance')).toHaveText('17.66');
  const item = app.byId('profile-item').and(page.locator(`[data-profile-id="${id}"]`));
  await item.getByTestId('profile-edit').click();
  const editor = app.byId('profile-editor');

  used(second, 1_000);
  await editor.getByTestId('profile-balance-refresh').click();
  await expect(editor.getByTestId('profile-balance')).toHaveText('Balance 15.00');
  await expect(editor.getByTestId('profile-balance-session')).toHaveText('0.00 this session');
  expect(second.requests.filter((r) => r.path === '/v1/dashboard/billing/usage').at(-1)!.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);

  used(second, 1_250);
  await editor.getByTestId('profile-balance-refresh').click();
  await expect(editor.getByTestId('profile-balance')).toHaveText('Balance 12.50');
  await expect(editor.getByTestId('profile-balance-session')).toHaveText('-2.50 this session');

  // The default profile's balance moved on its own account only.
  used(h.gateway, 734 + 50);
  await app.byId('settings-balance-refresh').click();
  await expect(app.byId('settings-balance')).toHaveText('17.16');
  await expect(app.byId('settings-balance-session')).toHaveText('-0.50 this session');
});
