import { describe, expect, it } from "vitest";
import { preferredLocale } from "./preferred.js";

describe("the language a first visit opens in", () => {
  it("is Traditional Chinese for the tags written in it", () => {
    for (const tag of ["zh-TW", "zh-Hant", "zh-Hant-TW", "zh-HK", "zh-mo"])
      expect(preferredLocale([tag])).toBe("zh-TW");
  });
  it("is English for Simplified Chinese, English and languages we do not have", () => {
    for (const tags of [["zh-CN"], ["zh-Hans"], ["zh"], ["en-US"], ["fr-FR"], []])
      expect(preferredLocale(tags)).toBe("en");
  });
  it("takes the first preferred language we have", () => {
    expect(preferredLocale(["fr-FR", "zh-TW", "en"])).toBe("zh-TW");
    expect(preferredLocale(["en-GB", "zh-TW"])).toBe("en");
  });
});
