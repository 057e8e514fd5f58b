/** The path prefix of the mock's control plane (a test double, not for production). */
export const ADMIN_PREFIX = '/__admin';
