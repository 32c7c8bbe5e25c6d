import { describe, expect, it } from 'vitest';
import { browserMessageLink, desktopMessageLink, parseMessageLink } from '../../shared/message-link';

const link = { threadId: 't-1', messageId: 'm/2 ü' };

describe('message links', () => {
  it('round-trips the desktop yibu:// link and the browser-mode fragment', () => {
    expect(desktopMessageLink({ threadId: 't', messageId: 'm' })).toBe('yibu://thread/t/message/m');
    expect(parseMessageLink(desktopMessageLink(link))).toEqual(link);
    const web = browserMessageLink('http://127.0.0.1:5173', link);
    expect(web.startsWith('http://127.0.0.1:5173/#/thread/t-1/message/')).toBe(true);
    expect(parseMessageLink(web)).toEqual(link);
    expect(parseMessageLink('#/thread/a/message/b')).toEqual({ threadId: 'a', messageId: 'b' });
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'yibu://thread/a', 'yibu://thread//message/b', 'https://example.com/thread/a/message/b', 'javascript:alert(1)#/thread/a/message/b', '#/thread/%E0%A4%A/message/b']) {
      expect(parseMessageLink(bad)).toBeNull();
    }
  });
});
