// Links to a message: `yibu://thread/<threadId>/message/<messageId>` for the desktop app (its registered
// protocol), and the same path as a URL fragment of the app's page in browser mode (`#/thread/…/message/…`).

export interface MessageLink {
  threadId: string;
  messageId: string;
}

export const LINK_SCHEME = 'yibu:';

/** The path both forms share. Ids are URL-encoded, so any id survives the round trip. */
export function messageLinkPath({ threadId, messageId }: MessageLink): string {
  return `/thread/${encodeURIComponent(threadId)}/message/${encodeURIComponent(messageId)}`;
}

export function desktopMessageLink(link: MessageLink): string {
  return `${LINK_SCHEME}/${messageLinkPath(link)}`;
}

/** `origin/#/thread/…`: the page address without its query, so a per-run token never goes into a link. */
export function browserMessageLink(origin: string, link: MessageLink): string {
  return `${origin}/#${messageLinkPath(link)}`;
}

const PATH = /^\/thread\/([^/?#]+)\/message\/([^/?#]+)\/?$/;

function fromPath(path: string): MessageLink | null {
  const m = PATH.exec(path);
  if (!m) return null;
  try {
    const threadId = decodeURIComponent(m[1]!);
    const messageId = decodeURIComponent(m[2]!);
    return threadId && messageId ? { threadId, messageId } : null;
  } catch {
    return null;
  }
}

/** Reads `yibu://thread/…/message/…`, an `http(s)://…/#/thread/…` link, or a bare `#/thread/…` fragment. */
export function parseMessageLink(text: string): MessageLink | null {
  const s = text.trim();
  if (s.startsWith('#')) return fromPath(s.slice(1));
  if (s.toLowerCase().startsWith(`${LINK_SCHEME}//`)) return fromPath(s.slice(LINK_SCHEME.length + 1));
  const hash = s.indexOf('#');
  return hash >= 0 && /^https?:\/\//i.test(s) ? fromPath(s.slice(hash + 1)) : null;
}
