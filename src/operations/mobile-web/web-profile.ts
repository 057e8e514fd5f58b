/**
 * A person's web profile (what `GET /v1/default` answers) made from the same person's userinfo claims and
 * what the web profile holds beyond them. The fixtures make every persona's this way, and the mock makes
 * one for a persona the fixtures do not know (a config file's, say) from its claims alone.
 */
import type { UserInfo } from '../../user-info.js';
import type {
  WebProfile,
  WebProfileAddress,
  WebProfileGender,
  WebProfileOnlineIdentities,
} from './wire-types.js';

/** What a web profile holds beyond the userinfo claims; an optional field left out is absent from it. */
export interface WebProfileDetails {
  id: string;
  userId: number;
  /** Epoch milliseconds. */
  createdTime?: number;
  /** When the user last changed each field, epoch milliseconds, by the field's name: `{ name: 1508089888000 }`. */
  updates?: Readonly<Record<string, number>>;
  street?: string;
  aboutMe?: string;
  jobTitle?: string;
  companyName?: string;
  badges?: readonly string[];
  url?: string;
  facebookId?: string;
}

/** `privacy` of every profile the kit makes (assumed: the documentation names no value). */
export const WEB_PROFILE_PRIVACY = 'Public';

/** `type` of every profile the kit makes (the documented sample's). */
export const WEB_PROFILE_TYPE = 'Personal';

/**
 * The web profile of the person whose claims are `claims`, typed as the documentation's table types it.
 * Attributes the table requires but the person never set are empty (assumed: `""`, `[]`); optional ones
 * (`name.last`, `badges`, `onlineIdentities` and each of its fields) are absent (documented).
 *
 * @example
 * webProfileOf({ sub: '1', given_name: 'Asha', phone_number: '919876543210' }, { id: '655574719', userId: 1319413476 });
 * // { id: '655574719', userId: 1319413476, phoneNumbers: [919876543210], name: { first: 'Asha' }, ... }
 */
export function webProfileOf(claims: UserInfo, details: WebProfileDetails): WebProfile {
  const profile: WebProfile = {
    id: details.id,
    userId: details.userId,
    phoneNumbers: claims.phone_number === undefined ? [] : [Number(claims.phone_number)],
    avatarUrl: claims.picture ?? '',
    isActive: true,
    gender: genderOf(claims.gender),
    privacy: WEB_PROFILE_PRIVACY,
    type: WEB_PROFILE_TYPE,
    history: Object.fromEntries(
      Object.entries(details.updates ?? {}).map(([field, updateTime]) => [field, { updateTime }]),
    ),
    addresses: addressesOf(claims, details.street),
    aboutMe: details.aboutMe ?? '',
    jobTitle: details.jobTitle ?? '',
    companyName: details.companyName ?? '',
  };
  if (claims.given_name !== undefined) {
    profile.name = { first: claims.given_name };
    if (claims.family_name !== undefined && claims.family_name !== '') profile.name.last = claims.family_name;
  }
  if (details.badges !== undefined) profile.badges = [...details.badges];
  if (details.createdTime !== undefined) profile.createdTime = details.createdTime;
  const identities = onlineIdentitiesOf(claims, details);
  if (identities !== undefined) profile.onlineIdentities = identities;
  return inDocumentedOrder(profile);
}

/**
 * What a web profile holds beyond the claims, for a person the fixtures do not know: made from `sub`
 * (assumed), nothing the user could set.
 */
export function detailsFromClaims(claims: UserInfo): WebProfileDetails {
  const digits = (claims.sub ?? '').replace(/[^0-9]/g, '');
  return {
    id: digits === '' ? '0' : digits,
    userId: Number(digits.slice(-10) || '0'),
  };
}

/**
 * The same profile written as the documentation's sample writes it: `userId`, the phone numbers and the
 * times as strings of digits, `isActive` as `"True"` or `"False"`.
 */
export function withStringValues(profile: WebProfile): WebProfile {
  const written: WebProfile = {
    ...profile,
    userId: String(profile.userId),
    phoneNumbers: profile.phoneNumbers.map(String),
    isActive: profile.isActive === true || profile.isActive === 'True' ? 'True' : 'False',
    history: Object.fromEntries(
      Object.entries(profile.history).map(([field, entry]) => [
        field,
        entry.updateTime === undefined ? {} : { updateTime: String(entry.updateTime) },
      ]),
    ),
  };
  if (profile.createdTime !== undefined) written.createdTime = String(profile.createdTime);
  return written;
}

function genderOf(gender: string | undefined): WebProfileGender {
  const lower = gender?.toLowerCase();
  return lower === 'male' ? 'Male' : lower === 'female' ? 'Female' : 'NotSet';
}

function addressesOf(claims: UserInfo, street: string | undefined): WebProfileAddress[] {
  // An address names its country; without one (a config persona's claims, say) there is none to list.
  const country = claims.phone_number_country_code;
  if (claims.address === undefined || country === undefined) return [];
  return [
    {
      countryCode: country.toLowerCase(),
      city: claims.address.locality ?? '',
      street: street ?? '',
      zipcode: claims.address.postal_code ?? '',
    },
  ];
}

function onlineIdentitiesOf(
  claims: UserInfo,
  details: WebProfileDetails,
): WebProfileOnlineIdentities | undefined {
  const identities: WebProfileOnlineIdentities = {};
  if (details.url !== undefined) identities.url = details.url;
  if (claims.email !== undefined) identities.email = claims.email;
  if (details.facebookId !== undefined) identities.facebookId = details.facebookId;
  return Object.keys(identities).length === 0 ? undefined : identities;
}

// The order of the documentation's table, so answers and data files read like it.
const ORDER: readonly (keyof WebProfile)[] = [
  'id',
  'userId',
  'phoneNumbers',
  'name',
  'badges',
  'avatarUrl',
  'isActive',
  'gender',
  'privacy',
  'type',
  'history',
  'createdTime',
  'addresses',
  'onlineIdentities',
  'aboutMe',
  'jobTitle',
  'companyName',
];

function inDocumentedOrder(profile: WebProfile): WebProfile {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (profile[key] !== undefined) ordered[key] = profile[key];
  return ordered as unknown as WebProfile;
}
