import { describe, expect, it } from 'vitest';
import { createSseDecoder, decodeSse } from '../../../electron/providers/sse';
import { collectFrames, enc, split, streamOf } from './helpers';

describe('SSE decoder', () => {
  it('case 1: `data:` without a space is the same as `data: `', async () => {
    expect(await collectFrames(['data:{"a":1}\n\ndata: {"a":1}\n\n'])).toEqual([{ data: '{"a":1}' }, { data: '{"a":1}' }]);
  });

  it('case 1: only one leading space is dropped', async () => {
    expect(await collectFrames(['data:  two\n\n'])).toEqual([{ data: ' two' }]);
  });

  it('case 2: CRLF endings, with "\\r\\n\\r\\n" split across two reads, give the same events as LF', async () => {
    const lf = await collectFrames(['event: a\ndata: x\n\nevent: b\ndata: y\n\n']);
    const crlf = await collectFrames(['event: a\r\ndata: x\r\n\r', '\nevent: b\r\ndata: y\r', '\n\r\n']);
    expect(crlf).toEqual([
      { event: 'a', data: 'x' },
      { event: 'b', data: 'y' },
    ]);
    expect(crlf).toEqual(lf);
  });

  it('case 2: bare CR line endings work too', async () => {
    expect(await collectFrames(['data: x\r\rdata: y\r\r'])).toEqual([{ data: 'x' }, { data: 'y' }]);
  });

  it('case 2: CRLF stream split at every byte', async () => {
    const text = 'event: e\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n';
    expect(await collectFrames(split(enc.encode(text), [1]))).toEqual([{ event: 'e', data: '1' }, { data: '2' }]);
  });

  it('case 3: a multi-byte UTF-8 character split across reads is decoded exactly', async () => {
    const bytes = enc.encode('data: 你好🙂é\n\n');
    for (const sizes of [[1], [2], [3], [5, 1]]) {
      const frames = await collectFrames(split(bytes, sizes));
      expect(frames).toEqual([{ data: '你好🙂é' }]);
      expect(frames[0]!.data).not.toContain('\uFFFD');
    }
  });

  it('case 4: U+2028 and U+2029 inside data are not line breaks', async () => {
    const frames = await collectFrames(split(enc.encode('data: a\u2028b\u2029c\n\n'), [1]));
    expect(frames).toEqual([{ data: 'a\u2028b\u2029c' }]);
  });

  it('case 5: `: PING` comments are ignored but count as activity', async () => {
    let activity = 0;
    const comments: string[] = [];
    const frames = [];
    const body = streamOf([': PING\n\n', 'data: x\n\n', ': PING\n\n']);
    for await (const f of decodeSse(body, { onActivity: () => activity++, onComment: (c) => comments.push(c) })) {
      frames.push(f);
    }
    expect(frames).toEqual([{ data: 'x' }]);
    expect(comments).toEqual(['PING', 'PING']);
    expect(activity).toBe(3);
  });

  it('case 6: an event over several data lines is joined with \\n', async () => {
    expect(await collectFrames(['data: {"a":\ndata: 1}\n\n'])).toEqual([{ data: '{"a":\n1}' }]);
  });

  it('flushes an unterminated last event at EOF', async () => {
    expect(await collectFrames(['data: one\n\ndata: two'])).toEqual([{ data: 'one' }, { data: 'two' }]);
    expect(await collectFrames(['event: e\ndata: three\n'])).toEqual([{ event: 'e', data: 'three' }]);
    expect(await collectFrames(['data: four\r'])).toEqual([{ data: 'four' }]);
  });

  it('a frame with no data line is not dispatched; id/retry lines are harmless', async () => {
    expect(await collectFrames(['event: ping\n\nid: 3\nretry: 10\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('push decoder returns frames as they complete', () => {
    const d = createSseDecoder();
    expect(d.push(enc.encode('data: a'))).toEqual([]);
    expect(d.push(enc.encode('\n\nda'))).toEqual([{ data: 'a' }]);
    expect(d.push(enc.encode('ta: b\n'))).toEqual([]);
    expect(d.end()).toEqual([{ data: 'b' }]);
  });

  it('breaking out of the loop cancels the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(ctrl) {
        ctrl.enqueue(enc.encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const f of decodeSse(body)) {
      expect(f.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
