/**
 * A path template of `ENDPOINTS` with its `{parameter}` filled in, percent-encoded.
 *
 * @example
 * fillPath(ENDPOINTS.phoneNumberDetail, 'otp-valid'); // '/v1/otp/client/installation/phoneNumberDetail/otp-valid'
 */
export function fillPath(template: string, value: string): string {
  return template.replace(/\{[^}]+\}/, encodeURIComponent(value));
}

/**
 * A path template of `ENDPOINTS` as the pattern of the paths it names: each `{parameter}` one non-empty
 * segment, the rest literal.
 *
 * @example
 * pathTemplatePattern(ENDPOINTS.phoneNumberDetail).test('/v1/otp/client/installation/phoneNumberDetail/t'); // true
 */
export function pathTemplatePattern(template: string): RegExp {
  const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(literal)
      .join('[^/]+')}$`,
  );
}
