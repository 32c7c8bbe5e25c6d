// The code of the HEIC/HEIF decoder's worker thread, as a string run with `new Worker(source, {eval: true})`.
// A string rather than a file, like electron/tools/sandbox-worker.ts: it runs the same from the TypeScript
// sources (tests) and from the bundled main process, with no separate build entry. Plain CommonJS, not
// type-checked: keep it small. The host (heif.ts) passes `workerData = {libheifPath, wasmModule}`.
//
// One job: { id, bytes: Uint8Array, maxPixels }. libheif parses the boxes first (no pixels);
// the PRIMARY image's size, with its irot/imir transformations applied, is checked against maxPixels before
// anything is decoded. The decode applies those transformations too (libheif's default), so the pixels that
// come back are upright and carry no orientation for anyone to apply a second time. Reply:
//   { id, ok: true, width, height, channels, data }  (data: tightly packed RGB or RGBA, transferred)
//   { id, ok: false, kind: 'corrupt' | 'too_many_pixels', error, width?, height? }
// `heapBytes` tells the host how large the WebAssembly memory grew (it never shrinks: the host retires a
// worker that grew large).

export const HEIF_WORKER_SOURCE = String.raw`'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const factory = require(workerData.libheifPath);

// The module is compiled once by the host and instantiated here synchronously: the wrapper code of this
// libheif build defines its API right after the factory returns, which only works with a synchronous start.
const lib = factory({
  instantiateWasm(imports, done) {
    const instance = new WebAssembly.Instance(workerData.wasmModule, imports);
    done(instance, workerData.wasmModule);
    return instance.exports;
  },
  print() {},
  printErr() {},
});

function failed(r) { return !r || (r.code !== undefined && r.code !== lib.heif_error_code.heif_error_Ok); }
function message(r, fallback) { return (r && typeof r.message === 'string' && r.message) || fallback; }

async function run(job) {
  const ctx = lib.heif_context_alloc();
  let handle = null;
  let image = null;
  try {
    const read = lib.heif_context_read_from_memory(ctx, job.bytes);
    if (failed(read)) return { ok: false, kind: 'corrupt', error: message(read, 'cannot parse the HEIF boxes') };
    handle = lib.heif_js_context_get_primary_image_handle(ctx);
    if (!handle || handle.code !== undefined) {
      const err = handle;
      handle = null;
      return { ok: false, kind: 'corrupt', error: message(err, 'no primary image') };
    }
    const width = lib.heif_image_handle_get_width(handle);
    const height = lib.heif_image_handle_get_height(handle);
    if (!(width > 0 && height > 0)) return { ok: false, kind: 'corrupt', error: 'the primary image has no dimensions' };
    if (width * height > job.maxPixels) {
      return { ok: false, kind: 'too_many_pixels', error: width + '×' + height + ' px is over the limit', width, height };
    }
    const alpha = !!lib.heif_image_handle_has_alpha_channel(handle);
    const channels = alpha ? 4 : 3;
    const chroma = alpha ? lib.heif_chroma.heif_chroma_interleaved_RGBA : lib.heif_chroma.heif_chroma_interleaved_RGB;
    image = await lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, chroma);
    if (!image || image.code !== undefined || !image.channels) {
      const err = image;
      image = null;
      return { ok: false, kind: 'corrupt', error: message(err, 'the image does not decode') };
    }
    const plane = image.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved);
    if (!plane || plane.width !== width || plane.height !== height) {
      return { ok: false, kind: 'corrupt', error: 'the decoded image has an unexpected layout' };
    }
    // copied out of the WebAssembly memory, rows packed (libheif may pad them to an alignment)
    const row = width * channels;
    const data = new Uint8Array(row * height);
    if (plane.stride === row) data.set(plane.data.subarray(0, data.length));
    else for (let y = 0; y < height; y++) data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
    return { ok: true, width, height, channels, data };
  } finally {
    if (image && image.image) lib.heif_image_release(image.image);
    if (handle) lib.heif_image_handle_release(handle);
    lib.heif_context_free(ctx);
  }
}

parentPort.on('message', async (job) => {
  let reply;
  try {
    reply = await run(job);
  } catch (e) {
    reply = { ok: false, kind: 'corrupt', error: String((e && e.message) || e).slice(0, 500) };
  }
  reply.id = job.id;
  reply.heapBytes = lib.HEAPU8 ? lib.HEAPU8.length : 0;
  parentPort.postMessage(reply, reply.data ? [reply.data.buffer] : []);
});
parentPort.postMessage({ ready: true });
`;
