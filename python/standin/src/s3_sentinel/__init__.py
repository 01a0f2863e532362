"""Stand-in for s3-sentinel-connector (CI test of the python target only)."""

__version__ = "0.0.0-standin"
