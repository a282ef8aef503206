"use client";

// The user's column choice and order for a table, saved to their preferences on change.
import { useState } from "react";
import { saveColumnsAction } from "@/app/_actions/table-actions";
import type { TableId } from "@/lib/preferences/table-columns";

export function useRememberedColumns(table: TableId, initial: string[]) {
  const [columnIds, setColumnIds] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  function change(next: string[]) {
    setColumnIds(next);
    void saveColumnsAction(table, next).then((result) => setError(result.ok ? null : `Could not remember the columns: ${result.message}`));
  }

  return { columnIds, setColumnIds: change, error };
}
