// Saves a draft as the user types: a PATCH with If-Match a moment after they stop, one at a
// time. Whatever the answer, what they typed stays in the form: a 412 (someone else saved first)
// stops the saving until they choose whose version to keep; a 422 shows the API's messages by
// the fields; a failure to reach the API says so and tries again with the next change.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/api/problem';
import type { ProgressEntry } from '@/api/types';
import { problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { fetchEntry } from '../api/get-entry';
import { updateEntry } from '../api/update-entry';
import { patchBody, type Draft } from './draft';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid'; errors: FormErrors }
  | { kind: 'failed'; message: string }
  | { kind: 'conflict'; theirs: ProgressEntry };

type Options = {
  entry: ProgressEntry;
  draft: Draft;
  /** Finds an API field on the page; `rows` maps `key_figures[i]` to the form's rows. */
  locate: (field: string, rows: readonly string[]) => FieldTarget | undefined;
  onSaved: (entry: ProgressEntry) => void;
  delayMs?: number;
};

export type FlushResult = { ok: true; entry: ProgressEntry } | { ok: false; state: SaveState };

export function useAutosave({ entry, draft, locate, onSaved, delayMs = 1200 }: Options) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(entry.version);
  const latestEntry = useRef(entry);
  const lastSent = useRef(JSON.stringify(patchBody(draft, true).body));
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const stateRef = useRef(state);
  stateRef.current = state;
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const callbacks = useRef({ locate, onSaved });
  callbacks.current = { locate, onSaved };

  const set = useCallback((next: SaveState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const saveNow = useCallback(
    (complete: boolean): Promise<FlushResult> => {
      const run = async (): Promise<FlushResult> => {
        if (stateRef.current.kind === 'conflict') return { ok: false, state: stateRef.current };
        const { body, rows } = patchBody(draftRef.current, complete);
        const json = JSON.stringify(body);
        if (json === lastSent.current) {
          if (stateRef.current.kind === 'pending' || stateRef.current.kind === 'invalid') set({ kind: 'saved', at: new Date() });
          return { ok: true, entry: latestEntry.current };
        }
        set({ kind: 'saving' });
        try {
          const saved = await updateEntry(entry.id, version.current, body);
          version.current = saved.version;
          latestEntry.current = saved;
          lastSent.current = json;
          callbacks.current.onSaved(saved);
          // Typed on while it was saving: the next save is already on its way.
          const typedOn = JSON.stringify(patchBody(draftRef.current, false).body) !== json && timer.current !== null;
          const next: SaveState = typedOn ? { kind: 'pending' } : { kind: 'saved', at: new Date() };
          set(next);
          return { ok: true, entry: saved };
        } catch (error) {
          let next: SaveState;
          if (error instanceof ApiError && error.status === 412) {
            try {
              next = { kind: 'conflict', theirs: await fetchEntry(entry.id) };
            } catch (again) {
              next = { kind: 'failed', message: problemErrors(again, () => undefined).summary[0]!.text };
            }
          } else if (error instanceof ApiError && error.status === 422) {
            next = { kind: 'invalid', errors: problemErrors(error, (f) => callbacks.current.locate(f, rows)) };
          } else {
            next = { kind: 'failed', message: problemErrors(error, () => undefined).summary[0]!.text };
          }
          set(next);
          return { ok: false, state: next };
        }
      };
      const result = chain.current.then(run, run);
      chain.current = result;
      return result;
    },
    [entry.id, set],
  );

  // A moment after each change, save what the user has typed so far.
  useEffect(() => {
    if (stateRef.current.kind === 'conflict') return;
    const json = JSON.stringify(patchBody(draft, false).body);
    if (json === lastSent.current) return;
    if (stateRef.current.kind !== 'saving') set({ kind: 'pending' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void saveNow(false);
    }, delayMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [draft, delayMs, saveNow, set]);

  // Warn before leaving the page with changes not yet saved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(patchBody(draftRef.current, true).body) !== lastSent.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Saves everything now (an explicit save, or before submitting). */
  const flush = useCallback(() => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    return saveNow(true);
  }, [saveNow]);

  /**
   * After a 412: keep mine (saved over theirs, now that the user has seen them) or take theirs
   * (the caller puts their version in the form).
   */
  const resolve = useCallback(
    (keep: 'mine' | 'theirs', theirsDraft?: Draft) => {
      const current = stateRef.current;
      if (current.kind !== 'conflict') return Promise.resolve<FlushResult>({ ok: false, state: current });
      version.current = current.theirs.version;
      latestEntry.current = current.theirs;
      callbacks.current.onSaved(current.theirs);
      if (keep === 'theirs') {
        lastSent.current = JSON.stringify(patchBody(theirsDraft ?? draftRef.current, true).body);
        set({ kind: 'idle' });
        return Promise.resolve<FlushResult>({ ok: true, entry: current.theirs });
      }
      lastSent.current = '';
      set({ kind: 'pending' });
      return saveNow(true);
    },
    [saveNow, set],
  );

  return { state, flush, resolve };
}
