import { loadApiDocument } from '../../src/openapi/api-document.js';
import type { PactFile } from '../pact/pact-file.js';
import { type ComparatorModule, loadContractPeers } from '../pact/peer-dependencies.js';

let comparator: InstanceType<ComparatorModule['Comparator']> | undefined;

/**
 * Compares a pact with `openapi.yaml` using `@pactflow/openapi-pact-comparator` (an optional peer,
 * loaded on first use); resolves with the errors by interaction description, each naming where in the
 * pact and what the document says.
 */
export async function compareWithOpenApi(pact: PactFile): Promise<Map<string, string[]>> {
  if (!comparator) {
    const [{ Comparator }] = loadContractPeers(
      ['@pactflow/openapi-pact-comparator'],
      'The comparison with openapi.yaml',
    ) as [ComparatorModule];
    // The comparator annotates the document it is given; the loaded one is frozen and shared.
    comparator = new Comparator(structuredClone(loadApiDocument()));
  }
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
