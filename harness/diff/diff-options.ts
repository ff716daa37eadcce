/** How `exum diff` judges (docs/design.md §1 "exum diff"). */
export interface DiffOptions {
  /**
   * A server certificate with fewer days left than this in run B (and not in run A) is a security regression.
   * @defaultValue 30 (Teams Direct Routing's health dashboard warns 30 days before a certificate expires)
   */
  readonly expiryWarningDays?: number;
  /** What the runs are called in the output: the files as given. @defaultValue the run ids */
  readonly files?: { readonly a: string; readonly b: string };
}

export const DIFF_DEFAULTS: Required<Pick<DiffOptions, "expiryWarningDays">> = { expiryWarningDays: 30 };
