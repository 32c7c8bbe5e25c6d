// Real file drops and pastes for the attachments specs: the File objects are made in the page from
// the test's bytes, put in a DataTransfer, and dispatched as the browser would (dragenter, dragover,
// drop; or a paste ClipboardEvent), so the app's own handlers read them through the DOM APIs.
import { expect, type JSHandle, type Locator, type Page } from '@playwright/test';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

async function dataTransfer(page: Page, files: TestFile[]): Promise<JSHandle<DataTransfer>> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, b64: f.buffer.toString('base64') }));
  return page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bin = atob(item.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
}

/** Drags the files over `target` (the page body by default), checks the drop zone shows, drops them. */
export async function dropFiles(page: Page, files: TestFile[], target?: Locator): Promise<void> {
  const on = target ?? page.locator('body');
  const dt = await dataTransfer(page, files);
  await on.dispatchEvent('dragenter', { dataTransfer: dt });
  await on.dispatchEvent('dragover', { dataTransfer: dt });
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await on.dispatchEvent('drop', { dataTransfer: dt });
  await expect(page.getByTestId('drop-zone')).toBeHidden();
  await dt.dispose();
}

/** A paste of the files (as a screenshot tool puts them on the clipboard) on `target`. */
export async function pasteFiles(page: Page, files: TestFile[], target: Locator): Promise<void> {
  const dt = await dataTransfer(page, files);
  await target.evaluate((el, data) => {
    (el as HTMLElement).focus();
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, dt);
  await dt.dispose();
}

/** The composer's attachment chips (sent messages have chips too). */
export function composerChips(page: Page): Locator {
  return page.getByTestId('composer-attachments').getByTestId('attachment-chip');
}
