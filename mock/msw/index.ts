/**
 * `truecaller-oauth-kit/msw`: MSW 2 handlers serving Truecaller's OAuth host from an in-process mock (a
 * test double, not for production). `msw` is an optional peer dependency, loaded by `truecallerHandlers`
 * when first called (without it, that call names the install command): nothing else loads it.
 */
export { TRUECALLER_HOSTS, truecallerHandlers, type TruecallerHandlersOptions } from './msw-handlers.js';
export { createMock, type Mock } from '../fetch/create-mock.js';
