/**
 * Server-sent events: yields the `data` payload of each event (multi-line data joined by `\n`).
 * Comment lines (`:`), `event:`/`id:`/`retry:` fields and unknown field lines are ignored, as the
 * SSE spec requires; an event the stream ends before closing (no blank line) is discarded;
 * payload validation is the caller's job.
 */
export async function* parseSSE(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lineEvents = function* (line: string): Generator<string> {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      const width = buffer[newline] === '\r' && buffer[newline + 1] === '\n' ? 2 : 1;
      // A lone '\r' at the end of the buffer may be the first half of '\r\n': wait for more.
      if (buffer[newline] === '\r' && newline + 1 === buffer.length) break;
      buffer = buffer.slice(newline + width);
      yield* lineEvents(line);
    }
  }
  buffer += decoder.decode();
  // A lone CR held back above is a line ending after all (it may close the event); text after the
  // last line ending is an unfinished line and, like an event not closed by a blank line, is
  // discarded, as the SSE spec says.
  if (buffer.endsWith('\r')) yield* lineEvents(buffer.slice(0, -1));
}
