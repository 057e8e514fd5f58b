/**
 * The writes of the control plane (a test double, not for production): a JSON object body to a record, a
 * collection, the fault or the clock; deletes; reset. A successful change is saved before it is answered
 * (a failed save is a 500, never a silent success).
 */
import { KIT_ENDPOINTS } from '../../src/endpoints.js';
import { KitError } from '../../src/errors.js';
import type { RecordInput } from '../config/record-checks.js';
import type { AdminActionAnswer } from '../operations/operation.js';
import { readJsonBody } from '../http/json-body.js';
import type { MockRequest } from '../http/mock-request.js';
import { printable } from '../http/printable.js';
import { pathOf } from '../http/request-path.js';
import type { PreparedResponse } from '../http/responses.js';
import type { MockClock } from '../state/clock.js';
import type { JournalReader } from '../state/journal-reader.js';
import type { AdminAnswers } from './admin-answers.js';
import type { AdminTarget } from './admin-paths.js';
import { advanceClock, clockState } from './clock-control.js';
import type { RecordWriter, WriteResult } from './record-writes.js';

/** The operations' actions (`POST /__admin/<name>`), by name, each run with its input. */
export type AdminActions = ReadonlyMap<
  string,
  (input: RecordInput) => AdminActionAnswer | Promise<AdminActionAnswer>
>;

/** What the writes work on. */
export interface AdminWriteContext {
  readonly answers: AdminAnswers;
  readonly writer: RecordWriter;
  /** This process's journal, or every replica's with a shared store. */
  readonly journal: JournalReader;
  readonly clock: MockClock;
  /** The largest JSON body a write may carry. */
  readonly bodyLimit: number;
  /** Restores the store as it was at start (or at the last config reload). */
  reset(): void | Promise<void>;
  /**
   * Runs after every change, before it is answered: the `--db` log is flushed to disk, or the change is
   * written to the shared store. Throws (or rejects) when it fails.
   */
  afterChange(): void | Promise<void>;
  /** The operations' actions (`POST /__admin/<name>`), by name. */
  readonly actions: AdminActions;
}

/** The writes of one control plane: POST, PUT and PATCH with a body; DELETE; reset. */
export interface AdminWrites {
  write(request: MockRequest, target: AdminTarget): Promise<PreparedResponse>;
  remove(target: AdminTarget): Promise<PreparedResponse>;
  reset(): Promise<PreparedResponse>;
}

/** The writes of the control plane with `context`. */
export function createAdminWrites(context: AdminWriteContext): AdminWrites {
  const { answers, writer, journal, clock } = context;
  const { json, error } = answers;
  const { written, saved } = createSaving(context);

  function writeRecord(method: string, target: AdminTarget, input: RecordInput): Promise<PreparedResponse> {
    if (target.kind === 'fault') return written(writer.setFault(input, method === 'PATCH'), 200);
    if (target.kind === 'collection') {
      const result = writer.create(target.collection, input);
      const id = result.ok ? String((result.record as { id: unknown }).id) : '';
      const location = `${KIT_ENDPOINTS.admin}/${target.collection}/${encodeURIComponent(id)}`;
      return written(result, 201, result.ok ? ['Location', location] : []);
    }
    if (target.kind !== 'record')
      return Promise.resolve(error(405, 'method_not_allowed', 'Not a write target.'));
    const result =
      method === 'PUT'
        ? writer.replace(target.collection, target.id, input)
        : writer.patch(target.collection, target.id, input);
    return written(result, 200);
  }

  return {
    async write(request, target) {
      if (target.kind === 'action') return runAction(context, request, target.name, written);
      const read = await readObjectBody(context, request);
      if (!read.ok) return read.refused;
      const value = read.value;
      if (target.kind === 'clock') {
        const moved = advanceClock(clock, value);
        if (!moved.ok) return error(400, 'invalid_request', moved.problem);
        return (await saved()) ?? json(200, clockState(clock));
      }
      return writeRecord(request.method, target, value);
    },
    async remove(target) {
      if (target.kind === 'requests') {
        await journal.clear();
        return answers.noContent;
      }
      return target.kind === 'record'
        ? written(writer.remove(target.collection, target.id), 200)
        : error(405, 'method_not_allowed', 'Not deletable.');
    },
    async reset() {
      try {
        await journal.clear();
        await context.reset();
      } catch (cause) {
        return error(
          500,
          'server_error',
          `The store was reset in memory but not saved: ${(cause as Error).message}`,
        );
      }
      return answers.noContent;
    },
  };
}

/** A write's JSON object body, or the answer that refuses it (too large, not JSON, not an object). */
async function readObjectBody(
  { answers, bodyLimit }: AdminWriteContext,
  request: MockRequest,
): Promise<{ ok: true; value: RecordInput } | { ok: false; refused: PreparedResponse }> {
  const body = await readJsonBody(request, bodyLimit);
  if (!body.ok) {
    const code = body.status === 413 ? 'request_too_large' : 'invalid_request';
    return { ok: false, refused: answers.error(body.status, code, body.problem) };
  }
  // An empty body is `{}` (a POST that lets the mock make the id up); JSON `null` is no object.
  const value = body.value === undefined ? {} : body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const where = `${request.method} ${printable(pathOf(request.url))}`;
    return {
      ok: false,
      refused: answers.error(400, 'invalid_request', `The body of ${where} must be a JSON object.`),
    };
  }
  return { ok: true, value: value as RecordInput };
}

/**
 * Runs an operation's action (`POST /__admin/<name>`) and answers what it answers, saved like any change
 * (an action may change the store: a key it starts serving); 400 with the message of a `KitError`.
 */
async function runAction(
  context: AdminWriteContext,
  request: MockRequest,
  name: string,
  written: (result: WriteResult, status: number) => Promise<PreparedResponse>,
): Promise<PreparedResponse> {
  const { actions, answers } = context;
  const run = actions.get(name);
  if (run === undefined) return answers.error(404, 'not_found', `No action ${printable(name)}.`);
  // Like every write, it came with a JSON content type (the admin API refuses any other), so a page of
  // another origin cannot start the requests an action sends without a preflight, which is not granted.
  const read = await readObjectBody(context, request);
  if (!read.ok) return read.refused;
  let answer: AdminActionAnswer;
  try {
    answer = await run(read.value);
  } catch (cause) {
    if (cause instanceof KitError) return answers.error(400, 'invalid_request', cause.message);
    throw cause;
  }
  return written({ ok: true, record: answer.body, created: false }, answer.status);
}

/** How a write is saved before it is answered. */
function createSaving(context: AdminWriteContext): {
  readonly written: (
    result: WriteResult,
    status: number,
    headers?: readonly string[],
  ) => Promise<PreparedResponse>;
  readonly saved: () => Promise<PreparedResponse | undefined>;
} {
  const { answers } = context;
  /** Saves what changed; the 500 to answer when it could not be, else undefined. */
  async function saved(): Promise<PreparedResponse | undefined> {
    try {
      await context.afterChange();
      return undefined;
    } catch (cause) {
      return answers.error(
        500,
        'server_error',
        `The change is in memory but was not saved: ${(cause as Error).message}`,
      );
    }
  }
  return {
    saved,
    /** A write's answer; a successful one is saved first. */
    async written(result, status, headers = []) {
      if (!result.ok) return answers.refused(result);
      return (await saved()) ?? answers.json(status, result.record, headers);
    },
  };
}
