// Entry point: hands argv to the CLI and exits with its code.
import { main } from "../harness/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
