export {
  importResidents,
  type ImportContext,
  type ResidentImportSummary,
} from './import-residents.js';
export {
  parseResidentFile,
  type ParsedResidentFile,
  type ParsedResidentRow,
  type ResidentFileError,
} from './parse-resident-file.js';
