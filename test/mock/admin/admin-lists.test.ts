import { describe, expect, it } from 'vitest';
import { request } from '../../support/http.js';
import { startMock } from '../../support/doors.js';

const mock = await startMock();

describe('lists read at the same time', () => {
  it('each answer its own collection', async () => {
    const [tokens, personas, codes, clients] = await Promise.all(
      ['tokens', 'personas', 'codes', 'clients'].map((name) => request(`${mock.url}/__admin/${name}`)),
    );
    expect((tokens?.json as { id: string }[]).map((record) => record.id)).toContain('valid');
    expect((personas?.json as { id: string }[]).map((record) => record.id)).toContain('full-in');
    expect((codes?.json as { id: string }[]).map((record) => record.id)).toContain('valid-code');
    expect((clients?.json as { id: string }[]).map((record) => record.id)).toContain('kit-test-client');
  });
});
