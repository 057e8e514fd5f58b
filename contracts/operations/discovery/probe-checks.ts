/** What `probe` checks of OpenID discovery: the captured fields, and the document the ID token check reads. */
import { ENDPOINTS } from '../../../src/endpoints.js';
import { getResponseValidator } from '../../../src/openapi/response-validator.js';
import { check, type ProbeCheck, type ProbeContext, send } from '../../probe/probe-checks.js';

/** Discovery, credential-free; keeps the document in `context` for the ID token's key set. */
export async function probeDiscovery(context: ProbeContext): Promise<ProbeCheck[]> {
  const discovery = await check(
    context,
    `GET ${ENDPOINTS.discovery}`,
    send(context, 'GET', ENDPOINTS.discovery),
    (answer, observe) => {
      if (answer.status !== 200) {
        observe('discovery', 'differs', `status ${answer.status}, not 200`);
        return;
      }
      const problems = getResponseValidator().validateSchema('OpenIdConfiguration', answer.json);
      if (problems.length > 0) observe('discovery', 'differs', problems.join('; '));
      else observe('discovery', 'held', 'every captured field, of the captured type');
      if (typeof answer.json === 'object' && answer.json !== null) {
        context.discovery = answer.json as Record<string, unknown>;
      }
    },
  );
  return [discovery];
}
