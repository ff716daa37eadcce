import { writeGeneratedFiles } from "./generated-files.js";

// `npm run generate`: rewrites the committed files generated from the code (generated-files.ts lists them).
const written = await writeGeneratedFiles();
console.log(written.length === 0 ? "generated files are up to date" : `wrote ${written.join(", ")}`);
