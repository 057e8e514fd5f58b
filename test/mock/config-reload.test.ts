import { once } from 'node:events';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock/index.js';
import { KitError } from '../../src/errors.js';
import { startMock } from '../support/doors.js';
import { request } from '../support/http.js';

const WAIT_MS = 10_000;

/** Resolves with the event's arguments, or rejects once the deadline passes: never a fixed sleep. */
async function nextEvent(emitter: MockServer['events'], name: string): Promise<unknown[]> {
  return once(emitter, name, { signal: AbortSignal.timeout(WAIT_MS) });
}

function writeConfig(file: string, config: unknown): void {
  // As editors save: a new file renamed over the old one.
  writeFileSync(`${file}.new`, typeof config === 'string' ? config : JSON.stringify(config));
  renameSync(`${file}.new`, file);
}

async function startWithConfig(
  config: unknown,
): Promise<{ file: string; base: string; events: MockServer['events'] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'tok-config-')), 'mock.json');
  writeConfig(file, config);
  const mock = await startMock({ config: file });
  return { file, base: mock.url, events: mock.server.events };
}

async function status(base: string, token: string): Promise<number> {
  return (await request(`${base}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('--config hot reload', () => {
  it('applies a valid change without a restart', async () => {
    const { file, base, events } = await startWithConfig({ tokens: { before: {} } });
    expect(await status(base, 'after')).toBe(401);

    const reloaded = nextEvent(events, 'config-reloaded');
    writeConfig(file, { tokens: { after: { scenario: 'no-profile' } } });
    await reloaded;

    expect(await status(base, 'after')).toBe(404);
    expect(await status(base, 'before')).toBe(401);
  });

  it('reports an invalid change and keeps the previous config', async () => {
    const { file, base, events } = await startWithConfig({ tokens: { kept: {} } });

    const rejected = nextEvent(events, 'config-rejected');
    writeConfig(file, { tokens: { kept: { scenario: 'teapot' } } });
    const [error] = await rejected;

    expect(error).toBeInstanceOf(KitError);
    expect((error as KitError).message).toContain('tokens.kept.scenario');
    expect(await status(base, 'kept')).toBe(200);
  });

  it('reports a file that is no longer JSON, and keeps serving', async () => {
    const { file, base, events } = await startWithConfig({ tokens: { kept: {} } });

    const rejected = nextEvent(events, 'config-rejected');
    writeConfig(file, '{"tokens": ');
    const [error] = await rejected;

    expect((error as KitError).code).toBe('ERR_CONFIG_INVALID');
    expect(await status(base, 'kept')).toBe(200);
  });
});
