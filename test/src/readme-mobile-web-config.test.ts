import { afterAll, describe, expect, it } from 'vitest';
import { findWebProfile } from '../../fixtures/web-profiles.js';
import { createMock, type MockConfig } from '../../mock/index.js';
import { MOBILE_WEB_ENDPOINTS, TRUECALLER_PROFILE_URL } from '../../src/operations/mobile-web/endpoints.js';
import { withStringValues } from '../../src/operations/mobile-web/web-profile.js';
import type { WebProfile } from '../../src/operations/mobile-web/wire-types.js';
import { answerHeldFor } from '../support/fake-time.js';
import { readResponse } from '../support/http.js';
import { readmeExample } from '../support/readme.js';

describe("the README's config file of web tokens", () => {
  const mock = createMock({ config: JSON.parse(readmeExample('web-tokens-config')) as MockConfig });
  afterAll(() => mock.close());
  const fetchProfile = async (token: string) =>
    readResponse(
      await mock.fetch(`${TRUECALLER_PROFILE_URL}${MOBILE_WEB_ENDPOINTS.webProfile}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );

  it('serves each of its tokens as the README says', async () => {
    expect((await fetchProfile('asha-web')).json).toEqual(findWebProfile('full-pk'));
    expect((await fetchProfile('sample-typed')).json).toEqual(
      withStringValues(findWebProfile('full-in') as WebProfile),
    );
    expect((await fetchProfile('gone')).status).toBe(401);
    // Its own scenario, not the answer any unknown token gets.
    expect(mock.journal?.entries({ token: 'gone' }).at(-1)?.scenario).toBe('expired');
    const slow = await answerHeldFor(mock, () => fetchProfile('slow'), 400);
    expect(slow.latencyMs).toBe(400);
    expect(slow.answer.status).toBe(200);
  });
});
