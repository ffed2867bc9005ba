"""`articles`: the operator's view of the stack's records (list, show, export, audit, redrive, backfill...)."""
