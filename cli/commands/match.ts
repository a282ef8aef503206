// match list|confirm|unlink: the Matching view's operations (lib/matching), for scripts.
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { confirmExactDomainSuggestions, confirmMatch, unlinkMatch, type ConfirmMatchInput } from "@/lib/matching/account-links";
import { getMatchingReport, type MatchingReport } from "@/lib/matching/matching-report";
import type { CliCommand } from "./types";

const USAGE = `usage:
  dealport match list --destination D [--search TEXT]
  dealport match confirm --destination D (--account A --to EXTERNAL_ID | --all-exact-domain)
  dealport match unlink --destination D --account A
(A: Dealport's account id, or its id at the source when unique)`;

function reportText(r: MatchingReport) {
  const c = r.counts;
  const lines = [
    `"${r.destination.name}": ${c.accounts} accounts, ${c.linked} linked, ${c.automatic} matched by the rules, ${c.unmatched} without a match (${c.bulkConfirmable} with one exact-domain suggestion); ${c.candidates} ${r.noun}s read`,
    ...r.linked.map((l) => `  linked     ${l.accountName}  →  ${l.externalName ?? ""} ${l.externalId}  (${l.accountId})`),
    ...r.automatic.map((a) => `  automatic  ${a.accountName}  →  ${a.candidateName ?? ""} ${a.candidateId}  ${a.matchedBy}`),
    ...r.unmatched.flatMap((u) => [
      `  unmatched  ${u.accountName}  (${u.accountId}): ${u.reason}`,
      ...u.suggestions.map((s) => `               suggestion ${s.candidateName} ${s.candidateId}  ${s.why}`),
    ]),
    ...r.searchResults.map((s) => `  found      ${s.name}  ${s.id}  ${[...s.emails, ...s.websites].join(" ")}`),
  ];
  return lines.join("\n");
}

export const matchCommand: CliCommand = {
  name: "match",
  usage: "match list|confirm|unlink …",
  summary: "accounts matched to a destination's customers/accounts: list, confirm a match (or all exact-domain suggestions), unlink",
  async run(args, out) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: { destination: { type: "string" }, account: { type: "string" }, to: { type: "string" }, search: { type: "string" }, "all-exact-domain": { type: "boolean" } },
      strict: true,
    });
    if (!values.destination) throw new AppError("bad_request", USAGE);
    if (sub === "list") {
      const report = await getMatchingReport(values.destination, { search: values.search });
      out.result(reportText(report), report);
    } else if (sub === "confirm" && values["all-exact-domain"]) {
      const result = await confirmExactDomainSuggestions(values.destination, null);
      out.result(`Linked ${result.confirmed} accounts on their exact domain; ${result.ambiguous} have several candidates on it and need a person`, result);
    } else if (sub === "confirm" && values.account && values.to) {
      const input: ConfirmMatchInput = { account: values.account, externalId: values.to, via: "manual" };
      const link = await confirmMatch(values.destination, input, null);
      out.result(`Linked account ${link.accountId} to ${link.externalName ?? ""} ${link.externalId}`, { link });
    } else if (sub === "unlink" && values.account) {
      out.result(`Removed the saved link of account ${values.account}`, await unlinkMatch(values.destination, { account: values.account }, null));
    } else {
      throw new AppError("bad_request", USAGE);
    }
  },
};
