import type { ResidentSummary } from '../../models/types.js';
import type { Locale } from '../i18n/locale.js';

/** "Ove og Else Christensen" / "Ove and Else Christensen", shared surname written once. */
export function householdName(names: readonly string[], locale: Locale): string {
  const cleaned = names.map((name) => name.trim()).filter((name) => name.length > 0);
  if (cleaned.length === 0) return locale === 'da' ? 'Ukendt husstand' : 'Unknown household';
  const and = locale === 'da' ? ' og ' : ' and ';
  const surnames = cleaned.map((name) => name.split(/\s+/).slice(1).join(' '));
  const shared = surnames[0];
  if (cleaned.length > 1 && shared && surnames.every((surname) => surname === shared)) {
    const firstNames = cleaned.map((name) => name.split(/\s+/)[0] ?? name);
    return `${joinList(firstNames, and)} ${shared}`;
  }
  return joinList(cleaned, and);
}

function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** "Gudrunsvej 10, 1. th" */
export function householdAddress(resident: Pick<ResidentSummary, 'address' | 'unit'>): string {
  return resident.unit ? `${resident.address}, ${resident.unit}` : resident.address;
}
