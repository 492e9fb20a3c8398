import { useState } from 'react';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What the user is typing into a record's form, and the version of the record it started from
 * (`base`), which a save sends as `If-Match` and compares with to send only what the user changed.
 * When the record reloads and the user has not typed anything, the form follows it; what they
 * typed is never replaced behind their back. After a 412 (`conflict`), they choose: save their
 * changes over the latest version, or take the latest.
 */
export function useEditDraft<R extends { version: number }, D extends object>(
  record: R | undefined,
  toDraft: (record: R) => D,
  blank: D,
) {
  const [draft, setDraft] = useState<D>(() => (record ? toDraft(record) : blank));
  const [base, setBase] = useState<R | undefined>(record);
  const [conflict, setConflict] = useState(false);
  const [seen, setSeen] = useState(record);
  if (record && seen && record !== seen) {
    setSeen(record);
    if (!conflict && same(draft, toDraft(seen))) {
      setDraft(toDraft(record));
      setBase(record);
    }
  }
  return {
    draft,
    setDraft,
    /** The record as it was when the user started typing. */
    base,
    baseVersion: base?.version ?? 0,
    conflict,
    /** A 412: keep the draft, wait for the latest version. */
    startConflict: () => setConflict(true),
    /** The latest version has loaded after a 412. */
    latestReady: Boolean(record && base && record.version !== base.version),
    /**
     * Save the user's changes over the latest version: the form shows the latest with their
     * changes on top. Answers the version to send; the caller sends the changes it computed
     * against the old `base`.
     */
    keepMine: (): number => {
      setConflict(false);
      if (!record || !base) return base?.version ?? 0;
      const start = toDraft(base) as Record<string, unknown>;
      const mine = draft as Record<string, unknown>;
      const merged = { ...(toDraft(record) as Record<string, unknown>) };
      for (const key of Object.keys(mine)) if (!same(mine[key], start[key])) merged[key] = mine[key];
      setDraft(merged as D);
      setBase(record);
      return record.version;
    },
    takeTheirs: () => {
      setConflict(false);
      if (record) {
        setDraft(toDraft(record));
        setBase(record);
      }
    },
    saved: (record: R) => {
      setConflict(false);
      setBase(record);
      setSeen(record);
    },
  };
}
