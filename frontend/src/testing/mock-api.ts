// A stand-in for the API in component tests: `fetch` answers from a table of routes.
// Unknown routes answer 404 problem+json, as the real API does.
import { vi } from 'vitest';
import type { Problem } from '@/api/types';

export type Call = { method: string; url: URL; headers: Headers; body: unknown };
type Handler = (call: Call, params: Record<string, string>) => Response | unknown | Promise<Response | unknown>;
type Route = { method: string; pattern: RegExp; keys: string[]; handler: Handler };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function problem(status: number, title: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = { type: 'about:blank', title, status, request_id: 'req-test', ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

export function mockApi() {
  const routes: Route[] = [];
  const calls: Call[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const call: Call = {
      method: request.method,
      url,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')]));
      const out = await route.handler(call, params);
      return out instanceof Response ? out : json(out);
    }
    return problem(404, 'Not found');
  });
  vi.stubGlobal('fetch', fetchMock);

  const api = {
    calls,
    fetch: fetchMock,
    /** `path` like `/api/v1/reviews/:id`. Later routes do not override earlier ones: register specific first. */
    on(method: string, path: string, handler: Handler) {
      const keys: string[] = [];
      const source = path.replace(/:(\w+)/g, (_, key: string) => {
        keys.push(key);
        return '([^/]+)';
      });
      routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
      return api;
    },
    get(path: string, handler: Handler) {
      return api.on('GET', path, handler);
    },
    post(path: string, handler: Handler) {
      return api.on('POST', path, handler);
    },
    callsTo(method: string, path: string): Call[] {
      return calls.filter((c) => c.method === method && c.url.pathname === path);
    },
  };
  return api;
}
