/** Output writing as the CLI sees it: re-exported from the report stage. */
export { writeScreeningFiles, FILE_FORMATS, type FileFormat } from '../report/outputs.js';
export { screeningJson, changeText } from '../report/formats.js';
export { ensureDir as ensureOutDir } from '../report/write.js';
