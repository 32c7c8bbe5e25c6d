// Images as a user adds them: dropped on the window (a real drag-and-drop of a File), pasted,
// picked; described in one click; refused with a reason that names the file; sent in each
// protocol's shape, upright and right-sized; and still there after a restart.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { RecordedRequest } from '../fixtures/gateway';
import { anthropicText, openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { composerChips, dropFiles, pasteFiles, type TestFile } from './pages/attachments';

const EN_DESCRIBE_PROMPT = 'What is in this image? Describe it in detail.';

/** A phone photo: stored landscape 3000×2000 with EXIF orientation 6, so it is 2000×3000 upright. */
async function phonePhoto(name = 'photo.jpg'): Promise<TestFile> {
  const buffer = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** A PNG with transparency (a screenshot-tool cut-out). */
async function transparentPng(name = 'cutout.png', width = 320, height = 200): Promise<TestFile> {
  const buffer = await sharp({ create: { width, height, channels: 4, background: { r: 30, g: 90, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

const textFile = (name = 'notes.txt'): TestFile => ({ name, mimeType: 'text/plain', buffer: Buffer.from('just some notes\n') });

function minimalPdf(name = 'report.pdf'): TestFile {
  const body =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

type OpenAIContent = { type: string; text?: string; image_url?: { url: string; detail?: string } }[];
type AnthropicContent = { type: string; text?: string; source?: { type: string; media_type: string; data: string } }[];

function lastUserContent<T>(req: RecordedRequest): T {
  const body = req.json as { messages: { role: string; content: unknown }[] };
  return body.messages.filter((m) => m.role === 'user').at(-1)!.content as T;
}

async function decodedSize(b64: string): Promise<{ width: number; height: number; format?: string }> {
  const meta = await sharp(Buffer.from(b64, 'base64')).metadata();
  return { width: meta.width!, height: meta.height!, format: meta.format };
}

const chatRequests = (h: Harness, path = '/v1/chat/completions') => h.gateway.requests.filter((r) => r.path === path);

let h: Harness;
let app: AppPage;
test.beforeEach(async ({ page }) => {
  h = await startHarness({ apiKey: 'sk-e2e-attachments-4242' });
  app = new AppPage(page);
  await page.goto(h.app.url);
});
test.afterEach(async () => {
  await h.close();
});

async function expectReadyChip(page: Page, name: string, detail: RegExp | string) {
  const chip = composerChips(page).filter({ hasText: name });
  await expect(chip).toHaveAttribute('data-state', 'ready');
  await expect(chip.locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
  await expect(chip).toContainText(detail);
  return chip;
}

test('drop a phone photo on the window: upright chip, then an upright, right-sized image_url after the text', async ({ page }) => {
  await app.newThread();
  await app.byId('composer-input').fill('这张图片里有什么?请详细描述。');
  await dropFiles(page, [await phonePhoto()]);
  await expectReadyChip(page, 'photo.jpg', '2000×3000');

  h.gateway.queue(openaiText('A red rectangle, standing upright.', { delayMs: 20 }));
  await app.byId('composer-send').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('A red rectangle, standing upright.');
  // The composer was emptied only once main had the message.
  await expect(composerChips(page)).toHaveCount(0);
  await expect(app.byId('composer-input')).toHaveValue('');

  const content = lastUserContent<OpenAIContent>(chatRequests(h)[0]!);
  expect(content.map((c) => c.type)).toEqual(['text', 'image_url']);
  expect(content[0]!.text).toBe('这张图片里有什么?请详细描述。');
  const url = content[1]!.image_url!.url;
  expect(url).toMatch(/^data:image\/jpeg;base64,/);
  const img = await decodedSize(url.slice(url.indexOf(',') + 1));
  expect(img.height).toBeGreaterThan(img.width); // portrait: orientation 6 applied
  expect(Math.max(img.width, img.height)).toBeLessThanOrEqual(2048);
  expect(Math.min(img.width, img.height)).toBeLessThanOrEqual(768);

  // The sent message shows the thumbnail; a click opens the lightbox with main's preview.
  const sent = app.messages('user').last().getByTestId('attachment-chip');
  await expect(sent.locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
  await sent.click();
  await expect(app.byId('lightbox')).toBeVisible();
  await expect(app.byId('lightbox')).toHaveAttribute('data-loaded', 'true');
  await expect(app.byId('lightbox-image')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await page.keyboard.press('Escape');
  await expect(app.byId('lightbox')).toBeHidden();
});

test('drop on an empty window or on the thread list starts a new thread with the image attached', async ({ page }) => {
  // No thread open: the drop opens one, with the typed text and the image in its composer.
  await app.byId('composer-input').fill('keep me');
  await dropFiles(page, [await phonePhoto('first.jpg')]);
  await expect(app.byId('thread-item')).toHaveCount(1);
  await expectReadyChip(page, 'first.jpg', '2000×3000');
  await expect(app.byId('composer-input')).toHaveValue('keep me');

  // Onto the thread list while that thread is open: another new thread, the first keeps its composer.
  await dropFiles(page, [await transparentPng('second.png')], page.locator('[data-drop-target="new-thread"]'));
  await expect(app.byId('thread-item')).toHaveCount(2);
  await expect(composerChips(page)).toHaveCount(1);
  await expectReadyChip(page, 'second.png', '320×200');
  await expect(app.byId('composer-input')).toHaveValue('');
  await app.byId('thread-item').nth(1).click();
  await expect(composerChips(page)).toHaveCount(1);
  await expect(composerChips(page)).toContainText('first.jpg');
  await expect(app.byId('composer-input')).toHaveValue('keep me');
});

test('paste an image from the clipboard into the composer', async ({ page }) => {
  await app.newThread();
  await pasteFiles(page, [await transparentPng('image.png')], app.byId('composer-input'));
  const chip = await expectReadyChip(page, 'image.png', '320×200');
  // Lightbox from the composer chip, closed by a click.
  await chip.getByTestId('attachment-open').click();
  await expect(app.byId('lightbox')).toHaveAttribute('data-loaded', 'true');
  await app.byId('lightbox').click();
  await expect(app.byId('lightbox')).toBeHidden();
  // A text-only paste is left to the text box: nothing is attached.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'plain text');
    document.querySelector('[data-testid="composer-input"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  });
  await expect(composerChips(page)).toHaveCount(1);
});

test('pick two files with the attach button, remove one', async ({ page }) => {
  await app.newThread();
  await app.byId('composer-file-input').setInputFiles([await phonePhoto('a.jpg'), await transparentPng('b.png')]);
  await expect(composerChips(page)).toHaveCount(2);
  await expectReadyChip(page, 'a.jpg', '2000×3000');
  await expectReadyChip(page, 'b.png', '320×200');
  // In the order picked.
  await expect(composerChips(page).first()).toContainText('a.jpg');
  await composerChips(page).filter({ hasText: 'a.jpg' }).getByTestId('attachment-remove').click();
  await expect(composerChips(page)).toHaveCount(1);
  await expect(composerChips(page)).toContainText('b.png');
  // The same file again is the same attachment (main stores by content): no second chip for it.
  await app.byId('composer-file-input').setInputFiles([await transparentPng('b-copy.png'), await transparentPng('c.png', 64, 64)]);
  await expect
    .poll(async () => ({
      chips: await composerChips(page).count(),
      ready: await composerChips(page).and(page.locator('[data-state="ready"]')).count(),
    }))
    .toEqual({ chips: 2, ready: 2 });
  await expect(composerChips(page).filter({ hasText: 'b-copy.png' })).toHaveCount(0);
  await composerChips(page).filter({ hasText: 'c.png' }).getByTestId('attachment-remove').click();
  await expect(composerChips(page)).toHaveCount(1);

  // Images only, no text: Send takes just the image.
  h.gateway.queue(openaiText('A blue box.'));
  await app.byId('composer-send').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  const content = lastUserContent<OpenAIContent>(chatRequests(h)[0]!);
  expect(content.map((c) => c.type)).toEqual(['image_url']);
  // Transparency kept: PNG.
  expect(content[0]!.image_url!.url).toMatch(/^data:image\/png;base64,/);
});

test('from the keyboard: reorder with Alt+Arrow, remove with Delete; the request follows the order arranged', async ({ page }) => {
  await app.newThread();
  await app.byId('composer-file-input').setInputFiles([
    await transparentPng('one.png'),
    await phonePhoto('two.jpg'),
    await transparentPng('three.png', 300, 300),
  ]);
  await expect(composerChips(page).and(page.locator('[data-state="ready"]'))).toHaveCount(3);
  const names = () => composerChips(page).locator('.att-chip-name').allInnerTexts();

  await composerChips(page).filter({ hasText: 'one.png' }).getByTestId('attachment-open').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(names).toEqual(['two.jpg', 'one.png', 'three.png']);
  // Focus stayed on the moved chip: move it once more.
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(names).toEqual(['two.jpg', 'three.png', 'one.png']);
  await page.keyboard.press('Delete');
  await expect.poll(names).toEqual(['two.jpg', 'three.png']);
  await expect(composerChips(page).filter({ hasText: 'three.png' }).getByTestId('attachment-open')).toBeFocused();

  h.gateway.queue(openaiText('Two pictures.'));
  await app.send('Compare them');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  const content = lastUserContent<OpenAIContent>(chatRequests(h)[0]!);
  expect(content.map((c) => c.type)).toEqual(['text', 'image_url', 'image_url']);
  expect(content[1]!.image_url!.url).toMatch(/^data:image\/jpeg;base64,/);
  expect(content[2]!.image_url!.url).toMatch(/^data:image\/png;base64,/);
  await expect(app.messages('user').last().getByTestId('attachment-chip')).toHaveCount(2);
});

test('Describe: one click sends the image with the default prompt and the answer streams', async ({ page }) => {
  await app.newThread();
  await app.byId('composer-file-input').setInputFiles([await phonePhoto()]);
  await expectReadyChip(page, 'photo.jpg', '2000×3000');

  h.gateway.queue(openaiText('The photo shows a deep red surface with nothing else in it.', { chunkSize: 3, delayMs: 60 }));
  await composerChips(page).getByTestId('attachment-describe').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('deep red surface');
  await expect(app.messages('user').last().getByTestId('message-text')).toHaveText(EN_DESCRIBE_PROMPT);
  await expect(app.messages('user').last().getByTestId('attachment-chip').locator('img')).toBeVisible();
  const content = lastUserContent<OpenAIContent>(chatRequests(h)[0]!);
  expect(content.map((c) => c.type)).toEqual(['text', 'image_url']);
  expect(content[0]!.text).toBe(EN_DESCRIBE_PROMPT);
  await expect(composerChips(page)).toHaveCount(0);

  // With images and no text, the composer offers Describe too.
  await app.byId('composer-file-input').setInputFiles([await transparentPng()]);
  await expectReadyChip(page, 'cutout.png', '320×200');
  h.gateway.queue(openaiText('A translucent blue rectangle.'));
  await app.byId('composer-describe').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  expect(lastUserContent<OpenAIContent>(chatRequests(h)[1]!)[0]!.text).toBe(EN_DESCRIBE_PROMPT);
  // Typing hides it (the text is then the prompt).
  await app.byId('composer-file-input').setInputFiles([await transparentPng('again.png', 100, 100)]);
  await expect(app.byId('composer-describe')).toBeVisible();
  await app.byId('composer-input').fill('Compare');
  await expect(app.byId('composer-describe')).toBeHidden();
});

test('bad input is explained, naming the file; the text and the other attachments stay', async ({ page }) => {
  await app.newThread();
  await app.byId('composer-input').fill('my question, typed before');
  await app.byId('composer-file-input').setInputFiles([await phonePhoto()]);
  await expectReadyChip(page, 'photo.jpg', '2000×3000');

  await app.byId('composer-file-input').setInputFiles([textFile('notes.txt'), { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }]);
  const errors = app.byId('attachment-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.filter({ hasText: 'notes.txt' })).toContainText('is not an image or PDF');
  await expect(errors.filter({ hasText: 'empty.png' })).toContainText('is empty');
  await expect(errors.first()).toHaveAttribute('role', 'alert');
  await expect(app.byId('composer-input')).toHaveValue('my question, typed before');
  await expect(composerChips(page)).toHaveCount(1);
  await expect(composerChips(page)).toHaveAttribute('data-state', 'ready');
  await errors.first().getByRole('button').click();
  await expect(errors).toHaveCount(1);

  // A PDF on an OpenAI thread: the chip warns, and the send is refused with a clear reason; nothing is lost.
  await app.byId('composer-file-input').setInputFiles([minimalPdf()]);
  const pdf = composerChips(page).filter({ hasText: 'report.pdf' });
  await expect(pdf).toHaveAttribute('data-state', 'ready');
  await expect(pdf).toContainText('1 page');
  await expect(pdf).toContainText('Needs a Claude model');
  await app.byId('composer-send').click();
  await expect(app.byId('composer-error')).toContainText('PDFs can only be sent with the Anthropic Messages protocol');
  await expect(app.byId('composer-input')).toHaveValue('my question, typed before');
  await expect(composerChips(page)).toHaveCount(2);
  expect(chatRequests(h)).toHaveLength(0);
});

test('a Claude thread sends a base64 image block after the text', async ({ page }) => {
  await app.newThread();
  await app.byId('model-select').selectOption('claude-sonnet-4-20250514');
  await expect(app.byId('protocol-select')).toHaveValue('anthropic-messages');
  await app.byId('composer-file-input').setInputFiles([await phonePhoto()]);
  await expectReadyChip(page, 'photo.jpg', '2000×3000');
  h.gateway.queue(anthropicText('An upright red photo.'));
  await app.send('Describe this photo.');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

  const req = chatRequests(h, '/v1/messages')[0]!;
  const content = lastUserContent<AnthropicContent>(req);
  expect(content.map((c) => c.type)).toEqual(['text', 'image']);
  expect(content[0]!.text).toBe('Describe this photo.');
  expect(content[1]!.source!.type).toBe('base64');
  expect(content[1]!.source!.media_type).toBe('image/jpeg');
  const img = await decodedSize(content[1]!.source!.data);
  expect(img.height).toBeGreaterThan(img.width);
  expect(Math.max(img.width, img.height)).toBeLessThanOrEqual(1568);
});

test('after a restart the thread still shows its image', async ({ page }) => {
  await app.newThread();
  await dropFiles(page, [await phonePhoto()]);
  await expectReadyChip(page, 'photo.jpg', '2000×3000');
  h.gateway.queue(openaiText('Red.'));
  await app.send('What colour?');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

  const { url } = await h.restart();
  await page.goto(url);
  await app.byId('thread-item').first().click();
  const image = app.messages('user').last().getByTestId('attachment-chip');
  await expect(image.locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
  await expect(image).toHaveAttribute('title', /photo\.jpg · 2000×3000/);
  await image.click();
  await expect(app.byId('lightbox')).toHaveAttribute('data-loaded', 'true');
  await app.byId('lightbox-close').click();
  await expect(app.byId('lightbox')).toBeHidden();
});

test('drop a HEIC from an iPhone: a chip with its thumbnail; a damaged one is refused with its own message', async ({ page }) => {
  const heic = await readFile(fileURLToPath(new URL('../fixtures/images/example.heic', import.meta.url)));
  await app.newThread();
  await dropFiles(page, [
    { name: 'IMG_5001.HEIC', mimeType: 'image/heic', buffer: heic },
    { name: 'IMG_5002.HEIC', mimeType: 'image/heic', buffer: heic.subarray(0, 200_000) },
  ]);
  const chip = await expectReadyChip(page, 'IMG_5001.HEIC', '1280×854');
  const src = await chip.locator('img').getAttribute('src');
  const thumb = await sharp(Buffer.from(src!.split(',')[1]!, 'base64')).metadata();
  expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 256, 171]); // landscape, as the photo is
  await expect(app.byId('attachment-error').filter({ hasText: 'IMG_5002.HEIC' })).toContainText('could not be decoded');
  await expect(composerChips(page)).toHaveCount(1);
});


/** A PNG with coloured quadrants: red, green / blue, yellow. */
async function quadrantsPng(name = 'quadrants.png', width = 400, height = 300): Promise<TestFile> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = y < height / 2 ? (x < width / 2 ? [255, 0, 0] : [0, 255, 0]) : x < width / 2 ? [0, 0, 255] : [255, 255, 0];
      data.set(c, (y * width + x) * 3);
    }
  }
  return { name, mimeType: 'image/png', buffer: await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer() };
}

test('crop and rotate a draft image in the lightbox, from the keyboard; reset restores it; the request carries the crop', async ({ page }) => {
  await app.newThread();
  await app.byId('composer-file-input').setInputFiles([await quadrantsPng()]);
  const chip = await expectReadyChip(page, 'quadrants.png', '400×300');
  const lightbox = app.byId('lightbox');

  const cropTopRightAfterTurn = async () => {
    await chip.getByTestId('attachment-open').click();
    await expect(lightbox).toHaveAttribute('data-loaded', 'true');
    await expect(app.byId('lightbox-crop-apply')).toBeDisabled(); // nothing to apply yet
    await app.byId('lightbox-rotate').click();
    const crop = app.byId('lightbox-crop');
    await crop.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowLeft');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowUp');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect(crop).toHaveAttribute('data-crop', '50,0,50,50');
    await app.byId('lightbox-crop-apply').click();
    // rotated 90° the image is 300×400; its top-right quarter is 150×200
    await expect(chip).toContainText('150×200');
  };

  await cropTopRightAfterTurn();
  await expect(lightbox).toBeVisible(); // now showing the edited copy
  await expect(app.byId('lightbox-crop-reset')).toBeEnabled();
  await app.byId('lightbox-crop-reset').click();
  await expect(chip).toContainText('400×300');
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);

  // a drag on the image draws the rectangle too
  await chip.getByTestId('attachment-open').click();
  await expect(lightbox).toHaveAttribute('data-loaded', 'true');
  const box = (await app.byId('lightbox-image').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
  await page.mouse.up();
  await expect(app.byId('lightbox-crop')).not.toHaveAttribute('data-crop', '0,0,100,100');
  await expect(lightbox).toBeVisible(); // drawing did not close it
  await page.keyboard.press('Escape');

  await cropTopRightAfterTurn();
  await page.keyboard.press('Escape');
  h.gateway.queue(openaiText('A red rectangle.'));
  await app.send('What colour is this?');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  const url = lastUserContent<OpenAIContent>(chatRequests(h)[0]!).find((c) => c.type === 'image_url')!.image_url!.url;
  const sent = Buffer.from(url.split(',')[1]!, 'base64');
  expect(await decodedSize(url.split(',')[1]!)).toMatchObject({ width: 150, height: 200 });
  const { data } = await sharp(sent).resize(3, 3, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < 9; i++) expect([data[i * 3]! > 200, data[i * 3 + 1]! < 60, data[i * 3 + 2]! < 60]).toEqual([true, true, true]); // all red

  // a sent image opens without the editing tools
  await app.byId('message').locator('[data-testid="attachment-chip"]').first().click();
  await expect(lightbox).toHaveAttribute('data-loaded', 'true');
  await expect(app.byId('lightbox-rotate')).toHaveCount(0);
  await expect(app.byId('lightbox-crop')).toHaveCount(0);
});
