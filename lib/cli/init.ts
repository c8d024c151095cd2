/**
 * `sovereign-lz init [file]`: write the commented starter config. Never
 * overwrites a file.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { defineCommand, EXIT, exitsWith, InputError } from "./command";
import { starterConfig } from "./starter-config";

/** `init`, with the config whose placeholder EKM certificate the starter reuses. */
export function initCommand(placeholderSource: string): Command {
  return defineCommand("init", "write a commented starter config (refuses to overwrite a file)")
    .argument("[file]", "where to write it", "landing-zone.yaml")
    .addHelpText("after", "\nExit codes: 0 written, 2 usage, or the file exists already or cannot be written.")
    .action(
      exitsWith((file: string) => {
        try {
          writeFileSync(file, starterConfig(placeholderSource), { flag: "wx" });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EEXIST") throw new InputError(`${file} already exists: init never overwrites a file (choose another name)`);
          throw new InputError(`${file}: cannot write the file (${code ?? "error"})`);
        }
        console.log(`wrote ${file}: replace every value marked CHANGE, then run: npx sovereign-lz validate ${file}`);
        return EXIT.ok;
      }),
    );
}
