// The columns of a file, to map them to fields: the API reads the file (nothing is recorded) and
// proposes the field each column seems to be, with why.
import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { ImportProfileKind } from '@/api/types';
import { bodyOf, type ImportSource } from './run-import';

export function readColumns(kind: ImportProfileKind, source: ImportSource) {
  return unwrap(api.POST('/api/v1/imports/columns', { params: { query: { kind } }, ...bodyOf(source) }));
}

export function useReadColumns(kind: ImportProfileKind) {
  return useMutation({ mutationFn: (source: ImportSource) => readColumns(kind, source) });
}
