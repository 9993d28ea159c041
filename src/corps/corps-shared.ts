import { DEFAULT_MONTHLY_CAPACITY, MAX_MONTHLY_CAPACITY } from '../../kernel/constants.js';
import type { ProfileChanges } from '../../models/types.js';
import type { Person } from '../../models/types.js';
import type { FormField } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import type { NaboError } from '../../kernel/errors.js';
import { parseLanguageHints } from '../residents/languages.js';

/** Buttons and forms of the corps flow: `corps` / step / value. */
export const CORPS_FLOW = 'corps';

/** The form a coordinator fills in (Teams card, Slack modal): the same fields for add and edit. */
export function profileFormFields(turn: Turn, person: Person | undefined): FormField[] {
  const initial = (value: string | undefined) => (value ? { initial: value } : {});
  return [
    {
      id: 'name',
      label: turn.text.fieldName(),
      kind: 'text',
      required: true,
      ...initial(person?.name),
    },
    {
      id: 'languages',
      label: turn.text.fieldLanguages(),
      kind: 'text',
      ...initial(person?.languages.join(', ')),
    },
    { id: 'block', label: turn.text.fieldBlock(), kind: 'text', ...initial(person?.block) },
    {
      id: 'stairwell',
      label: turn.text.fieldStairwell(),
      kind: 'text',
      ...initial(person?.stairwell),
    },
    {
      id: 'capacity',
      label: turn.text.fieldCapacity(MAX_MONTHLY_CAPACITY),
      kind: 'number',
      ...initial(String(person?.monthlyCapacity ?? DEFAULT_MONTHLY_CAPACITY)),
    },
  ];
}

/** What a submitted form changes; undefined when the capacity is no whole number. */
export function changesFromForm(values: Record<string, string>): ProfileChanges | undefined {
  const capacity = (values.capacity ?? '').trim();
  if (capacity !== '' && !/^\d{1,3}$/.test(capacity)) return undefined;
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.languages !== undefined ? { languages: parseLanguageHints(values.languages) } : {}),
    ...(values.block !== undefined ? { block: values.block } : {}),
    ...(values.stairwell !== undefined ? { stairwell: values.stairwell } : {}),
    ...(capacity !== '' ? { monthlyCapacity: Number(capacity) } : {}),
  };
}

/** "sprog: da, ar · blok B4 · 3 om måneden" */
export function describeProfile(turn: Turn, person: Person): string {
  return turn.text.profileSummary(
    person.languages,
    person.block,
    person.stairwell,
    person.monthlyCapacity,
  );
}

/** A refusal the coordinator can fix: a taken identity, a bad language code, a capacity. */
export function explainRefusal(turn: Turn, error: NaboError): string {
  if (error.code === 'ALREADY_EXISTS') return turn.text.identityTaken();
  if (/language code/i.test(error.message)) return turn.text.invalidLanguages();
  if (/capacity/i.test(error.message)) return turn.text.capacityInvalid(MAX_MONTHLY_CAPACITY);
  return turn.text.detailsNotUnderstood([]);
}
