import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadApiDocument, OPENAPI_FILE } from '../../src/openapi/api-document.js';
import { openApiProblems, request } from '../support/http.js';
import { startMock } from '../support/doors.js';

const mock = await startMock();

describe('the document the mock answers from', () => {
  it('is served as YAML at /openapi.yaml, byte for byte the file', async () => {
    const response = await request(`${mock.url}/openapi.yaml`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(response.text).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(openApiProblems('/openapi.yaml', 'get', { ...response, json: response.text })).toEqual([]);
  });

  it('is served as JSON at /openapi.json, the same document', async () => {
    const response = await request(`${mock.url}/openapi.json`);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json).toEqual(loadApiDocument());
    expect(openApiProblems('/openapi.json', 'get', response)).toEqual([]);
  });

  it('answers HEAD with the headers only, and another method with a 405 naming those it takes', async () => {
    const head = await request(`${mock.url}/openapi.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const post = await request(`${mock.url}/openapi.yaml`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('is not the control plane: it answers without the admin token and with the admin API off', async () => {
    for (const options of [{ adminToken: 'secret' }, { admin: false }]) {
      const { url: base } = await startMock(options);
      expect((await request(`${base}/openapi.json`)).status).toBe(200);
    }
  });
});
