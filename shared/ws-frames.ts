// Browser mode's WebSocket wire format and limits, shared by the client (renderer/api-ws.ts) and the
// server (electron/transport/ws-session.ts) so both count the same way.
//
// Connecting: `ws://127.0.0.1:PORT/ws?token=TOKEN`. The token travels in the WebSocket request only
// (never a cookie): the page reads it from its own URL once and keeps it in sessionStorage.
//
// Text frames, client → server:
//   {kind:"call", id, route, input}                    one call, when its JSON fits in one frame
//   {kind:"upload", id, bytes, parts}                  a call too big for one frame: announces `parts`
//                                                      binary frames that follow at once, in order, whose
//                                                      bytes (`bytes` in all) are the UTF-8 JSON of the call
// Text frames, server → client:
//   {kind:"result", id, result}   {kind:"event", event, payload}
//
// Only a 100 MB attachment (133 MB as base64) needs an upload; everything else is one call frame.

/** The server closes a socket (1009) that sends a bigger frame. */
export const WS_MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** The client splits an upload into binary parts of this size (the last may be shorter). */
export const WS_PART_BYTES = 1024 * 1024;
/** Bytes of uploads a socket may hold at once (received or dispatched, not yet answered). */
export const WS_MAX_UPLOAD_BYTES = 160 * 1024 * 1024;
/** Calls in flight per socket; the server answers the excess with an error, the client never sends it. */
export const WS_MAX_IN_FLIGHT = 32;
export const WS_PATH = '/ws';
export const WS_TOKEN_PARAM = 'token';
