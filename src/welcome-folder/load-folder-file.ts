import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type {
  WelcomeActivity,
  WelcomeContact,
  WelcomeContactKind,
  WelcomeFolderContent,
} from '../../models/types.js';
import { UserError } from '../../kernel/errors.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { decodeResidentFile } from '../residents/decode.js';
import { parseActivity } from './parse-entry.js';
import { contactKindOf } from './topics.js';

/**
 * A whole welcome folder from a file, for `nabo folder load`: JSON
 * `{ contacts: [{kind?, name, phone?, hours?}], activities: [{name, weekday?, time?, place?, when?}], gift? }`
 * or a CSV (comma or semicolon, UTF-8 or Excel's code page) with a `type` column (kontakt /
 * aktivitet / gave) and the columns navn, telefon, tider, ugedag, tid, sted. Anything the file
 * gets wrong is one UserError that names the row.
 */
const CONTACT_KINDS = ['caretaker', 'board', 'social_worker', 'doctor_on_call', 'other'] as const;

const contactSchema = z.object({
  kind: z.enum(CONTACT_KINDS).optional(),
  name: z.string().trim().min(1),
  phone: z.string().trim().optional(),
  hours: z.string().trim().optional(),
});
const activitySchema = z.object({
  name: z.string().trim().min(1),
  weekday: z.number().int().min(1).max(7).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM')
    .optional(),
  place: z.string().trim().optional(),
  when: z.string().trim().optional(),
});
const folderSchema = z.object({
  contacts: z.array(contactSchema).default([]),
  activities: z.array(activitySchema).default([]),
  gift: z.string().trim().optional(),
});

export function parseFolderFile(content: Buffer, fileName: string): WelcomeFolderContent {
  const { text } = decodeResidentFile(content);
  if (fileName.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{')) {
    return parseJson(text, fileName);
  }
  return parseCsv(text, fileName);
}

function parseJson(text: string, fileName: string): WelcomeFolderContent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError('IMPORT_FAILED', `${fileName} is not valid JSON`, { cause: error });
  }
  const result = folderSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UserError(
      'IMPORT_FAILED',
      `${fileName}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
    );
  }
  const { contacts, activities, gift } = result.data;
  return {
    contacts: contacts.map((contact) => withKind(contact)),
    activities: activities.map(dropEmpty),
    ...(gift ? { gift } : {}),
  };
}

function parseCsv(text: string, fileName: string): WelcomeFolderContent {
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      delimiter,
      columns: (header: string[]) => header.map(columnOf),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new UserError('IMPORT_FAILED', `${fileName} is not a readable CSV file`, {
      cause: error,
    });
  }
  const folder: WelcomeFolderContent = { contacts: [], activities: [] };
  rows.forEach((row, index) => {
    const line = index + 2;
    const type = foldDiacritics(row.type ?? '');
    const name = (row.name ?? '').trim();
    if (/^(gave|gift)/.test(type)) {
      folder.gift = name || row.place || '';
      return;
    }
    if (name === '') throw new UserError('IMPORT_FAILED', `${fileName} line ${line}: no name`);
    if (/^(kontakt|contact)/.test(type)) {
      const kind = CONTACT_KINDS.find((candidate) => candidate === row.kind);
      folder.contacts.push(
        withKind({
          name,
          ...(kind ? { kind } : {}),
          ...(row.phone ? { phone: row.phone } : {}),
          ...(row.hours ? { hours: row.hours } : {}),
        }),
      );
      return;
    }
    if (/^(aktivitet|activity)/.test(type)) {
      const when = [row.weekday, row.time].filter(Boolean).join(' ');
      const parsed = parseActivity([name, when, row.place ?? ''].filter(Boolean).join(', '));
      if (!parsed)
        throw new UserError('IMPORT_FAILED', `${fileName} line ${line}: unreadable activity`);
      folder.activities.push(parsed);
      return;
    }
    throw new UserError(
      'IMPORT_FAILED',
      `${fileName} line ${line}: type must be kontakt, aktivitet or gave (contact, activity, gift)`,
    );
  });
  return folder;
}

// prettier-ignore
const COLUMNS: Record<string, string> = {
  type: 'type', kind: 'kind', rolle: 'kind', role: 'kind', navn: 'name', name: 'name',
  telefon: 'phone', tlf: 'phone', phone: 'phone', nummer: 'phone', tider: 'hours', aabningstid: 'hours',
  aabningstider: 'hours', hours: 'hours', ugedag: 'weekday', dag: 'weekday', weekday: 'weekday',
  day: 'weekday', tid: 'time', klokken: 'time', time: 'time', sted: 'place', place: 'place', where: 'place',
};

function columnOf(header: string): string {
  const folded = foldDiacritics(header).replace(/[^a-z]/g, '');
  return COLUMNS[folded] ?? folded;
}

function withKind(contact: {
  kind?: WelcomeContactKind | undefined;
  name: string;
  phone?: string | undefined;
  hours?: string | undefined;
}): WelcomeContact {
  return {
    kind: contact.kind ?? contactKindOf(contact.name),
    name: contact.name,
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.hours ? { hours: contact.hours } : {}),
  };
}

function dropEmpty(activity: z.infer<typeof activitySchema>): WelcomeActivity {
  return {
    name: activity.name,
    ...(activity.weekday !== undefined ? { weekday: activity.weekday } : {}),
    ...(activity.time ? { time: activity.time } : {}),
    ...(activity.place ? { place: activity.place } : {}),
    ...(activity.when ? { when: activity.when } : {}),
  };
}
