/**
 * The routes of every operation of the list, and the kit's own (a test double, not for production), in
 * one table. Each operation gets the store as far as it declared it, and caches the engine drops when what
 * it reads changes.
 */
import { MOCK_OPERATIONS } from '../operations/index.js';
import type { MockOperation, OperationContext, OperationSettings } from '../operations/operation.js';
import { createApiDocumentRoutes } from '../routes/api-document-route.js';
import { createAnswerCache } from '../state/answer-cache.js';
import { storeAccess } from '../state/store-access.js';
import type { EngineState } from './engine-state.js';
import { createRouteTable, type RouteTable } from './route-table.js';

/** The route table of an engine. */
export function createOperationRoutes(state: EngineState, settings: OperationSettings): RouteTable {
  const { document, answers } = state;
  return createRouteTable(
    [
      ...MOCK_OPERATIONS.flatMap((operation) =>
        operation.createRoutes(operationContext(operation, state, settings)),
      ),
      ...createApiDocumentRoutes({ document, answers }),
    ],
    answers,
  );
}

/** The context of one operation. */
function operationContext(
  operation: MockOperation,
  { store, source, document, answers, clock, expiries, keys }: EngineState,
  settings: OperationSettings,
): OperationContext {
  return {
    document,
    answers,
    clock,
    expiries,
    keys,
    settings,
    state: storeAccess(store, source.authority, operation.api.name, operation),
    cache: (keyedBy) => createAnswerCache(store, operation.reads, keyedBy),
  };
}
