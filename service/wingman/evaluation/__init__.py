"""`wingman eval`: corpus metrics for each capability, as a table and one JSON line."""
