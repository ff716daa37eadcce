// `node --import <this file>`: appends the URL of every module the process resolves, and the URL of the module that
// imports it, to the file named by $EXUM_RECORD_MODULE_LOADS, one pair a line (lazy-commands.test.ts: what
// `exum --help` loads). Plain JavaScript: it runs before any TypeScript loader.
import { register } from "node:module";

register("./record-module-loads-hooks.mjs", import.meta.url);
