import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { describeLocation, findSource, listSources, type SourceSummary } from "@/lib/sources/list-sources";
import { saveSource } from "@/lib/sources/save-source";
import type { SaveSourceInput } from "@/lib/sources/schemas";
import { testSourceConnection } from "@/lib/sources/test-source-connection";
import { findCredentialId } from "@/lib/credentials/find-credential";
import type { CliCommand } from "./types";

const USAGE = `usage:
  dealport source add --name N --format jointflows|dreamdata (--bucket B [--prefix P] [--region R] [--endpoint URL] --credential C | --folder PATH)
                      [--schedule MINUTES] [--date-order day-first|month-first] [--encoding E] [--delimiter D] [--dreamdata-dumps newest|all] [--id ID]
  dealport source list
  dealport source test <id-or-name>`;

const line = (s: SourceSummary) =>
  `${s.name}  ${s.format ?? s.kind}  ${describeLocation(s)}${s.scheduleMinutes ? `  every ${s.scheduleMinutes} min` : ""}  ${s.id}`;

export const sourceCommand: CliCommand = {
  name: "source",
  usage: "source add|list|test …",
  summary: "manage import sources (S3 prefixes and local folders)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "list") {
      const sources = await listSources();
      out.result(sources.length ? sources.map(line).join("\n") : "No sources yet", { sources });
    } else if (sub === "add") {
      const { values } = parseArgs({
        args: rest,
        options: Object.fromEntries(
          ["id", "name", "format", "bucket", "prefix", "region", "endpoint", "credential", "folder", "schedule", "date-order", "encoding", "delimiter", "dreamdata-dumps"].map((k) => [k, { type: "string" as const }]),
        ),
        strict: true,
      });
      const parse = {
        dateOrder: values["date-order"],
        encoding: values.encoding,
        delimiter: values.delimiter === "tab" ? "\t" : values.delimiter,
        dreamdataDumps: values["dreamdata-dumps"],
      };
      const common = { id: values.id, name: values.name, format: values.format, scheduleMinutes: values.schedule, parse };
      const input = values.folder
        ? { ...common, kind: "file_folder", location: { path: values.folder } }
        : {
            ...common,
            kind: "s3_flatfile",
            credentialId: values.credential ? await findCredentialId(values.credential) : undefined,
            location: { bucket: values.bucket, prefix: values.prefix, region: values.region, endpoint: values.endpoint },
          };
      const { source, created } = await saveSource(input as SaveSourceInput, null);
      out.result(`${created ? "Added" : "Updated"} ${line(source)}`, { source, created });
    } else if (sub === "test" && rest[0]) {
      const source = await findSource(rest[0]);
      const result = await testSourceConnection(source.id, null);
      const files = result.files.map((f) => `  ${f.use === "read" ? "+" : " "} ${f.name}  ${f.size ?? "?"} bytes  ${f.etag ?? ""}`);
      out.result([`${result.ok ? "OK" : "FAILED"}: ${result.message}`, ...files].join("\n"), result);
      if (!result.ok) throw new AppError("bad_request", result.message);
    } else {
      throw new AppError("bad_request", USAGE);
    }
  },
};
