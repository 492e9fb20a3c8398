import { Fragment } from 'react';
import type { ProposedContact } from '@/api/types';
import { Checkboxes, type CheckboxOption } from '@/components/ui/form';
import { proposalCandidates, proposalWhere, proposedNames } from '../lib/contacts';

type Props = {
  proposals: readonly ProposedContact[];
  /** The names ticked. */
  values: readonly string[];
  onChange: (values: string[]) => void;
};

/** One checkbox per person (a name proposed twice, at two organisations, is one choice). */
function options(proposals: readonly ProposedContact[]): CheckboxOption[] {
  return proposedNames(proposals).map((name) => {
    const same = proposals.filter((p) => p.name === name);
    const lines = same.flatMap((p) => [proposalWhere(p), proposalCandidates(p)]).filter((l): l is string => !!l);
    return {
      value: name,
      label: name,
      // One line each; the spaces between keep the words apart for a screen reader.
      hint: lines.map((line, i) => (
        <Fragment key={`${i}-${line}`}>
          {i > 0 ? ' ' : null}
          <span className="app-block">{line}</span>
        </Fragment>
      )),
    };
  });
}

/**
 * The people the file names whom the council does not know yet: ticked ones are created as
 * contacts by the import; the actions naming an unticked one are not imported.
 */
export function NewContacts({ proposals, values, onChange }: Props) {
  if (proposals.length === 0) return null;
  return (
    <Checkboxes
      id="create_contacts"
      name="create_contacts"
      legend={<h2 className="govuk-fieldset__heading">New contacts to create</h2>}
      legendClass="govuk-fieldset__legend--m"
      hint={
        <>
          The file names {proposals.length === 1 ? 'a person who is' : 'people who are'} not a contact of the council
          yet. Each one ticked is created as a contact when you import. Actions that name a person you untick are not
          imported: they stay in the report as rows that cannot be imported. If someone is already a contact under
          another name, untick them and correct the name in the file instead.
        </>
      }
      options={options(proposals)}
      values={values}
      onChange={onChange}
    />
  );
}
