/** The path of a request target, without its query string: what routes, logs and the journal go by. */
export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}
