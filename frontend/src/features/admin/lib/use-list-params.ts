import { useSearchParams } from 'react-router';
import { listPath } from './search';

/** A list's filters and cursor from the URL, and the addresses of its pages. */
export function useListParams(base: string, names: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const values: Record<string, string> = {};
  for (const name of names) values[name] = params.get(name) ?? '';
  const cursor = params.get('cursor');
  return {
    /** The list's address without filters or cursor. */
    base,
    values,
    cursor,
    /** New filters: from the first page. */
    apply: (next: Record<string, string>) => {
      const p = new URLSearchParams();
      for (const name of names) if (next[name]) p.set(name, next[name]);
      setParams(p);
    },
    path: (c?: string | null) => listPath(base, values, c),
    filtered: names.some((n) => values[n]),
  };
}
