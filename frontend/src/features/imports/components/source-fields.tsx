import { useEffect, useState, type ReactNode } from 'react';
import { ErrorMessage, Radios } from '@/components/ui/form';
import { characters, type Mode, type PasteWords } from '../lib/source';

/** The value once it has stopped changing for `ms`: what a screen reader is told, not each key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type Props = {
  /** "action plan": the radios' question. */
  subject: string;
  words: PasteWords;
  mode: Mode;
  onMode: (mode: Mode) => void;
  onFile: (file: File | null) => void;
  pasted: string;
  onPasted: (text: string) => void;
  /** The messages against `file` and `pasted`. */
  errors: Record<string, string>;
  /** The file input's `accept`. */
  accept: string;
  /** What files the API reads, under the file label. */
  fileHint: ReactNode;
};

/**
 * Choosing what to import: a file, or a table (or text) pasted from Word or Excel, sent exactly as
 * pasted. Both stay on the page while the other is chosen, so a file chosen stays chosen.
 */
export function SourceFields({ subject, words, mode, onMode, onFile, pasted, onPasted, errors, accept, fileHint }: Props) {
  const settledCount = useSettled(pasted.length, 750);
  const fileError = errors.file;
  const pastedError = errors.pasted;
  const pasting = mode === 'paste';
  return (
    <>
      <Radios<Mode>
        id="source"
        name="source"
        legend={`How do you want to import the ${subject}?`}
        legendClass="govuk-fieldset__legend--m"
        options={[
          { value: 'file', label: 'Choose a file' },
          { value: 'paste', label: words.option },
        ]}
        value={mode}
        onChange={onMode}
        inline
      />
      {/* Hidden, not removed, while the other way is chosen: the file chosen stays chosen. */}
      <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`} hidden={pasting}>
        <label className="govuk-label govuk-label--s" htmlFor="file">
          Upload a file
        </label>
        <div className="govuk-hint" id="file-hint">
          {fileHint}
        </div>
        <ErrorMessage id="file" error={fileError} />
        <input
          className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
          id="file"
          name="file"
          type="file"
          accept={accept}
          aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <div className={`govuk-form-group${pastedError ? ' govuk-form-group--error' : ''}`} hidden={!pasting}>
        <label className="govuk-label govuk-label--s" htmlFor="pasted">
          {words.label}
        </label>
        <div className="govuk-hint" id="pasted-hint">
          {words.hint}
        </div>
        <ErrorMessage id="pasted" error={pastedError} />
        <textarea
          className={`govuk-textarea${pastedError ? ' govuk-textarea--error' : ''}`}
          id="pasted"
          name="pasted"
          rows={12}
          spellCheck={false}
          value={pasted}
          aria-describedby={pastedError ? 'pasted-hint pasted-error' : 'pasted-hint'}
          // The plain text, whatever else the clipboard held (Word gives HTML too).
          onChange={(e) => onPasted(e.target.value)}
        />
        {/* The count as GOV.UK's character count gives it: seen at once, and said to a screen
            reader once the pasting or typing stops, not at every key. */}
        <div className="govuk-hint govuk-!-margin-top-2 govuk-!-margin-bottom-0" id="pasted-count" aria-hidden="true">
          {characters(pasted.length)}
        </div>
        <div className="govuk-visually-hidden" aria-live="polite">
          {characters(settledCount)}
        </div>
      </div>
    </>
  );
}
