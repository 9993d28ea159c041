import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';

/**
 * .xlsx files built part by part, for what the usual writers never produce: a first sheet that
 * is not sheet1.xml, rows without numbers, error cells — and zip bombs, whose sheet inflates to
 * far more than the file's size (written here as raw deflate, never held unpacked in memory).
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface SheetSpec {
  name: string;
  /** The part's file under xl/worksheets/. */
  file: string;
  /** What goes inside <sheetData>. */
  rows: string;
}

export interface WorkbookSpec {
  /** In the workbook's order: the first is the sheet a person sees first. */
  sheets: SheetSpec[];
  /** Inner XML of each <si>. */
  sharedStrings?: string[];
  /** Inner XML of <styleSheet>. */
  styles?: string;
  date1904?: boolean;
}

export function workbookParts(spec: WorkbookSpec): Record<string, string> {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '</Types>',
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PACKAGE_RELS}">` +
      `<Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}">` +
      (spec.date1904 ? '<workbookPr date1904="1"/>' : '') +
      '<sheets>' +
      spec.sheets
        .map(
          (sheet, index) =>
            `<sheet name="${sheet.name}" sheetId="${index + 1}" r:id="rIdSheet${index}"/>`,
        )
        .join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PACKAGE_RELS}">` +
      spec.sheets
        .map(
          (sheet, index) =>
            `<Relationship Id="rIdSheet${index}" Type="${RELS}/worksheet" Target="worksheets/${sheet.file}"/>`,
        )
        .join('') +
      (spec.sharedStrings
        ? `<Relationship Id="rIdStrings" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>`
        : '') +
      (spec.styles
        ? `<Relationship Id="rIdStyles" Type="${RELS}/styles" Target="styles.xml"/>`
        : '') +
      '</Relationships>',
  };
  for (const sheet of spec.sheets) {
    parts[`xl/worksheets/${sheet.file}`] = sheetXml(sheet.rows);
  }
  if (spec.sharedStrings) {
    parts['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">` +
      spec.sharedStrings.map((inner) => `<si>${inner}</si>`).join('') +
      '</sst>';
  }
  if (spec.styles) {
    parts['xl/styles.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}">${spec.styles}</styleSheet>`;
  }
  return parts;
}

function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** Zips the parts the ordinary way (deflate), as any spreadsheet program would. */
export function xlsxOf(spec: WorkbookSpec): Buffer {
  const parts = workbookParts(spec);
  const files = Object.fromEntries(
    Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)]),
  );
  return Buffer.from(zipSync(files, { level: 6 }));
}

export interface ZipBomb {
  file: Buffer;
  /** What the sheet inflates to. */
  sheetBytes: number;
}

/**
 * A valid .xlsx whose first sheet is `megabytes` MB of blanks between <sheetData> and its end
 * tag: about 1 kB of deflate per MB. `declare: 'honest'` writes the true sizes into the zip
 * headers; `'small'` claims the sheet is 4 kB, as a bomb built to slip past a header check does.
 */
export function zipBomb(megabytes: number, declare: 'honest' | 'small'): ZipBomb {
  const parts = workbookParts({ sheets: [{ name: 'Liste', file: 'sheet1.xml', rows: '' }] });
  const [head, tail] = sheetXml('\u0000').split('\u0000') as [string, string];
  const blanks = Buffer.alloc(1024 * 1024, 0x20);
  // Each flushed megabyte is a run of complete deflate blocks, so copies of it can follow each
  // other; the tail closes the stream.
  const flushed = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const headBlock = deflateRawSync(Buffer.from(head), flushed);
  const blanksBlock = deflateRawSync(blanks, flushed);
  const tailBlock = deflateRawSync(Buffer.from(tail), { level: 9 });
  const compressed = Buffer.concat([
    headBlock,
    ...Array.from({ length: megabytes }, () => blanksBlock),
    tailBlock,
  ]);
  let crc = crc32(head);
  for (let i = 0; i < megabytes; i++) crc = crc32(blanks, crc);
  crc = crc32(tail, crc);
  const sheetBytes = Buffer.byteLength(head) + megabytes * blanks.length + Buffer.byteLength(tail);

  const entries: ZipEntry[] = [
    {
      name: 'xl/worksheets/sheet1.xml',
      compressed,
      crc,
      size: declare === 'honest' ? sheetBytes : 4096,
    },
    ...Object.entries(parts)
      .filter(([name]) => name !== 'xl/worksheets/sheet1.xml')
      .map(([name, xml]) => {
        const data = Buffer.from(xml);
        return { name, compressed: deflateRawSync(data), crc: crc32(data), size: data.length };
      }),
  ];
  return { file: writeZip(entries), sheetBytes };
}

interface ZipEntry {
  name: string;
  compressed: Buffer;
  crc: number;
  /** Uncompressed size as written in the headers. */
  size: number;
}

/** A plain zip (deflate, no data descriptors, no zip64), headers as given. */
function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
