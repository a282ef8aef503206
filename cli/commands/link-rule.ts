import { parseArgs } from "node:util";
import { listDealLinkRules, saveDealLinkRule } from "@/lib/deals/link-deals";
import { AppError } from "@/lib/errors";
import type { CliCommand } from "./types";

export const linkRuleCommand: CliCommand = {
  name: "link-rule",
  usage: "link-rule list | set --source <id> --field <externalId|property> --other-source <id> --other-field <externalId|property>",
  summary: "deals of two sources are one deal when these fields match (applied by each later import of either source)",
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === "list") {
      const rules = await listDealLinkRules();
      out.result(rules.map((r) => `${r.sourceId}.${r.field} = ${r.otherSourceId}.${r.otherField}`).join("\n") || "No link rules", { rules });
    } else if (sub === "set") {
      const { values } = parseArgs({
        args: rest,
        options: { source: { type: "string" }, field: { type: "string" }, "other-source": { type: "string" }, "other-field": { type: "string" } },
        strict: true,
      });
      const rule = await saveDealLinkRule(
        { sourceId: values.source ?? "", field: values.field ?? "", otherSourceId: values["other-source"] ?? "", otherField: values["other-field"] ?? "" },
        null,
      );
      out.result(`Deals link when ${rule.field} of ${rule.sourceId} equals ${rule.otherField} of ${rule.otherSourceId}; the next import of either source applies it`, { rule });
    } else {
      throw new AppError("bad_request", `usage: dealport ${linkRuleCommand.usage}`);
    }
  },
};
