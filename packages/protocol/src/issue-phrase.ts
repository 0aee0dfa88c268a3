/**
 * What a schema check found wrong with one value, as a phrase the page translates: zod's own
 * messages are English only ("Too small: expected number to be >=0"), and a reader of 繁體中文
 * must be told what to fix in their language. The common cases get their own phrase; anything
 * rarer keeps zod's English, which still names the problem.
 */
import type { z } from "zod";
import { phrase, type Phrase } from "./text.js";

type Issue = z.core.$ZodIssue;

const TYPES: Record<string, Phrase["key"]> = {
  number: "issue.notNumber",
  int: "issue.notInteger",
  string: "issue.notString",
  boolean: "issue.notBoolean",
  array: "issue.notArray",
  object: "issue.notObject",
};

export function issueDetail(issue: Issue): Phrase | string {
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return phrase("issue.tooShort", { min });
      if (issue.origin === "array") return phrase("issue.tooFewItems", { min });
      return phrase(issue.inclusive === false ? "issue.moreThan" : "issue.atLeast", { min });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return phrase("issue.tooLong", { max });
      if (issue.origin === "array") return phrase("issue.tooManyItems", { max });
      return phrase(issue.inclusive === false ? "issue.lessThan" : "issue.atMost", { max });
    }
    case "invalid_type": {
      const key = TYPES[issue.expected];
      return key ? phrase(key) : issue.message;
    }
    case "invalid_value":
      return phrase("issue.oneOf", { values: issue.values.map((v) => String(v)).join(", ") });
    case "not_multiple_of":
      return phrase("issue.notInteger");
    default:
      return issue.message;
  }
}
