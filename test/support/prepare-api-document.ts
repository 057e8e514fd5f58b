import { writePreparedValidators } from '../../mock/config/prepare-validators.js';
import { writePreparedApiDocument } from '../../src/openapi/prepare-api-document.js';

/**
 * Vitest's global setup: every test process then reads the prepared form of `openapi.yaml` and the
 * validators compiled ahead of time, as the built package does.
 */
export default function setup(): void {
  writePreparedApiDocument();
  writePreparedValidators();
}
