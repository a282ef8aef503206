-- Browse filters combine stage, pipeline and owner, which real pipelines correlate (a renewal
-- pipeline has its own stages, an owner works a few pipelines). Per-column statistics multiply
-- the selectivities as if independent and underestimate the combination, which makes the
-- planner walk a sort index expecting early matches. Extended statistics let it see the
-- combined frequencies (ANALYZE, including autovacuum, fills them in).
CREATE STATISTICS "Deal_stage_pipeline_owner_stats" (dependencies, mcv) ON "stage", "pipeline", "owner" FROM "Deal";
ANALYZE "Deal";
