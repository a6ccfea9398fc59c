"""What leaves the pipeline: the Parquet tables (``write``, the only module that knows Arrow)."""
