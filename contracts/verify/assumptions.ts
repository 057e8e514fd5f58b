/**
 * What a pact's interaction relies on that Truecaller does not document: everything `openapi.yaml` marks
 * `x-documented: false` (an undocumented operation or status, an assumed header, an assumed body shape
 * or field, the scope-to-claim mapping) that the interaction uses. Read from the document's flags alone,
 * never from a list kept here, so labelling a choice in `openapi.yaml` is all it takes.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { FORM_TYPE } from '../../mock/http/form-body.js';
import { pathTemplatePattern } from '../../src/paths.js';
import { loadApiDocument, resolveReference } from '../../src/openapi/api-document.js';
import { SCOPES, type Scope } from '../../src/scopes.js';
import { formFields, type PactInteraction } from '../pact/pact-file.js';
import { findProviderState } from '../pact/provider-states.js';

/** One assumption an interaction relies on. */
export interface Assumption {
  /** What the interaction uses: `response header WWW-Authenticate`, `response body $.error`, ... */
  readonly field: string;
  /** The assumption, as `openapi.yaml` words it (the first sentence of the flagged node's description). */
  readonly assumption: string;
}

/** The extension of a schema whose claims are granted by scope (`x-scope` on each), with its own flag. */
const SCOPE_MAPPING = 'x-scope-mapping';

/** A node of `openapi.yaml` that may carry the flag. */
export interface FlaggedNode {
  description?: string;
  'x-documented'?: boolean;
  [SCOPE_MAPPING]?: FlaggedNode;
}
type Node = FlaggedNode;

/**
 * The assumptions `interaction` relies on, in the order request, status, headers, body.
 *
 * @example
 * for (const { field, assumption } of assumptionsOf(interaction)) console.warn(`${field}: ${assumption}`);
 */
export function assumptionsOf(
  interaction: PactInteraction,
  document: OpenAPIV3_1.Document = loadApiDocument(),
): Assumption[] {
  const found = findOperation(document, interaction.path, interaction.method);
  if (found === undefined) return [];
  const { operation } = found;
  const assumptions: Assumption[] = [];
  const add = (field: string, node: Node | undefined): void => {
    if (node?.['x-documented'] === false) assumptions.push({ field, assumption: firstSentence(node) });
  };

  add(`request ${interaction.method} ${found.path}`, operation);
  const requestSchema = formSchema(document, operation);
  for (const field of new Set(formFields(interaction.requestBody).keys())) {
    add(`request body ${field}`, propertySchema(document, requestSchema, field));
  }

  const declared = operation.responses?.[String(interaction.status)];
  if (declared === undefined) return assumptions;
  const response = resolveReference<OpenAPIV3_1.ResponseObject>(document, declared);
  add(`response status ${interaction.status}`, response);
  for (const [name, headerOrRef] of Object.entries(response.headers ?? {})) {
    if (interaction.responseHeaders[name.toLowerCase()] === undefined) continue;
    add(`response header ${name}`, resolveReference<OpenAPIV3_1.HeaderObject>(document, headerOrRef));
  }

  const schemaOrRef = response.content?.['application/json']?.schema;
  const body = interaction.responseBody;
  if (schemaOrRef === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
    return assumptions;
  }
  const schema = resolveReference<OpenAPIV3_1.SchemaObject>(document, schemaOrRef);
  for (const field of Object.keys(body)) {
    // The body's own flag (the error body shape) or the field's (an assumed optional field).
    const property = propertySchema(document, schema, field, (body as Record<string, unknown>)[field]);
    add(`response body $.${field}`, (schema as Node)['x-documented'] === false ? schema : property);
  }
  // Claims expected for fewer than every scope rest on which scope grants which claim.
  const scopes = grantedScopesOf(interaction);
  if (scopes !== undefined && scopes.length < SCOPES.length) {
    add(`response body (claims of the scopes ${scopes.join(' ')})`, (schema as Node)[SCOPE_MAPPING]);
  }
  return assumptions;
}

// The scopes whose claims the interaction's state answers (a profile state's), when it has one.
function grantedScopesOf(interaction: PactInteraction): readonly Scope[] | undefined {
  for (const state of interaction.providerStates) {
    const scopes = findProviderState(state.name)?.grantedScopes?.(state.params);
    if (scopes !== undefined) return scopes;
  }
  return undefined;
}

/** An assumption as a report prints it: the field, then what it rests on. */
export function formatAssumption({ field, assumption }: Assumption): string {
  return `${field} relies on an assumption (x-documented: false): ${assumption}`;
}

/** The operation serving `path` (a template such as `/.well-known/{clientId}/jwks.json` matches too). */
function findOperation(
  document: OpenAPIV3_1.Document,
  path: string,
  method: string,
): { path: string; operation: OpenAPIV3_1.OperationObject } | undefined {
  const key = method.toLowerCase() as OpenAPIV3_1.HttpMethods;
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    const operation = item?.[key];
    if (operation !== undefined && templateMatches(template, path)) return { path: template, operation };
  }
  return undefined;
}

// Compiled once per template: verify asks for every interaction of every pact.
const templatePatterns = new Map<string, RegExp>();

function templateMatches(template: string, path: string): boolean {
  if (template === path) return true;
  if (!template.includes('{')) return false;
  let pattern = templatePatterns.get(template);
  if (pattern === undefined) {
    pattern = pathTemplatePattern(template);
    templatePatterns.set(template, pattern);
  }
  return pattern.test(path);
}

function formSchema(
  document: OpenAPIV3_1.Document,
  operation: OpenAPIV3_1.OperationObject,
): OpenAPIV3_1.SchemaObject | undefined {
  if (operation.requestBody === undefined) return undefined;
  const body = resolveReference<OpenAPIV3_1.RequestBodyObject>(document, operation.requestBody);
  const schema = body.content[FORM_TYPE]?.schema;
  return schema === undefined ? undefined : resolveReference<OpenAPIV3_1.SchemaObject>(document, schema);
}

function propertySchema(
  document: OpenAPIV3_1.Document,
  schema: OpenAPIV3_1.SchemaObject | undefined,
  field: string,
  value?: unknown,
): Node | undefined {
  const property = schema?.properties?.[field];
  if (property === undefined) return undefined;
  const resolved = resolveReference<OpenAPIV3_1.SchemaObject>(document, property);
  // A field of several forms (the phone number, a JSON number or an assumed string) rests on the flag of
  // the form the value has.
  const branch = resolved.oneOf
    ?.map((each) => resolveReference<OpenAPIV3_1.SchemaObject>(document, each))
    .find((each) => each.type === jsonTypeOf(value) || (each.type === 'integer' && Number.isInteger(value)));
  return branch ?? resolved;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

/** The first sentence of a node's description: "Assumed (RFC 6750 §3), not documented by Truecaller." */
export function firstSentence(node: FlaggedNode, fallback = 'Assumed by the kit.'): string {
  const text = (node.description ?? fallback).replace(/\s+/g, ' ').trim();
  const end = text.search(/\.\s+[A-Z`(]/);
  return end === -1 ? text : text.slice(0, end + 1);
}
