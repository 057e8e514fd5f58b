/**
 * `signProfile`: a signed profile of a persona, as the SDK would hand it to the app, made by the mock (a
 * test double, not for production) with its served key, or broken the way a scenario of the table says.
 */
import { randomUUID } from 'node:crypto';
import { KitError } from '../../../src/errors.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import {
  PROFILE_SCENARIO_NAMES,
  type ProfileScenarioName,
  STALE_PROFILE_AGE_SECONDS,
} from '../../../src/operations/signed-profile/scenarios.js';
import {
  encodePayload,
  payloadOfPersona,
  REQUEST_NONCE_PATTERN,
  signProfilePayload,
} from '../../../src/operations/signed-profile/signing.js';
import {
  KIT_ROTATION_KEY_ID,
  KIT_ROTATION_PRIVATE_KEY,
  KIT_UNSERVED_PRIVATE_KEY,
} from '../../../src/operations/signed-profile/test-keys.js';
import type {
  ProfileKeyRecord,
  SignedProfile,
  SignedProfilePayload,
} from '../../../src/operations/signed-profile/wire-types.js';
import type { ControlContext } from '../operation.js';
import { keyObjectOf } from './key-material.js';

/** A payload field to set (`null`: leave it out, as one real sample leaves out `requestTime`). */
export type PayloadOverrides = { [Field in keyof SignedProfilePayload]?: SignedProfilePayload[Field] | null };

/**
 * What to sign: a persona's profile with the app's nonce, any payload field set over it, and the
 * scenario to simulate. Every field is optional.
 */
export type SignProfileInput = PayloadOverrides & {
  /** The persona whose profile it is. Default `full-in`. */
  persona?: string;
  /** `signed` (default: what a backend accepts), or a profile a backend must reject (or survive). */
  scenario?: ProfileScenarioName;
};

const NONCE = new RegExp(REQUEST_NONCE_PATTERN);

/** The fields of a payload and the JSON type each holds. */
const PAYLOAD_FIELDS: Readonly<Record<keyof SignedProfilePayload, 'string' | 'number' | 'boolean'>> = {
  requestNonce: 'string',
  requestTime: 'number',
  phoneNumber: 'string',
  firstName: 'string',
  lastName: 'string',
  gender: 'string',
  countryCode: 'string',
  email: 'string',
  isTrueName: 'boolean',
  isAmbassador: 'boolean',
  avatarUrl: 'string',
  street: 'string',
  city: 'string',
  zipcode: 'string',
  companyName: 'string',
  jobTitle: 'string',
  verifier: 'string',
};

/**
 * The signed profile `input` asks for, from the state `context` reads; a `key-rotation` starts serving a
 * second key first. Bad input throws a `KitError` (`ERR_OPTIONS_INVALID`) naming every problem.
 */
export function signProfileWith(
  context: ControlContext,
  input: Readonly<Record<string, unknown>>,
): SignedProfile {
  const { persona: personaId = DEFAULT_PERSONA, scenario = 'signed', ...overrides } = input;
  const persona = typeof personaId === 'string' ? context.state.get('personas', personaId) : undefined;
  const problems = inputProblems(personaId, persona !== undefined, scenario, overrides);
  if (problems.length > 0 || persona === undefined)
    throw new KitError('ERR_OPTIONS_INVALID', `signProfile: ${problems.join('; ')}.`);
  const now = Math.floor(context.clock.now() / 1000);
  const requestNonce = typeof overrides.requestNonce === 'string' ? overrides.requestNonce : randomUUID();
  const payload = payloadOfPersona(persona, { requestNonce, requestTime: now });
  for (const [field, value] of Object.entries(overrides)) {
    if (value === null) delete payload[field as keyof SignedProfilePayload];
    else Object.assign(payload, { [field]: value });
  }
  return signScenario(context, payload, scenario as ProfileScenarioName);
}

/** `payload` signed, and then broken, as `scenario` says. */
function signScenario(
  context: ControlContext,
  payload: SignedProfilePayload,
  scenario: ProfileScenarioName,
): SignedProfile {
  switch (scenario) {
    case 'stale-request-time':
      payload.requestTime =
        (payload.requestTime ?? Math.floor(context.clock.now() / 1000)) - STALE_PROFILE_AGE_SECONDS;
      break;
    case 'other-nonce':
      payload.requestNonce = randomUUID();
      break;
    default:
      break;
  }
  const key =
    scenario === 'unserved-key'
      ? KIT_UNSERVED_PRIVATE_KEY
      : scenario === 'key-rotation'
        ? rotationKey(context).privateKey
        : signingKey(context).privateKey;
  const profile = signProfilePayload(payload, keyObjectOf(key));
  if (scenario === 'tampered-payload') profile.payload = encodePayload(tampered(payload));
  if (scenario === 'empty-algorithm') profile.signatureAlgorithm = '';
  return profile;
}

/** The served keys, in the order `/v1/key` lists them. */
export function servedKeyRecords(context: ControlContext): ProfileKeyRecord[] {
  const served: ProfileKeyRecord[] = [];
  for (const key of context.state.values('profileKeys')) if (key.served) served.push(key);
  return served;
}

/** The key valid profiles are signed with: the first served. */
function signingKey(context: ControlContext): ProfileKeyRecord {
  const [first] = servedKeyRecords(context);
  if (first === undefined)
    throw new KitError(
      'ERR_OPTIONS_INVALID',
      'signProfile: no key is served, so no profile can verify; serve one (a config’s profileKeys, or PATCH /__admin/profileKeys/<id> {"served": true}).',
    );
  return first;
}

/** The key of a rotation: the last served once two are; else the kit's rotation key, served from now on. */
function rotationKey(context: ControlContext): ProfileKeyRecord {
  const served = servedKeyRecords(context);
  const last = served.at(-1);
  if (served.length >= 2 && last !== undefined) return last;
  signingKey(context);
  return serveRotationKey(context, true, 'signProfile');
}

/**
 * Serves the kit's rotation key after the keys served so far (as a rotation publishes the new key before
 * signing with it), or stops serving it; a config's key of that id keeps its private key.
 */
export function serveRotationKey(context: ControlContext, served: boolean, caller: string): ProfileKeyRecord {
  const existing = context.state.get('profileKeys', KIT_ROTATION_KEY_ID);
  const rotated: ProfileKeyRecord = {
    id: KIT_ROTATION_KEY_ID,
    privateKey: existing?.privateKey ?? KIT_ROTATION_PRIVATE_KEY,
    served,
  };
  if (existing?.served === served || (existing === undefined && !served)) return rotated;
  const stored = context.put('profileKeys', { ...rotated });
  if (!stored.ok) throw new KitError('ERR_OPTIONS_INVALID', `${caller}: ${stored.problem}`);
  return rotated;
}

/** The payload as an attacker changes it after signing: another phone number. */
function tampered(payload: SignedProfilePayload): SignedProfilePayload {
  const phone = payload.phoneNumber ?? '+919999999990';
  const last = Number(phone.at(-1) ?? '0');
  return { ...payload, phoneNumber: `${phone.slice(0, -1)}${(last + 1) % 10}` };
}

function inputProblems(
  persona: unknown,
  known: boolean,
  scenario: unknown,
  overrides: Readonly<Record<string, unknown>>,
): string[] {
  const problems: string[] = [];
  if (typeof persona !== 'string') problems.push('persona: must be a persona id');
  else if (!known) problems.push(`persona: no persona "${persona}"`);
  if (!PROFILE_SCENARIO_NAMES.includes(scenario as ProfileScenarioName))
    problems.push(`scenario: must be one of ${PROFILE_SCENARIO_NAMES.join(', ')}`);
  for (const [field, value] of Object.entries(overrides)) {
    const type = PAYLOAD_FIELDS[field as keyof SignedProfilePayload] as string | undefined;
    if (type === undefined)
      problems.push(`${field}: not a field of the payload (${Object.keys(PAYLOAD_FIELDS).join(', ')})`);
    else if (value !== null && typeof value !== type) problems.push(`${field}: must be a ${type} or null`);
  }
  const { requestNonce, requestTime } = overrides;
  if (typeof requestNonce === 'string' && !NONCE.test(requestNonce))
    problems.push(
      'requestNonce: must be 8 to 64 URL-safe base64 characters (letters, digits, - and _), as the SDK requires',
    );
  if (typeof requestTime === 'number' && !(Number.isSafeInteger(requestTime) && requestTime >= 0))
    problems.push('requestTime: must be epoch seconds, an integer >= 0');
  return problems;
}
