"""The supervision models (监督预警模型): documented rules that look through the
registers for patterns a legal reviewer should look at, and the flags they raise.

`rules` holds each model (its code, what it looks for, its thresholds and its
query), `actions` the scan and the handling of a flag (confirm, dismiss),
`jobs` the nightly scan of every town. See docs/supervision-models.md."""
