export {
  importResidents,
  toNewResident,
  type ImportContext,
  type ResidentImportSummary,
} from './import-residents.js';
export {
  parseResidentFile,
  parseResidentRecords,
  type ParsedResidentFile,
  type ParsedResidentRow,
  type ResidentFileError,
} from './parse-resident-file.js';
