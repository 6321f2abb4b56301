// Validates OpenAPI documents (JSON files named on the command line) against the OpenAPI 3.1 schema.
// Exit 0 when every one is valid, 1 otherwise (with the schema errors).
import { Validator } from "@seriousme/openapi-schema-validator";
import { readFileSync } from "node:fs";

let failed = false;
for (const file of process.argv.slice(2)) {
    const document = JSON.parse(readFileSync(file, "utf8"));
    const validator = new Validator();
    const result = await validator.validate(document);
    if (!result.valid || validator.version !== "3.1") {
        failed = true;
        console.error(`${file}: INVALID (version ${validator.version})`);
        console.error(JSON.stringify(result.errors, null, 2));
    } else {
        console.log(`${file}: valid OpenAPI ${document.openapi}, ${Object.keys(document.paths).length} paths`);
    }
}
process.exit(failed ? 1 : 0);
