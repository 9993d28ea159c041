import type { Person } from '../../models/types.js';

/** The areas a person coordinates: the only ones whose corps, list and folder they may change. */
export function coordinatedAreaIds(person: Person): string[] {
  return person.roles.filter((role) => role.role === 'coordinator').map((role) => role.areaId);
}

export function isCoordinator(person: Person): boolean {
  return coordinatedAreaIds(person).length > 0;
}

export function ambassadorAreaIds(person: Person): string[] {
  return person.roles.filter((role) => role.role === 'ambassador').map((role) => role.areaId);
}

/** Every area the person belongs to, coordinated areas first. */
export function areaIdsOf(person: Person): string[] {
  return [...new Set([...coordinatedAreaIds(person), ...ambassadorAreaIds(person)])];
}

/**
 * The handbook's rule (frivilligkontrakt med tavshedspligt): an ambassador sees no resident's
 * name or address before confirming the confidentiality duty. The monthly assignment applies the
 * same test (`confidentialityAt`), so chat and hand-out never disagree about who may see what.
 */
export function awaitsAgreement(person: Person): boolean {
  return ambassadorAreaIds(person).length > 0 && person.confidentialityAt === undefined;
}
