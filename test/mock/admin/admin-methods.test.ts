import { describe, expect, it } from 'vitest';
import {
  ADMIN_ACTIONS,
  ADMIN_COLLECTIONS,
  ADMIN_METHODS,
  ADMIN_SINGLES,
  resolveAdminPath,
} from '../../../mock/admin/admin-paths.js';
import { loadApiDocument } from '../../../src/openapi/api-document.js';

// What the control plane answers and what openapi.yaml says it answers, path by path and method by
// method, so no answer goes unvalidated because its operation is missing from the document (PATCH
// /__admin/fault was served and not documented). HEAD is GET's answer without its body.
const document = loadApiDocument();
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The documented admin paths, each with its methods in capitals. */
const documented = new Map(
  Object.entries(document.paths ?? {})
    .filter(([path]) => path.startsWith('/__admin'))
    .map(([path, item]) => [
      path,
      Object.keys(item ?? {})
        .filter((key) => HTTP_METHODS.includes(key))
        .map((method) => method.toUpperCase())
        .sort(),
    ]),
);

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
    expect(served.filter((path) => !documented.has(path))).toEqual([]);
    expect([...documented.keys()].filter((path) => !served.includes(path))).toEqual([]);
  });

  it.each([...documented])('documents on %s exactly the methods the mock answers there', (path, methods) => {
    expect(methods.length).toBeGreaterThan(0);
    expect(methods).toEqual(servedMethods(path));
  });
});
