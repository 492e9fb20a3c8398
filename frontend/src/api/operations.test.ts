// Every operation of the API is something a person can do in the web app (issue 18): this lists
// the operations of ../openapi/openapi.json and fails on any that no screen calls. A call counts
// when it is written `api.GET('/api/v1/…')` (or `authClient.POST(…)`) in a source file, and the
// function it is in is reached from a screen (`src/app`), through the names the code uses: a hook
// or download that nothing shows does not count.
//
// The OpenAPI document is read from the repository; the sources as text through Vite (`?raw`).
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// frontend/src/api → the repository's openapi/openapi.json (../openapi/openapi.json from frontend/).
const spec = readFileSync(resolve(import.meta.dirname, '../../../openapi/openapi.json'), 'utf8');

/**
 * Operations no person would use in the web app, each with why. Keep it short: a new operation
 * gets a screen, a button or a link where the work happens.
 */
export const NOT_FOR_PEOPLE: Readonly<Record<string, string>> = {
  'GET /api/v1/events':
    "The event feed (typed events in commit order, read with a cursor) is for other systems to follow; people see the same changes in each record's history and the audit trail.",
  'GET /api/v1/attachments/{id}':
    "One attachment's details without its bytes, for systems following an event: the entry page lists every attachment with all of these details (GET /progress-entries/{id}/attachments) and downloads its file.",
  'GET /api/v1/auth/oidc/callback':
    "Where the council's identity provider sends the browser back after signing in (its redirect URI, shown on the identity provider pages); the server then sends it to /signin/sso, which finishes the sign-in.",
};

/**
 * Calls made outside the typed client, each checked in its file: fetch cannot report upload
 * progress, and a sign-in with an identity provider is a browser navigation (a link), not a fetch.
 */
const OUTSIDE_THE_CLIENT: Readonly<Record<string, { file: string; evidence: RegExp }>> = {
  'POST /api/v1/progress-entries/{id}/attachments': {
    file: '/src/features/progress/api/upload-attachment.ts',
    evidence: /xhr\.open\('POST'/,
  },
  'GET /api/v1/auth/oidc/{id}/start': {
    file: '/src/features/auth/api/sign-in-options.ts',
    evidence: /START\.replace\('\{id\}'/,
  },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** "METHOD /path" of every operation in the OpenAPI document, except the health checks. */
export function operationsOf(document: string): string[] {
  const paths = (JSON.parse(document) as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths)
    .filter(([path]) => !path.startsWith('/health'))
    .flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`));
}

type Definition = { file: string; name: string; start: number; end: number; root: boolean };

// A top-level function, class or variable, or a member of a top-level object (`  name: (…) =>`).
const DEFINITION =
  /^(?:export\s+(?:default\s+)?)?(?:async\s+)?(?:function\s*\*?\s*|class\s+|const\s+|let\s+)(\w+)|^ {2}(\w+):\s*(?:async\s*)?\(/gm;
const CALL = /\b(?:api|authClient)\.(GET|POST|PUT|PATCH|DELETE)\(\s*(['"`])(\/api\/v1\/[^'"`]+)\2/g;

function definitionsOf(file: string, text: string): Definition[] {
  const starts = [...text.matchAll(DEFINITION)].map((m) => ({ name: (m[1] ?? m[2])!, start: m.index }));
  // Screens, and what the router loads by path (`lazy(() => import('./routes/…'))`), are where people start.
  const root = file.startsWith('/src/app/') || file === '/src/main.tsx';
  return starts.map((s, i) => ({ file, name: s.name, start: s.start, end: starts[i + 1]?.start ?? text.length, root }));
}

export type Coverage = {
  /** Operation → where it is called from code a screen reaches. */
  used: Map<string, string[]>;
  /** Operation → where it is called from code no screen reaches. */
  unreached: Map<string, string[]>;
};

/** Which operations the sources call, and whether a screen reaches each call. */
export function coverage(sources: Readonly<Record<string, string>>): Coverage {
  const definitions = Object.entries(sources).flatMap(([file, text]) => definitionsOf(file, text));
  const byName = new Map<string, Definition[]>();
  for (const d of definitions) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);

  // What each definition's text names: an edge to every definition of that name, elsewhere.
  const live = new Set<Definition>(definitions.filter((d) => d.root));
  const queue = [...live];
  while (queue.length > 0) {
    const d = queue.pop()!;
    const body = sources[d.file]!.slice(d.start, d.end);
    for (const word of new Set(body.match(/\b[A-Za-z_]\w*\b/g) ?? [])) {
      for (const target of byName.get(word) ?? []) {
        if (target !== d && !live.has(target)) {
          live.add(target);
          queue.push(target);
        }
      }
    }
  }

  const used = new Map<string, string[]>();
  const unreached = new Map<string, string[]>();
  const record = (operation: string, file: string, index: number) => {
    const owner = definitions.find((d) => d.file === file && d.start <= index && index < d.end);
    const where = `${file}${owner ? ` (${owner.name})` : ''}`;
    const into = owner && live.has(owner) ? used : unreached;
    into.set(operation, [...(into.get(operation) ?? []), where]);
  };
  for (const [file, text] of Object.entries(sources)) {
    for (const m of text.matchAll(CALL)) record(`${m[1]} ${m[3]}`, file, m.index);
  }
  for (const [operation, { file, evidence }] of Object.entries(OUTSIDE_THE_CLIENT)) {
    const text = sources[file];
    const path = operation.split(' ')[1]!;
    const m = text === undefined ? null : evidence.exec(text);
    if (text !== undefined && m && text.includes(`'${path}'`)) record(operation, file, m.index);
  }
  return { used, unreached };
}

const SOURCES = import.meta.glob(['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}', '!/src/api/schema.d.ts', '!/src/testing/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('the operations of the API', () => {
  const operations = operationsOf(spec);
  const { used, unreached } = coverage(SOURCES);

  it('are read from the OpenAPI document and the sources', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations).toContain('GET /api/v1/reviews');
    expect(Object.keys(SOURCES)).toContain('/src/features/documents/api/download.ts');
  });

  it('each have a screen, a button or a link, or a reason why no person would use them', () => {
    const missing = operations
      .filter((op) => !used.has(op) && !(op in NOT_FOR_PEOPLE))
      .map((op) => (unreached.has(op) ? `${op}: called only from code no screen reaches: ${unreached.get(op)!.join(', ')}` : `${op}: never called`));
    expect(missing, 'operations of openapi/openapi.json that no screen uses').toEqual([]);
  });

  it('leave nothing stale in the list of operations not for people', () => {
    const stale = Object.keys(NOT_FOR_PEOPLE).filter((op) => !operations.includes(op) || used.has(op));
    expect(stale, 'allow-listed operations that are gone, or that a screen now uses').toEqual([]);
    for (const reason of Object.values(NOT_FOR_PEOPLE)) expect(reason.length).toBeGreaterThan(40);
  });

  it('are called with paths the API has', () => {
    const unknown = [...used.keys(), ...unreached.keys()].filter((op) => !operations.includes(op));
    expect(unknown, 'calls to operations openapi/openapi.json does not have').toEqual([]);
  });
});

describe('the coverage check', () => {
  const screen = "export default function Page() { return <Thing />; }\n";
  it('counts a call a screen reaches through the names it uses', () => {
    const { used } = coverage({
      '/src/app/routes/page.tsx': screen,
      '/src/features/x/thing.tsx': "export function Thing() { useThings(); }\n",
      '/src/features/x/api.ts': "export const thingsQuery = () => api.GET('/api/v1/things');\nexport function useThings() { return thingsQuery(); }\n",
    });
    expect(used.get('GET /api/v1/things')).toEqual(['/src/features/x/api.ts (thingsQuery)']);
  });

  it('does not count a call in a hook or download that nothing shows', () => {
    const { used, unreached } = coverage({
      '/src/app/routes/page.tsx': screen,
      '/src/features/x/thing.tsx': 'export function Thing() { return documents.shown(); }\n',
      '/src/features/x/download.ts':
        "export const documents = {\n  shown: () => api.GET('/api/v1/shown'),\n  unshown: () => api.GET('/api/v1/unshown'),\n};\n",
    });
    expect(used.has('GET /api/v1/shown')).toBe(true);
    expect(used.has('GET /api/v1/unshown')).toBe(false);
    expect(unreached.get('GET /api/v1/unshown')).toEqual(['/src/features/x/download.ts (unshown)']);
  });
});
