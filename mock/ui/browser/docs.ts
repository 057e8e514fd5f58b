/**
 * The API reference at `/__admin/docs`: the mock's own document rendered by Redoc (from the package's
 * files, no CDN), with every part the kit assumes (`x-documented: false`) visibly marked.
 */

/**
 * The document, the same as `GET /openapi.json`, read from among the pages' files: a call to the admin
 * API, which the request journal leaves out, like the dashboard's own calls.
 */
const DOCUMENT = '/__admin/ui/openapi.json';

/** Redoc's standalone bundle, loaded by the page before this module runs. */
declare const Redoc: {
  init(
    spec: object,
    options: Record<string, unknown>,
    element: HTMLElement | null,
    callback?: (error?: unknown) => void,
  ): void;
};

/** The mark on an operation: one of Redoc's badges, in a colour that reads on white and on grey. */
const ASSUMED_BADGE = { name: 'Assumed', color: '#8a4b00' };
const ASSUMED_TEXT = "**Assumed** (not documented by Truecaller; the kit's choice).";

type Node = Record<string, unknown>;

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null;
}

/**
 * Marks every part of the document with `x-documented: false`: an operation gets Redoc's badge and a
 * first line saying so; an example its summary; anything else (a response, a field, a tag) its description.
 */
export function markAssumed(node: unknown, isOperation = false): void {
  if (Array.isArray(node)) {
    for (const item of node) markAssumed(item);
    return;
  }
  if (!isNode(node)) return;
  if (node['x-documented'] === false) {
    if (isOperation) {
      node['x-badges'] = [ASSUMED_BADGE];
      node.description = `${ASSUMED_TEXT}\n\n${textOf(node.description)}`;
    } else if ('value' in node && typeof node.summary === 'string') {
      node.summary = `Assumed: ${node.summary}`;
    } else {
      node.description = `${ASSUMED_TEXT} ${textOf(node.description)}`.trim();
    }
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'paths' && isNode(child)) {
      for (const item of Object.values(child)) {
        if (!isNode(item)) continue;
        for (const [method, operation] of Object.entries(item))
          markAssumed(operation, method !== 'parameters');
      }
    } else markAssumed(child);
  }
}

async function show(): Promise<void> {
  const status = document.getElementById('status');
  const response = await fetch(DOCUMENT, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${DOCUMENT} answered ${response.status}`);
  const spec = (await response.json()) as Node;
  markAssumed(spec);
  Redoc.init(
    spec,
    {
      hideDownloadButton: true,
      // Redoc's default greens, reds and greys reach only 4.2:1 on its tinted backgrounds: these reach 4.5:1.
      theme: {
        colors: {
          primary: { main: '#0b5cad' },
          success: { main: '#17692a' },
          error: { main: '#b3201c' },
          warning: { main: '#8a4b00' },
          text: { primary: '#1b1f24', secondary: '#4d5661' },
        },
        typography: { code: { color: '#a3261b', backgroundColor: '#fbeeed' } },
        schema: { typeNameColor: '#4d5661', typeTitleColor: '#4d5661' },
      },
    },
    document.getElementById('redoc'),
    (error) => {
      if (status !== null)
        status.textContent =
          error === undefined
            ? ''
            : `Redoc could not render the document: ${error instanceof Error ? error.message : 'see the console'}`;
      document.body.dataset.rendered = error === undefined ? 'yes' : 'failed';
    },
  );
}

show().catch((error: unknown) => {
  const status = document.getElementById('status');
  if (status !== null) status.textContent = `The API reference could not load: ${(error as Error).message}`;
  document.body.dataset.rendered = 'failed';
});
