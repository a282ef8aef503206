import { parseArgs } from "node:util";
import { listAccountLinkRules, saveAccountLinkRule } from "@/lib/accounts/link-accounts";
import { listDealLinkRules, saveDealLinkRule } from "@/lib/deals/link-deals";
import { AppError } from "@/lib/errors";
import type { CliCommand } from "./types";

const RULES = {
  deals: { list: listDealLinkRules, save: saveDealLinkRule, noun: "Deals" },
  accounts: { list: listAccountLinkRules, save: saveAccountLinkRule, noun: "Accounts" },
} as const;

export const linkRuleCommand: CliCommand = {
  name: "link-rule",
  usage:
    "link-rule list [--accounts] | set [--accounts] --source <id> --field <externalId|property> --other-source <id> --other-field <externalId|property> (accounts also: domain, name)",
  summary: "deals (or, with --accounts, accounts) of two sources are one record when these fields match (applied by each later import of either source)",
  async run(args, out) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: { accounts: { type: "boolean" }, source: { type: "string" }, field: { type: "string" }, "other-source": { type: "string" }, "other-field": { type: "string" } },
      strict: true,
    });
    const kind = RULES[values.accounts ? "accounts" : "deals"];
    if (sub === "list") {
      const rules = await kind.list();
      out.result(rules.map((r) => `${r.sourceId}.${r.field} = ${r.otherSourceId}.${r.otherField}`).join("\n") || "No link rules", { rules });
    } else if (sub === "set") {
      const rule = await kind.save(
        { sourceId: values.source ?? "", field: values.field ?? "", otherSourceId: values["other-source"] ?? "", otherField: values["other-field"] ?? "" },
        null,
      );
      out.result(`${kind.noun} link when ${rule.field} of ${rule.sourceId} equals ${rule.otherField} of ${rule.otherSourceId}; the next import of either source applies it`, { rule });
    } else {
      throw new AppError("bad_request", `usage: dealport ${linkRuleCommand.usage}`);
    }
  },
};
