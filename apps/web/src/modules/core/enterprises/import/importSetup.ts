import type { QueryKey } from '@tanstack/react-query';

/**
 * What differs between the imports that share these steps (upload → review → progress): the
 * enterprise import (./ImportPage.tsx) and the modules' own (talent's TalentImportPage).
 */
export interface ImportSetup {
  /**
   * The i18n namespace of the import's own wording: import.title, import.howTo1–3,
   * import.template, import.doneCounts, import.backToList, and import.<line> for each summary line.
   * Everything else (steps, drop zone, progress, done/failed) is the core's `import.*` wording.
   */
  ns: string;
  /** GET: the template workbook, downloaded as templateFileName. */
  templatePath: string;
  templateFileName: string;
  /** POST multipart: validates the file into a batch (ImportBatch). */
  uploadPath: string;
  /** Where "back" goes (the list the rows are imported into) and the key of its title, in ns. */
  backTo: string;
  backTitleKey: string;
  /** The counts shown under "created/updated" when they are not zero: `${ns}:import.<line>` with { count }. */
  summaryLines: readonly string[];
  /** The queries refreshed when the import job ends (the batch itself always is). */
  invalidate: readonly QueryKey[];
}
