"""baocao: Vietnamese government reports into Parquet tables.

The stages, in order: ingest → normalize → metadata → segment → references → entities → dates →
figures → checks → locate → write. ``process_file`` takes one file through them;
``run`` processes many files into an output folder.
"""

__version__ = "0.1.0"

from .batch.run import run
from .runner import process_file

__all__ = ["__version__", "process_file", "run"]
