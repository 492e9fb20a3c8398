import { useCallback, useEffect, useRef, useState } from 'react';
import { downloadFile, type DownloadSource } from '../api/download';
import { downloadErrorMessage } from '../lib/download-error';

export type DownloadState =
  | { kind: 'idle' }
  | { kind: 'busy'; key: string; what: string }
  | { kind: 'done'; key: string; fileName: string }
  | { kind: 'failed'; key: string; message: string };

/** One download at a time: its progress, the saved file's name, or why it failed. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const busy = useRef(false);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (key: string, what: string, source: DownloadSource) => {
    if (busy.current) return;
    busy.current = true;
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'busy', key, what });
    try {
      const fileName = await downloadFile(source, abort.signal);
      if (!abort.signal.aborted) setState({ kind: 'done', key, fileName });
    } catch (error) {
      if (!abort.signal.aborted) setState({ kind: 'failed', key, message: downloadErrorMessage(error, what) });
    } finally {
      busy.current = false;
    }
  }, []);

  return { state, start };
}

/** What a screen reader hears while and after a download. */
export function downloadStatus(state: DownloadState): string {
  if (state.kind === 'busy') return `Preparing the ${state.what}…`;
  if (state.kind === 'done') return `Downloaded ${state.fileName}.`;
  return '';
}
