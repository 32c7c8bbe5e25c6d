// Everyday conversation moves, as a user makes them: regenerate an answer, edit a question, switch
// between the versions with ‹ 2/3 ›, copy, delete, the keyboard; the mock gateway records that what the
// model receives is always the selected path.
import { expect, test, type Locator } from '@playwright/test';
import { openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';

let h: Harness;
let app: AppPage;
test.beforeEach(async ({ page }) => {
  h = await startHarness({ apiKey: 'sk-e2e-branches-5150' });
  app = new AppPage(page);
  await page.goto(h.app.url);
});
test.afterEach(async () => {
  await h.close();
});

/** The conversation the gateway received in its latest chat request, as "role: text" lines. */
function lastSent(): string[] {
  const req = h.gateway.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions').at(-1)!;
  const body = req.json as { messages: { role: string; content: string | { type: string; text?: string }[] }[] };
  return body.messages.map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : m.content.map((c) => c.text ?? '').join('')}`);
}

/** Sends `text`; the gateway answers `answer` (markdown), shown as `shown`. */
async function ask(text: string, answer: string, shown = answer): Promise<void> {
  h.gateway.queue(openaiText(answer));
  await app.send(text);
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText(shown);
}

const textOf = (message: Locator) => message.getByTestId('message-text');

test('regenerate, edit and switch branches: the model always gets the selected path, also after a reload', async ({ page }) => {
  await app.newThread();
  await ask('Question one', 'Answer one');
  await ask('Question two', 'Answer two');

  // Regenerate the last answer: a second version, 2/2, asked with the same history.
  h.gateway.queue(openaiText('Answer two, again'));
  await app.lastAssistant().hover();
  await app.lastAssistant().getByTestId('message-regenerate').click();
  await expect(textOf(app.lastAssistant())).toHaveText('Answer two, again');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('2/2');
  expect(lastSent()).toEqual(['user: Question one', 'assistant: Answer one', 'user: Question two']);

  // ‹ shows the first version again.
  await app.lastAssistant().getByTestId('branch-prev').click();
  await expect(textOf(app.lastAssistant())).toHaveText('Answer two');
  await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('1/2');

  // Edit the first question: a new branch from the top, answered from the edited question alone.
  h.gateway.queue(openaiText('Answer to the edit'));
  const first = app.messages('user').first();
  await first.hover();
  await first.getByTestId('message-edit').click();
  await app.byId('message-edit-input').fill('Question one, edited');
  await app.byId('message-edit-save').click();
  await expect(app.messages()).toHaveCount(2);
  await expect(textOf(app.messages('user').first())).toHaveText('Question one, edited');
  await expect(textOf(app.lastAssistant())).toHaveText('Answer to the edit');
  await expect(app.messages('user').first().getByTestId('branch-indicator')).toHaveText('2/2');
  expect(lastSent()).toEqual(['user: Question one, edited']);

  // Back to the original question: its whole branch returns as it was last seen.
  await app.messages('user').first().getByTestId('branch-prev').click();
  await expect(app.messages()).toHaveCount(4);
  await expect(textOf(app.messages('user').first())).toHaveText('Question one');
  await expect(textOf(app.lastAssistant())).toHaveText('Answer two');

  // Continuing sends exactly what is shown.
  await ask('Question three', 'Answer three');
  expect(lastSent()).toEqual([
    'user: Question one',
    'assistant: Answer one',
    'user: Question two',
    'assistant: Answer two',
    'user: Question three',
  ]);

  // The branches and the choice survive a reload.
  await page.reload();
  await app.byId('thread-item').first().click();
  await expect(app.messages()).toHaveCount(6);
  await expect(app.messages('user').first().getByTestId('branch-indicator')).toHaveText('1/2');
  await expect(app.messages('assistant').nth(1).getByTestId('branch-indicator')).toHaveText('1/2');
  await app.messages('assistant').nth(1).getByTestId('branch-next').click();
  await expect(app.messages()).toHaveCount(4);
  await expect(textOf(app.lastAssistant())).toHaveText('Answer two, again');
});

test('copy as Markdown or plain text, and delete one message with confirmation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.newThread();
  await ask('Format something', 'A **bold** move and `code`.', 'A bold move and code.');

  await app.lastAssistant().hover();
  await app.lastAssistant().getByTestId('message-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('A **bold** move and `code`.');
  await app.lastAssistant().getByTestId('message-copy-plain').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('A bold move and code.');

  await ask('Second question', 'Second answer');
  const firstAnswer = app.messages('assistant').first();
  await firstAnswer.hover();
  await firstAnswer.getByTestId('message-delete').click();
  await app.byId('confirm-ok').click();
  await expect(app.messages()).toHaveCount(3);
  await expect(textOf(app.messages('assistant').first())).toHaveText('Second answer');
  // What is left is what the model gets next time.
  await ask('Third question', 'Third answer');
  expect(lastSent()).toEqual(['user: Format something', 'user: Second question', 'assistant: Second answer', 'user: Third question']);
});

test('keyboard: the shortcut sheet, regenerate, previous/next thread; New thread twice leaves one empty thread, left unused it goes', async ({ page }) => {
  await app.newThread();
  await app.byId('thread-new').click();
  await expect(app.byId('thread-item')).toHaveCount(1);
  await ask('Hello', 'First take');

  // Regenerate from the keyboard.
  h.gateway.queue(openaiText('Second take'));
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(textOf(app.lastAssistant())).toHaveText('Second take');
  await expect(app.lastAssistant().getByTestId('branch-indicator')).toHaveText('2/2');

  // Another thread, then back with Alt+↓ (the list is newest first).
  await app.newThread();
  await ask('Other thread', 'Other answer');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(textOf(app.lastAssistant())).toHaveText('Second take');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(textOf(app.lastAssistant())).toHaveText('Other answer');
  // A new thread left before its first message leaves the list again.
  await app.newThread();
  await expect(app.byId('thread-item')).toHaveCount(3);
  await app.byId('thread-item').filter({ hasText: 'Other thread' }).click();
  await expect(app.byId('thread-item')).toHaveCount(2);
  await page.reload();
  await expect(app.byId('thread-item')).toHaveCount(2);
  await app.byId('thread-item').filter({ hasText: 'Other thread' }).click();
  await expect(textOf(app.lastAssistant())).toHaveText('Other answer');

  // Esc stops a running answer; Ctrl/Cmd+K goes to the thread search.
  h.gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 40 }));
  await app.send('Something long');
  await expect(app.lastAssistant().getByTestId('message-text')).not.toBeEmpty();
  await page.keyboard.press('Escape');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'stopped');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(app.byId('thread-search')).toBeFocused();

  // `?` outside a text field opens the sheet; in the composer it is just a character.
  await app.byId('composer-input').fill('why?');
  await expect(app.byId('shortcut-sheet')).toBeHidden();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+Slash');
  await expect(app.byId('shortcut-sheet')).toBeVisible();
  await expect(app.byId('shortcut-sheet')).toContainText('Regenerate the last answer');
  await page.keyboard.press('Escape');
  await expect(app.byId('shortcut-sheet')).toBeHidden();
  // And with the mouse, from the sidebar.
  await app.byId('shortcut-sheet-open').click();
  await expect(app.byId('shortcut-sheet')).toBeVisible();
  await app.byId('shortcut-sheet-close').click();
  await expect(app.byId('shortcut-sheet')).toBeHidden();
});
