"""Facts about KQL's built-in functions that the semantic checks need."""

from __future__ import annotations

from typing import Final

# Result types of common scalar functions; the rest are unknown (compatible with anything).
RESULT_TYPES: Final[dict[str, str]] = {
    **dict.fromkeys(("ago", "now", "todatetime", "startofday", "startofweek"), "datetime"),
    **dict.fromkeys(("startofmonth", "startofyear", "endofday", "endofweek"), "datetime"),
    **dict.fromkeys(("endofmonth", "endofyear", "datetime_add", "make_datetime"), "datetime"),
    **dict.fromkeys(
        ("unixtime_seconds_todatetime", "unixtime_milliseconds_todatetime"), "datetime"
    ),
    **dict.fromkeys(("tostring", "tolower", "toupper", "strcat", "substring", "trim"), "string"),
    **dict.fromkeys(("extract", "replace_string", "replace_regex", "strcat_delim"), "string"),
    **dict.fromkeys(
        ("url_decode", "url_encode", "base64_decode_tostring", "hash_sha256"), "string"
    ),
    **dict.fromkeys(("format_datetime", "tohex", "trim_start", "trim_end", "reverse"), "string"),
    **dict.fromkeys(("toint",), "int"),
    **dict.fromkeys(("tolong", "strlen", "countof", "datetime_diff", "array_length"), "long"),
    **dict.fromkeys(("indexof", "dcount", "count", "countif", "dcountif", "hash"), "long"),
    **dict.fromkeys(("toreal", "todouble", "round", "log", "log10", "sqrt", "exp"), "real"),
    **dict.fromkeys(("totimespan", "time"), "timespan"),
    **dict.fromkeys(("tobool", "toboolean", "isempty", "isnotempty", "isnull"), "bool"),
    **dict.fromkeys(("isnotnull", "ipv4_is_private", "ipv4_is_match", "ipv4_is_in_range"), "bool"),
    **dict.fromkeys(("has_any_ipv4", "has_ipv4", "has_ipv4_prefix", "ipv6_is_match"), "bool"),
    **dict.fromkeys(("parse_json", "todynamic", "pack", "bag_pack", "pack_array"), "dynamic"),
    **dict.fromkeys(("make_set", "make_list", "make_bag", "split", "extract_all"), "dynamic"),
    **dict.fromkeys(("parse_url", "parse_path", "parse_command_line", "set_union"), "dynamic"),
    **dict.fromkeys(("toguid", "new_guid"), "guid"),
}

# Functions that leave the workspace: a read-only hunting query may not use them.
CROSS_SCOPE: Final[frozenset[str]] = frozenset(
    {"cluster", "database", "workspace", "app", "resource", "adx", "arg", "entity_group"}
)

# evaluate plugins that reach other services over the network.
EXTERNAL_PLUGINS: Final[frozenset[str]] = frozenset(
    {
        "http_request",
        "http_request_post",
        "sql_request",
        "mysql_request",
        "postgresql_request",
        "cosmosdb_sql_request",
        "azure_digital_twins_query_request",
        "ai_embeddings",
        "ai_chat_completion",
        "ai_chat_completion_prompt",
        "python",
        "r",
    }
)

# Aggregations whose default output column is `<prefix><first argument>`.
AGGREGATE_PREFIX: Final[dict[str, str]] = {
    "count": "count_",
    "countif": "countif_",
    "dcount": "dcount_",
    "dcountif": "dcountif_",
    "sum": "sum_",
    "sumif": "sumif_",
    "avg": "avg_",
    "avgif": "avgif_",
    "min": "min_",
    "max": "max_",
    "minif": "minif_",
    "maxif": "maxif_",
    "make_set": "set_",
    "make_set_if": "set_",
    "makeset": "set_",
    "make_list": "list_",
    "make_list_if": "list_",
    "makelist": "list_",
    "make_list_with_nulls": "list_",
    "make_bag": "bag_",
    "make_bag_if": "bag_",
    "any": "any_",
    "take_any": "any_",
    "anyif": "anyif_",
    "take_anyif": "anyif_",
    "stdev": "stdev_",
    "stdevif": "stdevif_",
    "variance": "variance_",
    "varianceif": "varianceif_",
    "hll": "hll_",
    "tdigest": "tdigest_",
    "buildschema": "schema_",
}

# Aggregations whose argument is a predicate, not a column: `countif(...)` is named `countif_`.
AGGREGATE_BARE: Final[frozenset[str]] = frozenset({"countif"})

# arg_max(ByColumn, Col, ...) outputs the columns it names, or all input columns for `*`.
ARG_AGGREGATES: Final[frozenset[str]] = frozenset({"arg_max", "arg_min"})

# Rounding functions whose use in a `by` clause keeps the column's name.
BINNING: Final[frozenset[str]] = frozenset({"bin", "floor", "bin_at", "bin_auto"})
