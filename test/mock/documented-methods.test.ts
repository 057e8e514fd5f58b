import { describe, expect, it } from 'vitest';
import {
  ADMIN_ACTIONS,
  ADMIN_COLLECTIONS,
  ADMIN_METHODS,
  ADMIN_SINGLES,
  resolveAdminPath,
} from '../../mock/admin/admin-paths.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { startMock } from '../support/doors.js';

// What the mock answers and what openapi.yaml says it answers, path by path and method by method, so no
// answer goes unvalidated because its operation is missing from the document (PATCH /__admin/fault was
// served and not documented). HEAD is GET's answer without its body; OPTIONS, the CORS preflight, is
// answered on every path and checked by the suites of each route.
const document = loadApiDocument();
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The documented paths (the admin API's or the mocked API's), each with its methods in capitals. */
const documentedPaths = (admin: boolean): Map<string, string[]> =>
  new Map(
    Object.entries(document.paths ?? {})
      .filter(([path]) => path.startsWith('/__admin') === admin)
      .map(([path, item]) => [
        path,
        Object.keys(item ?? {})
          .filter((key) => HTTP_METHODS.includes(key))
          .map((method) => method.toUpperCase())
          .sort(),
      ]),
  );
const adminPaths = documentedPaths(true);

/** The methods the mock answers on a documented path (a sample id or file in place of a parameter). */
function servedMethods(template: string): string[] {
  const resolved = resolveAdminPath(template.replace('{id}', 'sample-id').replace('{file}', 'dashboard.js'));
  if (!resolved.ok) return [];
  return ADMIN_METHODS[resolved.target.kind].filter((method) => method !== 'HEAD').sort();
}

describe('the admin API and openapi.yaml', () => {
  it('document every path the mock serves', () => {
    const served = [
      ...ADMIN_COLLECTIONS.flatMap((name) => [`/__admin/${name}`, `/__admin/${name}/{id}`]),
      ...[...ADMIN_SINGLES, ...ADMIN_ACTIONS].map((name) => `/__admin/${name}`),
      '/__admin/ui',
      '/__admin/ui/{file}',
      '/__admin/docs',
    ];
    expect(served.filter((path) => !adminPaths.has(path))).toEqual([]);
    expect([...adminPaths.keys()].filter((path) => !served.includes(path))).toEqual([]);
  });

  it.each([...adminPaths])('documents on %s exactly the methods the mock answers there', (path, methods) => {
    expect(methods.length).toBeGreaterThan(0);
    expect(methods).toEqual(servedMethods(path));
  });
});

describe('the mocked API and openapi.yaml', () => {
  const api = documentedPaths(false);

  it('document every path the mock serves, as its 404 lists them', async () => {
    const mock = await startMock();
    const notFound = await mock.request('/no-such-path');
    const listed = /This mock serves (.*)\.$/.exec(
      (notFound.json as { error_description: string }).error_description,
    )?.[1];
    expect(listed?.split(', ').sort()).toEqual([...api.keys()].sort());
  });

  it.each([...api])('documents on %s exactly the methods its Allow header names', async (path, methods) => {
    const mock = await startMock();
    const response = await mock.request(path.replace(/\{[^}]+\}/, 'sample-segment'), { method: 'OPTIONS' });
    const allowed = (response.headers.allow ?? '').split(', ').filter((method) => method !== 'OPTIONS');
    expect(response.status).toBe(204);
    expect(allowed.filter((method) => method !== 'HEAD').sort()).toEqual(methods);
  });
});
