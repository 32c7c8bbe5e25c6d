/** Escapes % _ and \ for `LIKE ? ESCAPE '\'` and wraps the text for a substring match. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
