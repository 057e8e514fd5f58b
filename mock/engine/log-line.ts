/**
 * The request log's line (a test double, not for production): `GET /v1/userinfo valid 200 0.3ms`. On
 * by default in `npm run mock`, so it is made for the hot path: requests in a row mostly share method,
 * path, scenario and status, and that part of the line is made once for a run of them; answers made at
 * once all take 0.0ms, so a run of them shares one whole line. A line is printable ASCII: what the
 * client sent is quoted with `printable`.
 */
import type { MockRequest } from '../http/mock-request.js';
import { printable } from '../http/printable.js';
import { pathOf } from '../http/request-path.js';

/** Makes the log line of an answered request, `elapsedMs` after it arrived. */
type LogLineFormatter = (request: MockRequest, status: number, scenario: string, elapsedMs: number) => string;

/** A formatter remembering the last line's start. */
export function createLogLineFormatter(): LogLineFormatter {
  let method = '';
  let url = '';
  let lastScenario = '';
  let lastStatus = -1;
  let start = '';
  let lastTenths = -1;
  let line = '';
  return (request, status, scenario, elapsedMs) => {
    if (
      request.url !== url ||
      request.method !== method ||
      scenario !== lastScenario ||
      status !== lastStatus
    ) {
      ({ method, url } = request);
      lastScenario = scenario;
      lastStatus = status;
      start = `${printable(method, 20)} ${printable(pathOf(url))} ${scenario} ${status} `;
      lastTenths = -1;
    }
    // Tenths of a millisecond without toFixed, which costs a third of the line.
    const tenths = Math.round(elapsedMs * 10);
    if (tenths !== lastTenths) {
      lastTenths = tenths;
      line = `${start}${Math.floor(tenths / 10)}.${tenths % 10}ms`;
    }
    return line;
  };
}
