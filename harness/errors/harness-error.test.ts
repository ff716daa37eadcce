import t from "tap";
import { ExitCode } from "./exit-codes.js";
import { formatError } from "./format-error.js";
import { HarnessError, inputError, internalError, isHarnessError } from "./harness-error.js";

t.test("input errors exit 2 and internal errors exit 3", async (t) => {
  t.equal(inputError("EXUM_BAD_FLAG", "bad").exitCode, ExitCode.BadInput);
  t.equal(internalError("EXUM_INTERNAL", "broke").exitCode, ExitCode.HarnessError);
});

t.test("formatError names code, file, field and hint", async (t) => {
  const error = inputError("EXUM_BAD_FIELD", "timeout must be a positive number", {
    file: "scenarios/a.yaml",
    field: "steps[0].timeout",
    hint: "write a number of seconds, e.g. 5",
  });
  t.equal(
    formatError(error),
    "error[EXUM_BAD_FIELD]: timeout must be a positive number\n" +
      "  in: scenarios/a.yaml at steps[0].timeout\n" +
      "  hint: write a number of seconds, e.g. 5",
  );
  t.equal(formatError(new Error("boom")), "error[EXUM_INTERNAL]: boom");
  t.equal(formatError("text"), "error[EXUM_INTERNAL]: text");
});

t.test("cause is kept and isHarnessError tells them apart", async (t) => {
  const cause = new Error("root");
  const error = new HarnessError("EXUM_LAB_START", "internal", "wrapped", { cause });
  t.equal(error.cause, cause);
  t.ok(isHarnessError(error));
  t.notOk(isHarnessError(cause));
});
