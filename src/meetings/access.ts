import type { Person, Role } from '../../models/types.js';

/**
 * Who may do what around meetings, check-ins and status: coordinators act in the areas they
 * coordinate, ambassadors in the areas they belong to. Nothing else is ever shown or changed.
 */
export function areaIdsWithRole(person: Person, role: Role): string[] {
  return person.roles.filter((entry) => entry.role === role).map((entry) => entry.areaId);
}

export function isCoordinatorOf(person: Person, areaId: string): boolean {
  return person.roles.some((entry) => entry.role === 'coordinator' && entry.areaId === areaId);
}

export function isCoordinator(person: Person): boolean {
  return person.roles.some((entry) => entry.role === 'coordinator');
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
