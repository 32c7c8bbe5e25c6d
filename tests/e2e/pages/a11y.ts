// Accessibility helpers for the a11y specs: an axe-core run with the WCAG 2.1 A/AA tags that prints
// what failed readably, and the user's ways to change the UI language and the colour scheme.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export type Lang = 'en' | 'zh-CN';
export type Scheme = 'light' | 'dark';

/** Nodes listed per violation (all of them with A11Y_VERBOSE=1). */
const SHOWN = process.env.A11Y_VERBOSE ? Infinity : 6;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation per line: rule, impact, and each failing node's selector and axe's summary. */
export function formatViolations(label: string, violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.map((v) => {
    const nodes = v.nodes
      .slice(0, SHOWN)
      .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' | ')}`)
      .join('\n');
    const more = v.nodes.length > SHOWN ? `\n      … and ${v.nodes.length - SHOWN} more` : '';
    return `[${label}] ${v.id} (${v.impact ?? 'n/a'}, ${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}): ${v.help}\n${nodes}${more}`;
  });
}

/** axe over the whole page (or `include`), returning readable lines, [] when clean. */
export async function axe(page: Page, label: string, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return formatViolations(label, violations);
}

/** The OS colour scheme (the app's theme setting is 'system'); waits until the app has followed it. */
export async function setScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
  // Controls fade their colours (0.12 s): axe must see the new theme, not a frame of the old one.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

/** The language, picked in Settings as a user would; the dialog is closed again. */
export async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-language').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-dialog')).toBeHidden();
}

/** Is this the element with the keyboard focus? */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moves through the
 * window; fails if it is not reached within `max` presses (not in the tab order, or trapped away).
 */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}): Promise<number> {
  await expect(target).toBeVisible();
  const max = opts.max ?? 40;
  for (let i = 0; i <= max; i++) {
    if (await isFocused(target)) return i;
    // A code editor takes Tab for indenting; its hint says Escape leaves it, as a user would do.
    if (await page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts') === 'Escape')) await page.keyboard.press('Escape');
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  const where = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}` : 'nothing';
  });
  throw new Error(`Tab did not reach ${target.toString()} in ${max} presses (focus is on ${where})`);
}

/**
 * Controls a user cannot fully see or reach with the pointer: off the window's sides, or covered
 * by something else at their centre. What an inner scroller has scrolled out of view is skipped
 * (scrolling brings it back). `within`: only the controls in there (an open dialog). Returns one description per such control, [] when all are whole.
 */
export function coveredControls(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((root) => {
    const bad: string[] = [];
    const controls = document.querySelector(root)!.querySelectorAll<HTMLElement>('button, input:not([type=hidden]):not([type=file]), select, textarea, [tabindex="0"]');
    for (const el of controls) {
      if (el.offsetParent === null) continue;
      // A control in a scroller counts where scrolling brings it, not under a sticky footer mid-scroll.
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (/auto|scroll/.test(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight) {
          el.scrollIntoView({ block: 'center', inline: 'nearest' });
          break;
        }
      }
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      let clipped = false;
      for (let p = el.parentElement; p && !clipped; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (!/auto|scroll/.test(`${cs.overflowX} ${cs.overflowY}`)) continue;
        const pr = p.getBoundingClientRect();
        // wholly or partly scrolled out of its scroller: scrolling brings it in, so it is not lost
        clipped = r.top < pr.top - 1 || r.bottom > pr.bottom + 1 || r.left < pr.left - 1 || r.right > pr.right + 1;
      }
      if (clipped) continue;
      const name = el.dataset.testid ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
      if (r.left < -1 || r.right > window.innerWidth + 1) {
        bad.push(`${name}: off the window (${Math.round(r.left)}–${Math.round(r.right)} px)`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, Math.max(0, Math.min(window.innerHeight - 1, r.top + r.height / 2)));
      const label = el.closest('label') ?? (el as HTMLInputElement).labels?.[0] ?? null;
      if (hit && (el.contains(hit) || hit.contains(el) || (label && label.contains(hit)))) continue;
      bad.push(`${name}: covered by ${hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : 'nothing'}`);
    }
    return bad;
  }, within);
}
