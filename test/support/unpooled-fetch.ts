import { request as httpRequest } from 'node:http';

/**
 * `fetch` over a TCP connection of its own, closed after the answer: no pool, no keep-alive. Pact starts
 * a mock server per interaction on a fresh port, where a pooled socket from an earlier one must never
 * carry the next request (pact-foundation/pact-js-core#470); and the workers of `--workers` share one
 * port by connection, so each request reaches whichever worker takes its connection.
 */
export function unpooledFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  return request.arrayBuffer().then(
    (bytes) =>
      new Promise((resolve, reject) => {
        const body = ['GET', 'HEAD'].includes(request.method) ? undefined : Buffer.from(bytes);
        const outgoing = httpRequest(
          request.url,
          { method: request.method, headers: Object.fromEntries(request.headers), agent: false },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('error', reject);
            incoming.on('end', () => {
              const headers = new Headers();
              for (const [name, value] of Object.entries(incoming.headers)) {
                for (const one of Array.isArray(value) ? value : [value])
                  if (one !== undefined) headers.append(name, one);
              }
              const status = incoming.statusCode ?? 0;
              const empty = request.method === 'HEAD' || [204, 205, 304].includes(status);
              resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      }),
  );
}
