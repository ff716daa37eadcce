#!/usr/bin/env node
// The installed `exum` command: registers the TypeScript loader (tsx) relative to this
// file, so it works from any working directory, then runs bin/exum.ts.
import { register } from "tsx/esm/api";
register();
await import("./exum.ts");
