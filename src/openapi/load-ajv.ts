import { createRequire } from 'node:module';
import type * as AjvModuleNamespace from 'ajv/dist/2020.js';

type AjvModule = typeof AjvModuleNamespace;
// ajv-formats' CommonJS export is the plugin function itself; its typings describe the ESM interop shape.
type AddFormats = (ajv: InstanceType<AjvModule['Ajv2020']>) => unknown;

const require = createRequire(import.meta.url);
let loaded: { Ajv2020: AjvModule['Ajv2020']; addFormats: AddFormats } | undefined;

/**
 * Ajv (draft 2020-12) and ajv-formats, loaded on first use. Both are CommonJS and slow to load; a mock
 * started without a config file validates nothing at start-up and should not pay for them.
 */
export function loadAjv(): NonNullable<typeof loaded> {
  loaded ??= {
    Ajv2020: (require('ajv/dist/2020.js') as AjvModule).Ajv2020,
    addFormats: require('ajv-formats') as AddFormats,
  };
  return loaded;
}
