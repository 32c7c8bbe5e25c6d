import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isTrustedSender } from '../../../electron/transport/sender';

describe('IPC sender check', () => {
  it('accepts only the top frame of our own origin', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://yibu.evil/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isTopFrame: true })).toBe(false);
  });
});
