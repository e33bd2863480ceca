"""The public portal (行政执法公示): read-only pages for anyone, without a login, built
only from published data and from explicit allow-lists of fields."""
