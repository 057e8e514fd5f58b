import * as comparatorModule from '@pactflow/openapi-pact-comparator';
import { loadApiDocument } from '../src/openapi/api-document.js';
import type { PactFile } from './pact-file.js';

/** The part of a comparator result read here (its `Result` type). */
interface ComparatorResult {
  type: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  mockDetails?: { interactionDescription?: string | null; location: string };
}

interface Comparator {
  compare(pact: unknown): AsyncGenerator<ComparatorResult>;
}

// The package's type declarations re-export without file extensions, which NodeNext resolution cannot
// follow, so TypeScript sees no exports; the runtime module has the class.
const { Comparator } = comparatorModule as unknown as {
  Comparator: new (options: { oas: unknown }) => Comparator;
};

let comparator: Comparator | undefined;

/**
 * Compares a pact with `openapi.yaml` using `@pactflow/openapi-pact-comparator`; resolves with the errors
 * by interaction description, each naming where in the pact and what the document says.
 */
export async function compareWithOpenApi(pact: PactFile): Promise<Map<string, string[]>> {
  // The comparator annotates the document it is given; the loaded one is frozen and shared.
  comparator ??= new Comparator({ oas: structuredClone(loadApiDocument()) });
  const problems = new Map<string, string[]>();
  for await (const result of comparator.compare(pact.json)) {
    if (result.type !== 'error') continue;
    const description = result.mockDetails?.interactionDescription ?? '';
    const location = result.mockDetails?.location.replace(/^\[root\]\.interactions\[\d+\]\./, '') ?? '';
    const list = problems.get(description) ?? [];
    list.push(`${location ? `${location}: ` : ''}${result.message}`);
    problems.set(description, list);
  }
  return problems;
}
